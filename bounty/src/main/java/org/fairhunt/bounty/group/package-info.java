/**
 * Groups a hunter may name: CEL expressions over the program's features (compiled against the
 * feature schema, bounded in size and cost, with the features they use read from the syntax tree)
 * and learned groups given as ONNX models whose output is the 0/1 indicator.
 */
package org.fairhunt.bounty.group;

/** The algorithmic bias bounty: CEL groups, ONNX models, pointer decision lists. */
package org.fairhunt.bounty;

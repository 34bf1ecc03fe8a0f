/**
 * The program's feature schema (names, kinds, category levels, label and task) and its one encoding
 * of a table: each feature becomes one float32 ONNX input named like the feature (categorical
 * features as their level's code in the schema, numbers as they are, missing or unknown values as
 * NaN) and one CEL variable (categorical features as their string value, {@code ""} when missing;
 * numbers as doubles, NaN when missing).
 */
package org.fairhunt.bounty.schema;

/**
 * An exported bounty model: a directory with {@code manifest.json} (feature schema and encoding,
 * loss, the list's nodes with their groups) and the ONNX files it refers to, named by SHA-256, and the
 * Java runtime that predicts with it exactly as the program's engine did on the holdout.
 */
package org.fairhunt.bounty.export;

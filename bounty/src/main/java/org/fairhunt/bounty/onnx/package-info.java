/**
 * ONNX for the bounty: a small, faithful writer of the {@code onnx.proto} messages the hunter kit
 * needs (built on protobuf-java's {@code CodedOutputStream}, so no generated code and no Python),
 * an inspector that refuses unsafe or unsupported model files before ONNX Runtime sees them, and
 * {@link org.fairhunt.bounty.onnx.OnnxModel}, which checks a model's inputs and outputs against
 * the program's feature schema and runs it.
 */
package org.fairhunt.bounty.onnx;

package org.fairhunt.bounty.onnx;

import java.util.List;

/** Hand-built ONNX graphs for tests here and in the modules that use this one's test jar. */
public final class TestModels {
    private TestModels() {
    }

    /**
     * A classifier that takes minutes: a chain of 40 {@code size}x{@code size} matrix products of a matrix
     * built from the float input {@code input} (so that ONNX Runtime cannot fold it into a constant when it
     * loads the model); its output is the int64 label {@code input > max(product)}.
     */
    public static byte[] slowModel(String input, int size) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("slow").input(input, OnnxGraphBuilder.FLOAT, -1, 1);
        g.initializer("shape", new long[] {size, size}, 2);
        g.node("ReduceMax", List.of(input), List.of("s")).attr("keepdims", 1L).add();
        g.node("Expand", List.of("s", "shape"), List.of("m0")).add();
        for (int k = 1; k <= 40; k++) {
            g.node("MatMul", List.of("m" + (k - 1), "m0"), List.of("m" + k)).add();
        }
        g.node("ReduceMax", List.of("m40"), List.of("t")).attr("keepdims", 0L).add();
        g.node("Greater", List.of(input, "t"), List.of("gt")).add();
        g.node("Cast", List.of("gt"), List.of("label")).attr("to", (long) OnnxGraphBuilder.INT64).add();
        return g.output("label", OnnxGraphBuilder.INT64, -1, 1).build();
    }
}

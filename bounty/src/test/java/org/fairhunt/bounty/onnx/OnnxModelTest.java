package org.fairhunt.bounty.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;
import org.junit.jupiter.api.Test;

/** Models written by hand with {@link OnnxGraphBuilder}: what runs, and what is refused and why. */
class OnnxModelTest {
    static final Table TABLE = table();
    static final FeatureSchema SCHEMA = FeatureSchema.infer("y", Task.CLASSIFICATION, TABLE);
    static final FeatureData DATA = SCHEMA.encode(TABLE, true);

    static Table table() {
        TableBuilder b = new TableBuilder("t.csv", List.of("color", "w", "y"));
        b.addRow(new String[] {"red", "1.5", "no"});
        b.addRow(new String[] {"blue", "-2", "yes"});
        b.addRow(new String[] {"green", null, "yes"});
        b.addRow(new String[] {null, "0", "no"});
        return b.build();
    }

    static OnnxModel load(byte[] bytes, OnnxModel.Role role) {
        return OnnxModel.load("m.onnx", bytes, SCHEMA, role, 1 << 20, 5_000);
    }

    static String refusal(byte[] bytes, OnnxModel.Role role) {
        return assertThrows(UserInputException.class, () -> load(bytes, role)).getMessage();
    }

    /** class = 1 when w > 0 (a missing w compares false): Greater + Cast. */
    static OnnxGraphBuilder positiveW() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("t").input("w", OnnxGraphBuilder.FLOAT, -1, 1);
        g.initializer("zero", new float[] {0f});
        g.node("Greater", List.of("w", "zero"), List.of("gt")).add();
        g.node("Cast", List.of("gt"), List.of("label")).attr("to", (long) OnnxGraphBuilder.INT64).add();
        return g;
    }

    /** A model that takes minutes here (40 products of 2000x2000 matrices). */
    static byte[] slowModel() {
        return TestModels.slowModel("w", 2000);
    }

    @Test
    void a_model_that_runs_past_the_time_limit_is_stopped_with_a_clear_message() {
        long start = System.nanoTime();
        try (OnnxModel model = OnnxModel.load("slow.onnx", slowModel(), SCHEMA, OnnxModel.Role.PREDICTOR, 1 << 20, 300)) {
            String m = assertThrows(UserInputException.class, () -> model.predict(DATA)).getMessage();
            assertEquals("slow.onnx: model ran longer than the program's limit of 300 ms", m);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Unstopped, the 40 products take minutes here; stopped, the run ends after the product in flight.
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    @Test
    void a_hand_written_graph_runs_on_the_schemas_encoding() {
        byte[] m = positiveW().output("label", OnnxGraphBuilder.INT64, -1, 1).build();
        try (OnnxModel model = load(m, OnnxModel.Role.PREDICTOR)) {
            assertArrayEquals(new double[] {1, 0, 0, 0}, model.predict(DATA));
        }
        // Categorical codes follow the sorted levels: blue=0, green=1, red=2; a missing value is NaN.
        OnnxGraphBuilder g = new OnnxGraphBuilder("t").input("color", OnnxGraphBuilder.FLOAT, -1, 1);
        g.initializer("one", new float[] {1f});
        g.node("Equal", List.of("color", "one"), List.of("is_green")).add();
        g.output("is_green", OnnxGraphBuilder.BOOL, -1, 1);
        try (OnnxModel group = load(g.build(), OnnxModel.Role.GROUP)) {
            boolean[] m2 = group.indicator(DATA);
            assertArrayEquals(new boolean[] {false, false, true, false}, m2);
        }
    }

    @Test
    void inputs_that_are_not_features_or_not_float_columns_are_refused() {
        byte[] unknown = new OnnxGraphBuilder("t").input("weight", OnnxGraphBuilder.FLOAT, -1, 1)
                .node("Identity", List.of("weight"), List.of("o")).add().output("o", OnnxGraphBuilder.FLOAT, -1, 1).build();
        String m1 = refusal(unknown, OnnxModel.Role.PREDICTOR);
        assertTrue(m1.contains("model input 'weight' is not a feature of the program") && m1.contains("color, w"), m1);
        byte[] wide = new OnnxGraphBuilder("t").input("w", OnnxGraphBuilder.FLOAT, -1, 3)
                .node("Identity", List.of("w"), List.of("o")).add().output("o", OnnxGraphBuilder.FLOAT, -1, 3).build();
        String m2 = refusal(wide, OnnxModel.Role.PREDICTOR);
        assertTrue(m2.contains("must be a float32 tensor of shape [N,1]") && m2.contains("float [N,3]"), m2);
        byte[] ints = new OnnxGraphBuilder("t").input("w", OnnxGraphBuilder.INT64, -1, 1)
                .node("Identity", List.of("w"), List.of("o")).add().output("o", OnnxGraphBuilder.INT64, -1, 1).build();
        assertTrue(refusal(ints, OnnxModel.Role.PREDICTOR).contains("but is int64 [N,1]"));
    }

    @Test
    void an_output_of_the_wrong_type_or_shape_is_refused() {
        byte[] floatOut = positiveW().node("Cast", List.of("label"), List.of("f")).attr("to", (long) OnnxGraphBuilder.FLOAT).add()
                .output("f", OnnxGraphBuilder.FLOAT, -1, 1).build();
        String m = refusal(floatOut, OnnxModel.Role.PREDICTOR);
        assertTrue(m.contains("must be the class code (0..1 for [no, yes]) as an int64 tensor"), m);
        byte[] wide = new OnnxGraphBuilder("t").input("w", OnnxGraphBuilder.FLOAT, -1, 1)
                .node("Concat", List.of("w", "w"), List.of("o")).attr("axis", 1L).add()
                .node("Cast", List.of("o"), List.of("c")).attr("to", (long) OnnxGraphBuilder.INT64).add()
                .output("c", OnnxGraphBuilder.INT64, -1, 2).build();
        assertTrue(refusal(wide, OnnxModel.Role.PREDICTOR).contains("but is int64 [N,2]"));
        byte[] code = positiveW().initializer("two", new long[] {2L}).node("Add", List.of("label", "two"), List.of("bad")).add()
                .output("bad", OnnxGraphBuilder.INT64, -1, 1).build();
        try (OnnxModel model = load(code, OnnxModel.Role.PREDICTOR)) {
            String msg = assertThrows(UserInputException.class, () -> model.predict(DATA)).getMessage();
            assertTrue(msg.contains("class code 3 outside 0..1"), msg);
        }
    }

    @Test
    void custom_operators_local_functions_external_data_and_oversized_files_are_refused() {
        ProtoMessage node = new ProtoMessage().string(1, "w").string(2, "o").string(4, "Evil").string(7, "com.example");
        ProtoMessage graph = new ProtoMessage().message(1, node).string(2, "g");
        byte[] custom = new ProtoMessage().int64(1, 8).message(7, graph).message(8, new ProtoMessage().string(1, "").int64(2, 13))
                .toByteArray();
        assertTrue(refusal(custom, OnnxModel.Role.PREDICTOR).contains("custom operator com.example.Evil"));
        byte[] customOpset = new ProtoMessage().int64(1, 8).message(7, new ProtoMessage().string(2, "g"))
                .message(8, new ProtoMessage().string(1, "com.microsoft").int64(2, 1)).toByteArray();
        assertTrue(refusal(customOpset, OnnxModel.Role.PREDICTOR).contains("custom domain 'com.microsoft'"));
        ProtoMessage external = new ProtoMessage().int64(1, 1).int64(2, 1).string(8, "weights")
                .message(13, new ProtoMessage().string(1, "location").string(2, "/etc/passwd")).int64(14, 1);
        byte[] ext = new ProtoMessage().int64(1, 8).message(7, new ProtoMessage().string(2, "g").message(5, external)).toByteArray();
        String e = refusal(ext, OnnxModel.Role.PREDICTOR);
        assertTrue(e.contains("tensor 'weights' keeps its data in an external file"), e);
        byte[] function = new ProtoMessage().int64(1, 8).message(7, new ProtoMessage().string(2, "g"))
                .message(25, new ProtoMessage().string(1, "f")).toByteArray();
        assertTrue(refusal(function, OnnxModel.Role.PREDICTOR).contains("model-local functions"));
        byte[] ok = positiveW().output("label", OnnxGraphBuilder.INT64, -1, 1).build();
        String big = assertThrows(UserInputException.class,
                () -> OnnxModel.load("m.onnx", ok, SCHEMA, OnnxModel.Role.PREDICTOR, 50, 5_000)).getMessage();
        assertTrue(big.contains("over the program's limit of 50 bytes"), big);
        assertTrue(refusal(new byte[0], OnnxModel.Role.PREDICTOR).contains("the file is empty"));
        assertTrue(refusal(new byte[] {(byte) 0xff, (byte) 0xff, 1}, OnnxModel.Role.PREDICTOR).startsWith("m.onnx: not an ONNX model"));
    }
}

package org.fairhunt.bounty.learn;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.bounty.onnx.OnnxGraphBuilder;
import org.fairhunt.bounty.schema.Feature;
import org.fairhunt.bounty.schema.FeatureSchema;

/**
 * ONNX graphs for the hunter kit's models, over the program's encoding: one float32 [N,1] input per
 * feature, concatenated into X [N,F] in schema order.
 */
public final class OnnxExport {
    /** What a tree ensemble's output Y [N,targets] becomes. */
    public enum TreeOutput {
        /** Y is the class code (one classification tree): cast to int64. */
        CLASS_CODE,
        /** Y is a margin: class 1 when Y &gt; 0 (binary boosting). */
        POSITIVE_MARGIN,
        /** Y is the predicted number (regression). */
        VALUE,
        /** Y holds one cost per class: predict the cheapest class. */
        ARGMIN,
    }

    private OnnxExport() {
    }

    private static OnnxGraphBuilder withInputs(FeatureSchema schema, String name) {
        OnnxGraphBuilder g = new OnnxGraphBuilder(name);
        List<String> in = new ArrayList<>();
        for (Feature f : schema.features()) {
            g.input(f.name(), OnnxGraphBuilder.FLOAT, -1, 1);
            in.add(f.name());
        }
        g.node("Concat", in, List.of("X")).attr("axis", 1L).add();
        return g;
    }

    private static void addEnsemble(OnnxGraphBuilder g, List<Tree> trees, int[] targetOfTree, int targets, float[] base, String out) {
        List<Long> treeIds = new ArrayList<>();
        List<Long> nodeIds = new ArrayList<>();
        List<Long> featureIds = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<Long> trueIds = new ArrayList<>();
        List<Long> falseIds = new ArrayList<>();
        List<Long> tTree = new ArrayList<>();
        List<Long> tNode = new ArrayList<>();
        List<Long> tId = new ArrayList<>();
        List<Float> tWeight = new ArrayList<>();
        for (int t = 0; t < trees.size(); t++) {
            Tree tree = trees.get(t);
            for (int n = 0; n < tree.nodeCount(); n++) {
                treeIds.add((long) t);
                nodeIds.add((long) n);
                if (tree.isLeaf(n)) {
                    featureIds.add(0L);
                    modes.add("LEAF");
                    values.add(0f);
                    trueIds.add(0L);
                    falseIds.add(0L);
                    tTree.add((long) t);
                    tNode.add((long) n);
                    tId.add((long) targetOfTree[t]);
                    tWeight.add(tree.values[n][0]);
                } else {
                    featureIds.add((long) tree.feature[n]);
                    modes.add("BRANCH_LEQ");
                    values.add(tree.threshold[n]);
                    trueIds.add((long) tree.left[n]);
                    falseIds.add((long) tree.right[n]);
                }
            }
        }
        g.mlNode("TreeEnsembleRegressor", List.of("X"), List.of(out))
                .attr("nodes_treeids", longs(treeIds)).attr("nodes_nodeids", longs(nodeIds))
                .attr("nodes_featureids", longs(featureIds)).attr("nodes_modes", modes.toArray(String[]::new))
                .attr("nodes_values", floats(values)).attr("nodes_truenodeids", longs(trueIds))
                .attr("nodes_falsenodeids", longs(falseIds))
                .attr("nodes_missing_value_tracks_true", new long[treeIds.size()])
                .attr("target_treeids", longs(tTree)).attr("target_nodeids", longs(tNode)).attr("target_ids", longs(tId))
                .attr("target_weights", floats(tWeight)).attr("n_targets", (long) targets)
                .attr("aggregate_function", "SUM").attr("post_transform", "NONE").attr("base_values", base)
                .add();
    }

    /** A predictor from a tree ensemble. */
    public static byte[] treeEnsemble(FeatureSchema schema, List<Tree> trees, int[] targetOfTree, int targets, float[] base,
            TreeOutput output, String name) {
        OnnxGraphBuilder g = withInputs(schema, name);
        addEnsemble(g, trees, targetOfTree, targets, base, "Y");
        switch (output) {
            case CLASS_CODE -> {
                g.node("Cast", List.of("Y"), List.of("label")).attr("to", (long) OnnxGraphBuilder.INT64).add();
                g.output("label", OnnxGraphBuilder.INT64, -1, 1);
            }
            case POSITIVE_MARGIN -> {
                g.initializer("zero", new float[] {0f});
                g.node("Greater", List.of("Y", "zero"), List.of("positive")).add();
                g.node("Cast", List.of("positive"), List.of("label")).attr("to", (long) OnnxGraphBuilder.INT64).add();
                g.output("label", OnnxGraphBuilder.INT64, -1, 1);
                g.output("Y", OnnxGraphBuilder.FLOAT, -1, 1);
            }
            case VALUE -> g.output("Y", OnnxGraphBuilder.FLOAT, -1, 1);
            case ARGMIN -> {
                g.node("ArgMin", List.of("Y"), List.of("label")).attr("axis", 1L).attr("keepdims", 1L).add();
                g.output("label", OnnxGraphBuilder.INT64, -1, 1);
            }
        }
        return g.build();
    }

    /**
     * A group model from a tree ensemble of per-class cost estimates Y [N,K]: member when the lowest
     * estimate is below {@code -margin} (some label is predicted to beat the current model).
     */
    public static byte[] gainGroup(FeatureSchema schema, List<Tree> trees, int[] targetOfTree, int targets, float margin, String name) {
        OnnxGraphBuilder g = withInputs(schema, name);
        addEnsemble(g, trees, targetOfTree, targets, new float[targets], "Y");
        g.node("ReduceMin", List.of("Y"), List.of("best")).attr("axes", new long[] {1}).attr("keepdims", 1L).add();
        g.initializer("cut", new float[] {-margin});
        g.node("Less", List.of("best", "cut"), List.of("member")).add();
        g.output("member", OnnxGraphBuilder.BOOL, -1, 1);
        return g.build();
    }

    /**
     * Binary logistic regression: numeric features with missing values replaced by {@code means},
     * categorical features one-hot by code (a missing or unknown value matches no level), a weight
     * per numeric feature and per categorical level, and a bias. Outputs the class code (1 when the
     * logit is positive) and the probability of class 1.
     */
    public static byte[] logistic(FeatureSchema schema, LogisticRegression.Weights w, String name) {
        OnnxGraphBuilder g = new OnnxGraphBuilder(name);
        List<String> terms = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        List<Float> means = new ArrayList<>();
        List<Float> numericWeights = new ArrayList<>();
        for (int j = 0; j < schema.features().size(); j++) {
            Feature f = schema.features().get(j);
            g.input(f.name(), OnnxGraphBuilder.FLOAT, -1, 1);
            if (f.categorical()) {
                int k = f.levels().size();
                float[] codes = new float[k];
                for (int c = 0; c < k; c++) {
                    codes[c] = c;
                }
                g.initializer("levels_" + j, codes, k);
                g.initializer("w_" + j, w.levelWeights()[j], k, 1);
                g.node("Equal", List.of(f.name(), "levels_" + j), List.of("eq_" + j)).add();
                g.node("Cast", List.of("eq_" + j), List.of("onehot_" + j)).attr("to", (long) OnnxGraphBuilder.FLOAT).add();
                g.node("MatMul", List.of("onehot_" + j, "w_" + j), List.of("term_" + j)).add();
                terms.add("term_" + j);
            } else {
                numeric.add(f.name());
                means.add(w.means()[j]);
                numericWeights.add(w.numericWeights()[j]);
            }
        }
        if (!numeric.isEmpty()) {
            int m = numeric.size();
            g.node("Concat", numeric, List.of("Xn")).attr("axis", 1L).add();
            g.initializer("means", floats(means), m);
            g.initializer("wn", floats(numericWeights), m, 1);
            g.node("IsNaN", List.of("Xn"), List.of("nan")).add();
            g.node("Where", List.of("nan", "means", "Xn"), List.of("Xi")).add();
            g.node("MatMul", List.of("Xi", "wn"), List.of("term_numeric")).add();
            terms.add("term_numeric");
        }
        g.initializer("bias", new float[] {w.bias()}, 1);
        terms.add("bias");
        g.node("Sum", terms, List.of("logit")).add();
        g.initializer("zero", new float[] {0f});
        g.node("Greater", List.of("logit", "zero"), List.of("positive")).add();
        g.node("Cast", List.of("positive"), List.of("label")).attr("to", (long) OnnxGraphBuilder.INT64).add();
        g.node("Sigmoid", List.of("logit"), List.of("probability")).add();
        g.output("label", OnnxGraphBuilder.INT64, -1, 1);
        g.output("probability", OnnxGraphBuilder.FLOAT, -1, 1);
        return g.build();
    }

    private static long[] longs(List<Long> l) {
        return l.stream().mapToLong(Long::longValue).toArray();
    }

    private static float[] floats(List<Float> l) {
        float[] a = new float[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}

package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.fairhunt.bounty.learn.HunterKit;
import org.fairhunt.bounty.learn.Learner;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.Task;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class HunterKitTest {
    private final Table train = Synthetic.table("train", 1500, 1);
    private final Table other = Synthetic.table("other", 1500, 2);
    private final FeatureSchema schema = FeatureSchema.infer("deny", Task.CLASSIFICATION, train, other);
    private final FeatureData data = schema.encode(train, true);
    private final int[] all = IntStream.range(0, train.rowCount()).toArray();

    @ParameterizedTest
    @EnumSource(Learner.class)
    void exported_model_predicts_like_the_learner_in_onnx_runtime(Learner learner) {
        HunterKit.Trained t = HunterKit.train(schema, data, all, learner, HunterKit.Options.defaults());
        // train() itself compares ONNX Runtime with the learner row by row; here: few rows near the boundary,
        // and the model is better than always predicting the majority class on fresh rows of the same rule.
        assertTrue(t.nearBoundary() <= 3, "near-boundary rows: " + t.nearBoundary());
        FeatureData fresh = schema.encode(other, true);
        try (OnnxModel m = OnnxModel.load("t", t.onnx(), schema, OnnxModel.Role.PREDICTOR, 1 << 24, 10_000)) {
            double[] p = m.predict(fresh);
            double[] y = fresh.labels();
            int correct = 0;
            int ones = 0;
            for (int i = 0; i < y.length; i++) {
                correct += p[i] == y[i] ? 1 : 0;
                ones += (int) y[i];
            }
            int majority = Math.max(ones, y.length - ones);
            assertTrue(correct > majority, learner + ": " + correct + " correct vs majority " + majority);
        }
    }

    @Test
    void logistic_regression_refuses_a_numeric_label() {
        FeatureSchema reg = FeatureSchema.infer("age", Task.REGRESSION, train);
        FeatureData d = reg.encode(train, true);
        UserInputException e = assertThrows(UserInputException.class,
                () -> HunterKit.train(reg, d, all, Learner.LOGISTIC, HunterKit.Options.defaults()));
        assertTrue(e.getMessage().contains("two-class"), e.getMessage());
    }

    @Test
    void regression_tree_reproduces_group_means_of_a_step_function() {
        FeatureSchema reg = FeatureSchema.infer("age", Task.REGRESSION, train);
        FeatureData d = reg.encode(train, true);
        HunterKit.Trained t = HunterKit.train(reg, d, all, Learner.TREE, new HunterKit.Options(0, 1, 1, 0.1, 1));
        // depth 0: one leaf holding the mean age, computed here independently
        double mean = IntStream.range(0, train.rowCount()).mapToDouble(i -> train.numeric("age").value(i)).average().orElseThrow();
        assertEquals(mean, t.predictions()[0], 1e-4);
    }
}

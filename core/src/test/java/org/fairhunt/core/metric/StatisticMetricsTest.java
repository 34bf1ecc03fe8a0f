package org.fairhunt.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

/** Score and regression metrics against values computed by hand. */
class StatisticMetricsTest {

    private static MetricValue overall(AuditRun run, String metric) {
        return run.metric(metric).orElseThrow().value(0, 0);
    }

    @Test
    void score_metrics_match_hand_computation() {
        // y, s: (1, 0.9) (1, 0.65) (0, 0.6) (0, 0.05) (1, 1.0)
        Table t = Tables.of("s.csv", List.of("g", "y", "s"),
                new String[] {"a", "1", "0.9"}, new String[] {"a", "1", "0.65"}, new String[] {"b", "0", "0.6"},
                new String[] {"b", "0", "0.05"}, new String[] {"b", "1", "1.0"});
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().group("g")
                .statistic(new ScoreStatistic("y", null, "s")).auc("y", null, "s").build());
        // Brier: (0.01 + 0.1225 + 0.36 + 0.0025 + 0) / 5 = 0.099
        assertEquals(0.099, overall(run, "brier").value(), 1e-12);
        // mean score: 3.2 / 5
        assertEquals(0.64, overall(run, "mean_score").value(), 1e-12);
        // ECE bins: [0.9,1] holds 0.9 and 1.0 (mean 0.95, rate 1) → 2/5·0.05; [0.6,0.7) holds 0.65 and 0.6
        // (mean 0.625, rate 0.5) → 2/5·0.125; [0,0.1) holds 0.05 (rate 0) → 1/5·0.05. Sum 0.02+0.05+0.01 = 0.08
        assertEquals(0.08, overall(run, "ece").value(), 1e-12);
        // AUC: positives 0.9, 0.65, 1.0 vs negatives 0.6, 0.05: all 6 pairs ordered → 1
        assertEquals(1.0, run.metric("auc").orElseThrow().value(0, 0).value(), 1e-12);
        // Slice a has no negatives: AUC undefined with a reason.
        MetricValue aucA = run.metric("auc").orElseThrow().value(1, 0);
        assertFalse(aucA.defined());
        assertEquals("no negatives with a score", aucA.reason());
    }

    @Test
    void scores_outside_unit_interval_make_brier_and_ece_undefined_but_not_mean_score() {
        Table t = Tables.of("logit.csv", List.of("g", "y", "s"), new String[] {"a", "1", "2.5"}, new String[] {"b", "0", "-1"});
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().group("g").minGroupSize(1)
                .statistic(new ScoreStatistic("y", null, "s")).build());
        assertEquals("scores outside [0, 1] are not probabilities", overall(run, "brier").reason());
        assertEquals("scores outside [0, 1] are not probabilities", overall(run, "ece").reason());
        assertEquals(0.75, overall(run, "mean_score").value(), 1e-12);
    }

    @Test
    void regression_metrics_match_hand_computation() {
        // errors (prediction − label): +1, −3, +2, 0
        Table t = Tables.of("r.csv", List.of("g", "y", "yhat"), new String[] {"a", "10", "11"}, new String[] {"a", "5", "2"},
                new String[] {"b", "0", "2"}, new String[] {"b", "7", "7"}, new String[] {"b", "", "3"});
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().group("g").statistic(new RegressionStatistic("y", "yhat")).build());
        assertEquals(1.5, overall(run, "mae").value(), 1e-12);
        assertEquals(Math.sqrt(14.0 / 4), overall(run, "rmse").value(), 1e-12);
        assertEquals(0.0, overall(run, "mean_error").value(), 1e-12);
        // slice a: errors +1, −3
        assertEquals(-1.0, run.metric("mean_error").orElseThrow().value(1, 0).value(), 1e-12);
        assertEquals(List.of("1 rows: rows with a missing 'y' or 'yhat' are left out of the regression metrics"), run.warnings());
    }

    @Test
    void empty_slice_statistics_are_undefined_with_reasons() {
        double[] zeros = new double[5 + 3 * ScoreStatistic.BINS];
        assertEquals("no rows with a label and a score", ScoreStatistic.ScoreMetric.BRIER.evaluate(zeros, 0).reason());
        assertEquals("no rows with a label and a prediction", RegressionStatistic.RegressionMetric.MAE.evaluate(zeros, 0).reason());
        assertEquals("no rows with a label and a prediction", ConfusionMetric.ERROR_RATE.evaluate(zeros, 0).reason());
        assertEquals(0.0, ConfusionMetric.COUNT.evaluate(zeros, 0).value());
        assertEquals("no positive predictions", ConfusionMetric.PRECISION.evaluate(zeros, 0).reason());
    }

    @Test
    void debiased_absolute_bin_error_subtracts_the_gaussian_bias() {
        // r = 0.5 over 101 rows: σ² = 0.25/100, σ = 0.05. At d = 0: 2·0 − σ√(2/π) = −0.0398942.
        assertEquals(-0.05 * Math.sqrt(2 / Math.PI), ScoreStatistic.debiasedAbs(0, 0.5, 101), 1e-12);
        // Far from 0 the bias vanishes: E|N(0.5, 0.0025)| = 0.5 (to 1e-20), so the estimate stays 0.5.
        assertEquals(0.5, ScoreStatistic.debiasedAbs(0.5, 0.5, 101), 1e-12);
        // d = 0.05 = σ: E|X| = σ√(2/π)e^{−1/2} + σ(1 − 2Φ(−1)) = 0.0241971 + 0.0341345 = 0.0583316 (scipy.stats.foldnorm(1,
        // scale=0.05).mean()); 2·0.05 − 0.0583316 = 0.0416684.
        assertEquals(0.0416684, ScoreStatistic.debiasedAbs(0.05, 0.5, 101), 1e-7);
        assertEquals(0.2, ScoreStatistic.debiasedAbs(-0.2, 1, 10), 1e-15, "r = 1: no estimated noise");
    }
}

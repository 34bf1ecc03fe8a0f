package org.fairhunt.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalEngineTest {
    // Hand-built: women rows 1-4, men rows 5-10; age band a/b, one missing age.
    static final Table TEN = Tables.of("ten.csv", List.of("sex", "age", "y", "p"),
            new String[] {"f", "a", "1", "1"},
            new String[] {"f", "a", "1", "0"},
            new String[] {"f", "b", "0", "1"},
            new String[] {"f", "b", "0", "0"},
            new String[] {"m", "a", "1", "1"},
            new String[] {"m", "a", "1", "1"},
            new String[] {"m", "b", "1", "0"},
            new String[] {"m", "b", "0", "0"},
            new String[] {"m", "", "0", "0"},
            new String[] {"m", "b", "0", "1"});

    private static AuditRun run(Table t, int depth, int replicates, int threads) {
        return new LocalEngine().run(t, AuditSpec.builder().groups(List.of("sex", "age")).intersections(depth)
                .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(replicates, 7).threads(threads).build());
    }

    private static double value(AuditRun run, String metric, SliceKey key) {
        MetricValue v = run.metric(metric).orElseThrow().value(run.sliceIndex(key), 0);
        assertTrue(v.defined(), metric + " of " + key + " should be defined: " + v.reason());
        return v.value();
    }

    @Test
    void slices_are_overall_then_each_attribute_then_intersections_in_level_order() {
        AuditRun r = run(TEN, 2, 0, 1);
        List<String> labels = r.slices().stream().map(SliceKey::label).toList();
        assertEquals(List.of("(all)", "sex=f", "sex=m", "age=a", "age=b", "age=(missing)",
                "sex=f & age=a", "sex=f & age=b", "sex=m & age=a", "sex=m & age=b", "sex=m & age=(missing)"), labels);
        assertArrayEquals(new long[] {10, 4, 6, 4, 5, 1, 2, 2, 2, 3, 1}, r.sliceRows());
    }

    @Test
    void confusion_metrics_match_hand_counts() {
        AuditRun r = run(TEN, 1, 0, 1);
        SliceKey all = SliceKey.OVERALL;
        SliceKey men = new SliceKey(List.of("sex"), List.of("m"));
        // overall: TP 3, FN 2, FP 2, TN 3
        assertEquals(10, value(r, "count", all));
        assertEquals(0.6, value(r, "accuracy", all), 1e-15);
        assertEquals(0.4, value(r, "error_rate", all), 1e-15);
        assertEquals(0.6, value(r, "tpr", all), 1e-15);
        assertEquals(0.4, value(r, "fpr", all), 1e-15);
        assertEquals(0.4, value(r, "fnr", all), 1e-15);
        assertEquals(0.6, value(r, "tnr", all), 1e-15);
        assertEquals(0.6, value(r, "precision", all), 1e-15);
        assertEquals(0.6, value(r, "npv", all), 1e-15);
        assertEquals(0.4, value(r, "fdr", all), 1e-15);
        assertEquals(0.4, value(r, "false_omission_rate", all), 1e-15);
        assertEquals(0.5, value(r, "selection_rate", all), 1e-15);
        assertEquals(0.5, value(r, "prevalence", all), 1e-15);
        // men: TP 2, FN 1, TN 2, FP 1
        assertEquals(2.0 / 6, value(r, "error_rate", men), 1e-15);
        assertEquals(2.0 / 3, value(r, "tpr", men), 1e-15);
        assertEquals(1.0 / 3, value(r, "fpr", men), 1e-15);
        assertEquals(2.0 / 3, value(r, "precision", men), 1e-15);
        assertEquals(2.0 / 3, value(r, "npv", men), 1e-15);
    }

    @Test
    void undefined_metrics_carry_a_reason_not_zero() {
        AuditRun r = run(TEN, 2, 0, 1);
        // sex=m & age=a: two rows, both positives predicted positive: no negatives, no negative predictions.
        int slice = r.sliceIndex(new SliceKey(List.of("sex", "age"), List.of("m", "a")));
        MetricValue fpr = r.metric("fpr").orElseThrow().value(slice, 0);
        assertFalse(fpr.defined());
        assertEquals("no negatives", fpr.reason());
        assertEquals("no negative predictions", r.metric("npv").orElseThrow().value(slice, 0).reason());
        assertEquals(1.0, r.metric("tpr").orElseThrow().value(slice, 0).value());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void results_are_identical_for_any_thread_count(int threads) {
        Table t = Tables.random(42, 100_000, 3000);
        AuditSpec.Builder b = AuditSpec.builder().groups(List.of("a", "b", "c")).intersections(3)
                .statistic(new ConfusionStatistic("y", null, "p"))
                .statistic(new org.fairhunt.core.metric.ScoreStatistic("y", null, "s"))
                .bootstrap(20, 11).cluster("cluster").auc("y", null, "s");
        AuditRun one = new LocalEngine().run(t, b.threads(1).build());
        AuditRun many = new LocalEngine().run(t, b.threads(threads).build());
        for (int k = 0; k < one.grids().size(); k++) {
            assertArrayEquals(one.grids().get(k).sumsUnsafe(), many.grids().get(k).sumsUnsafe());
        }
        for (int s = 0; s < one.slices().size(); s++) {
            assertArrayEquals(one.auc()[s], many.auc()[s]);
        }
    }

    @Test
    void score_sums_of_every_replicate_equal_a_brute_force_weighted_sum_over_the_slice_rows() {
        Table t = Tables.random(8, 5000, 40);
        int bootstrap = 13;
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().groups(List.of("a", "b")).intersections(2)
                .statistic(new org.fairhunt.core.metric.ScoreStatistic("y", null, "s")).bootstrap(bootstrap, 5)
                .cluster("cluster").threads(2).build());
        StatisticGrid g = run.grids().get(0);
        List<String> slots = g.statistic().slotNames();
        int sumScore = slots.indexOf("sum_score");
        int n = slots.indexOf("n");
        PoissonWeights poisson = new PoissonWeights(5);
        double[] s = t.numeric("s").valuesUnsafe();
        for (int sl = 0; sl < run.slices().size(); sl++) {
            SliceKey key = run.slices().get(sl);
            for (int r = 0; r <= bootstrap; r++) {
                double expectedSum = 0;
                double expectedN = 0;
                for (int i = 0; i < t.rowCount(); i++) {
                    boolean in = true;
                    for (int q = 0; q < key.depth(); q++) {
                        in &= t.column(key.attributes().get(q)).text(i).equals(key.values().get(q));
                    }
                    if (in) {
                        double w = r == 0 ? 1 : poisson.weight(PoissonWeights.keyOf(t.column("cluster").text(i)), r - 1);
                        expectedSum += w * s[i];
                        expectedN += w;
                    }
                }
                assertEquals(expectedN, g.sum(sl, r, n), key.label() + " replicate " + r);
                assertEquals(expectedSum, g.sum(sl, r, sumScore), 1e-9 * expectedN, key.label() + " replicate " + r);
            }
        }
    }

    @Test
    void replicate_zero_equals_the_unbootstrapped_audit() {
        Table t = Tables.random(5, 20_000, 100);
        AuditRun plain = run2(t, 0);
        AuditRun boot = run2(t, 30);
        for (int s = 0; s < plain.slices().size(); s++) {
            assertArrayEquals(plain.grids().get(0).sums(s, 0), boot.grids().get(0).sums(s, 0));
        }
    }

    private static AuditRun run2(Table t, int replicates) {
        return new LocalEngine().run(t, AuditSpec.builder().groups(List.of("a", "b")).intersections(2)
                .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(replicates, 3).threads(2).build());
    }

    @Test
    void numeric_group_attribute_must_be_binned() {
        Table t = Tables.of("n.csv", List.of("age", "y", "p"), new String[] {"30", "1", "1"}, new String[] {"40", "0", "1"});
        UserInputException e = assertThrows(UserInputException.class, () -> new LocalEngine().run(t,
                AuditSpec.builder().group("age").statistic(new ConfusionStatistic("y", null, "p")).build()));
        assertEquals("n.csv: group attribute 'age' is numeric; bin it first, for example --bin age=25,40,60", e.getMessage());
    }

    @Test
    void group_with_a_single_value_is_refused() {
        Table t = Tables.of("one.csv", List.of("g", "y", "p"), new String[] {"x", "1", "1"}, new String[] {"x", "0", "1"});
        UserInputException e = assertThrows(UserInputException.class, () -> new LocalEngine().run(t,
                AuditSpec.builder().group("g").statistic(new ConfusionStatistic("y", null, "p")).build()));
        assertEquals("one.csv: group attribute 'g' has the single value 'x' in all 2 rows, so it cannot tell groups apart",
                e.getMessage());
    }

    @Test
    void rows_with_missing_label_are_counted_in_the_slice_and_reported() {
        Table t = Tables.of("m.csv", List.of("g", "y", "p"), new String[] {"x", "1", "1"}, new String[] {"z", "", "1"},
                new String[] {"x", "0", "0"});
        AuditRun r = new LocalEngine().run(t, AuditSpec.builder().group("g").minGroupSize(1)
                .statistic(new ConfusionStatistic("y", null, "p")).build());
        assertEquals(3, r.sliceRows()[0]);
        assertEquals(2, value(r, "count", SliceKey.OVERALL));
        assertEquals(List.of("1 rows: rows with a missing 'y' or 'p' are left out of the confusion metrics"), r.warnings());
        assertNull(r.auc());
    }
}

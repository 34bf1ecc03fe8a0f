package org.fairhunt.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.table.TableBuilder;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

class AucTest {

    /** Brute force over every positive–negative pair, ties counting one half. */
    static double pairCount(double[] s, boolean[] pos) {
        double num = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (pos[i] && !pos[j]) {
                    pairs++;
                    num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return num / pairs;
    }

    @Test
    void hand_example_with_ties() {
        // positives 0.9, 0.5; negatives 0.5, 0.1: pairs (0.9>0.5)=1, (0.9>0.1)=1, (0.5=0.5)=0.5, (0.5>0.1)=1 → 3.5/4
        MetricValue v = Auc.of(new double[] {0.9, 0.5, 0.5, 0.1}, new boolean[] {true, true, false, false}, null);
        assertEquals(0.875, v.value(), 1e-15);
    }

    @Test
    void engine_auc_equals_brute_force_pair_count_in_every_slice() {
        Table t = Tables.random(3, 2000, 50);
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().groups(List.of("a", "b")).intersections(2)
                .auc("y", null, "s").statistic(new ConfusionStatistic("y", null, "p")).threads(2).build());
        double[] s = t.numeric("s").valuesUnsafe();
        CategoricalColumn y = t.categorical("y");
        for (int sl = 0; sl < run.slices().size(); sl++) {
            var key = run.slices().get(sl);
            List<Integer> rows = rowsOf(t, key);
            double[] ss = rows.stream().mapToDouble(i -> s[i]).toArray();
            boolean[] pp = new boolean[rows.size()];
            for (int q = 0; q < pp.length; q++) {
                pp[q] = y.text(rows.get(q)).equals("1");
            }
            assertEquals(pairCount(ss, pp), run.auc()[sl][0], 1e-12, key.label());
        }
    }

    @Test
    void weighted_auc_equals_the_auc_of_rows_repeated_by_weight() {
        Random rnd = new Random(9);
        int n = 60;
        double[] s = new double[n];
        boolean[] p = new boolean[n];
        double[] w = new double[n];
        List<Double> rs = new java.util.ArrayList<>();
        List<Boolean> rp = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextInt(10) / 10.0;
            p[i] = rnd.nextBoolean();
            w[i] = rnd.nextInt(3);
            for (int k = 0; k < w[i]; k++) {
                rs.add(s[i]);
                rp.add(p[i]);
            }
        }
        boolean[] rpa = new boolean[rp.size()];
        for (int i = 0; i < rpa.length; i++) {
            rpa[i] = rp.get(i);
        }
        assertEquals(pairCount(rs.stream().mapToDouble(Double::doubleValue).toArray(), rpa), Auc.of(s, p, w).value(), 1e-12);
    }

    /** Rows of {@code t} in slice {@code key}. */
    private static List<Integer> rowsOf(Table t, SliceKey key) {
        List<Integer> rows = new java.util.ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            boolean in = true;
            for (int q = 0; q < key.depth(); q++) {
                in &= t.column(key.attributes().get(q)).text(i).equals(key.values().get(q));
            }
            if (in) {
                rows.add(i);
            }
        }
        return rows;
    }

    /** A table with long tie blocks, integer or fractional row weights, clusters and a few rows lacking a label or a score. */
    private static Table weightedTable(long seed, int n, boolean integerWeights) {
        return weightedTable(seed, n, integerWeights, 12);
    }

    /** {@code distinct} score values: 12 gives tie blocks of dozens of rows, 400 blocks of one to a few. */
    private static Table weightedTable(long seed, int n, boolean integerWeights, int distinct) {
        Random rnd = new Random(seed);
        TableBuilder b = new TableBuilder("weighted-" + seed, List.of("y", "s", "w", "a", "b", "k"));
        for (int i = 0; i < n; i++) {
            String y = rnd.nextInt(40) == 0 ? "" : Integer.toString(rnd.nextInt(3) == 0 ? 1 : 0);
            String s = rnd.nextInt(50) == 0 ? "" : Integer.toString(rnd.nextInt(distinct) - 3);
            if (rnd.nextInt(7) == 0) {
                s = String.format("%.6f", rnd.nextDouble());
            }
            b.addRow(new String[] {y, s, integerWeights ? Integer.toString(rnd.nextInt(4))
                : String.format("%.3f", 0.1 + rnd.nextDouble() * 3), "a" + rnd.nextInt(3),
                "b" + rnd.nextInt(2), "k" + rnd.nextInt(23)});
        }
        return b.build();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "integer weights: {0}, {1} distinct scores")
    @org.junit.jupiter.params.provider.CsvSource({"false, 12", "true, 12", "true, 400", "false, 400"})
    void every_bootstrap_replicate_of_every_slice_equals_the_oracle_with_that_replicates_weights(boolean integerWeights,
            int distinct) {
        // Integer weights take the exact paths (long tie blocks summed per atom, short ones per slice), fractional
        // ones the row path that keeps the order of additions.
        assertEquals(integerWeights, AucPass.exactSums(new double[] {integerWeights ? 2 : 2.5}, 1, true));
        Table t = weightedTable(5, 700, integerWeights, distinct);
        int bootstrap = 13;
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().groups(List.of("a", "b")).intersections(2)
                .bootstrap(bootstrap, 77).cluster("k").weight("w").auc("y", null, "s").threads(2).build());
        assertEqualsOracle(t, run, bootstrap, 77);
    }

    /**
     * Three attributes at every depth: tie blocks summed per atom roll up through the subsets level by level
     * (at depth 3 the top subset's slices are the atoms; at depth 2 three pairs are the top).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "depth {0}, {1} distinct scores, {2} replicates")
    @org.junit.jupiter.params.provider.CsvSource({"1, 6, 9", "2, 6, 9", "3, 6, 9", "3, 60, 9", "2, 3000, 9", "2, 6, 0",
        "3, 60, 0", "1, 3000, 0"})
    void every_replicate_equals_the_oracle_with_three_attributes(int depth, int distinct, int bootstrap) {
        Random rnd = new Random(depth * 31L + distinct);
        TableBuilder b = new TableBuilder("three", List.of("y", "s", "w", "a", "b", "c", "k"));
        for (int i = 0; i < 1500; i++) {
            b.addRow(new String[] {Integer.toString(rnd.nextInt(3) == 0 ? 1 : 0), Integer.toString(rnd.nextInt(distinct)),
                Integer.toString(1 + rnd.nextInt(2)), "a" + rnd.nextInt(2), "b" + rnd.nextInt(3),
                "c" + rnd.nextInt(4), "k" + rnd.nextInt(300)});
        }
        Table t = b.build();
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().groups(List.of("a", "b", "c")).intersections(depth)
                .bootstrap(bootstrap, 5).cluster("k").weight("w").auc("y", null, "s").threads(2).build());
        assertEqualsOracle(t, run, bootstrap, 5);
    }

    /**
     * Unweighted rows without a cluster column (each row its own cluster), the audit's common case: long tie blocks
     * count their rows' draws per atom in 16-bit counters. {@code rows} = 320,000 with two scores puts about 72,000
     * rows of one label and one atom in one tie block, whose draws (mean 1) overflow a 16-bit counter unless they
     * are added to the sums in time. 13 replicates on 2 threads leave a part with a partial block of four.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "depth {0}, {1} distinct scores, {2} rows, {3} threads, {4} replicates")
    @org.junit.jupiter.params.provider.CsvSource({"3, 6, 3000, 2, 13", "2, 60, 3000, 2, 13", "1, 3, 3000, 1, 13",
        "1, 2, 320000, 1, 13", "3, 6, 3000, 2, 0", "2, 60, 3000, 2, 0", "1, 3, 3000, 1, 0", "2, 3000, 3000, 1, 0"})
    void unweighted_replicates_equal_the_oracle(int depth, int distinct, int rows, int threads, int bootstrap) {
        Random rnd = new Random(depth * 131L + distinct + rows);
        TableBuilder b = new TableBuilder("unweighted", List.of("y", "s", "a", "b", "c"));
        for (int i = 0; i < rows; i++) {
            int score = rnd.nextInt(distinct);
            boolean positive = rnd.nextInt(10) < (distinct == 2 ? (score == 1 ? 9 : 1) : 3);
            b.addRow(new String[] {positive ? "1" : "0", Integer.toString(score), "a" + rnd.nextInt(2),
                "b" + rnd.nextInt(3), "c" + rnd.nextInt(4)});
        }
        Table t = b.build();
        List<String> groups = depth == 1 && rows > 100_000 ? List.of("a") : List.of("a", "b", "c");
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().groups(groups).intersections(depth)
                .bootstrap(bootstrap, 11).auc("y", null, "s").threads(threads).build());
        assertEqualsOracle(t, run, bootstrap, 11, null, null);
    }

    private static void assertEqualsOracle(Table t, AuditRun run, int bootstrap, long seed) {
        assertEqualsOracle(t, run, bootstrap, seed, "w", "k");
    }

    /** Every replicate of every slice against {@link Auc}; {@code weight} and {@code cluster} may be {@code null}. */
    private static void assertEqualsOracle(Table t, AuditRun run, int bootstrap, long seed, String weight, String cluster) {
        PoissonWeights poisson = new PoissonWeights(seed);
        double[] s = t.numeric("s").valuesUnsafe();
        double[] w = weight == null ? null : t.numeric(weight).valuesUnsafe();
        long[] key = new long[t.rowCount()];
        for (int i = 0; i < key.length; i++) {
            key[i] = cluster == null ? PoissonWeights.keyOfRow(i) : PoissonWeights.keyOf(t.column(cluster).text(i));
        }
        for (int sl = 0; sl < run.slices().size(); sl++) {
            List<Integer> rows = rowsOf(t, run.slices().get(sl));
            rows.removeIf(i -> Double.isNaN(s[i]) || t.column("y").isMissing(i));
            double[] ss = rows.stream().mapToDouble(i -> s[i]).toArray();
            boolean[] pp = new boolean[rows.size()];
            for (int q = 0; q < pp.length; q++) {
                pp[q] = t.column("y").text(rows.get(q)).equals("1");
            }
            for (int r = 0; r <= bootstrap; r++) {
                double[] ww = new double[rows.size()];
                for (int q = 0; q < ww.length; q++) {
                    int i = rows.get(q);
                    double base = w == null ? 1 : w[i];
                    ww[q] = r == 0 ? base : base * poisson.weight(key[i], r - 1);
                }
                MetricValue expected = Auc.of(ss, pp, ww);
                String where = run.slices().get(sl).label() + " replicate " + r;
                if (expected.defined()) {
                    assertEquals(expected.value(), run.auc()[sl][r], 1e-12, where);
                    assertNull(run.aucReasons()[sl][r], where);
                } else {
                    assertEquals(expected.reason(), run.aucReasons()[sl][r], where);
                }
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "integer weights: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void auc_is_bit_identical_for_one_two_and_five_threads(boolean integerWeights) {
        Table t = weightedTable(6, 3000, integerWeights);
        double[][] one = null;
        for (int threads : new int[] {1, 2, 5}) {
            AuditRun run = new LocalEngine().run(t, AuditSpec.builder().groups(List.of("a", "b")).intersections(2)
                    .bootstrap(37, 3).cluster("k").weight("w").auc("y", null, "s").threads(threads).build());
            if (one == null) {
                one = run.auc();
            } else {
                for (int sl = 0; sl < one.length; sl++) {
                    assertArrayEquals(one[sl], run.auc()[sl], threads + " threads, slice " + sl);
                }
            }
        }
    }
}

package org.fairhunt.core.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.disparity.Disparities;
import org.fairhunt.core.disparity.ReferenceChoice;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.audit.AuditResults;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.api.Test;

/**
 * Validation of the statistics by simulation: many synthetic data sets drawn from a known truth (fixed
 * seeds), each audited by the real engine, and the share of 95% intervals that cover the truth. With
 * 1000 data sets the Monte Carlo standard error of a coverage near 0.95 is about 0.007, so the accepted
 * band [0.93, 0.97] is about three standard errors wide on each side. Each simulated row is a case whose
 * prediction is wrong with the stated probability; the audited metric is the error rate.
 */
@org.fairhunt.core.testing.Slow
class CoverageSimulationTest {
    private static final int DATA_SETS = 1000;
    private static final int REPLICATES = 200;

    /** A table of rows in group g (0 or 1), wrong (1) or right (0), and a cluster id. */
    private static Table table(int[] group, int[] wrong, int[] cluster) {
        int n = group.length;
        int[] y = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = 1;
            p[i] = wrong[i] == 1 ? 0 : 1;
        }
        int[] clusterCodes = cluster.clone();
        int clusters = 0;
        for (int c : cluster) {
            clusters = Math.max(clusters, c + 1);
        }
        List<String> clusterLevels = new java.util.ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            clusterLevels.add("k" + c);
        }
        return new Table("sim", List.of(new CategoricalColumn("g", group.clone(), List.of("a", "b")),
                new CategoricalColumn("y", y, List.of("0", "1")), new CategoricalColumn("p", p, List.of("0", "1")),
                new CategoricalColumn("cluster", clusterCodes, clusterLevels)));
    }

    private static AuditRun audit(Table t, int replicates, long seed, boolean clustered) {
        return new LocalEngine().run(t, AuditSpec.builder().group("g").minGroupSize(1)
                .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(replicates, seed)
                .cluster(clustered ? "cluster" : null).threads(1).build());
    }

    private static boolean covers(AuditResult r, double truth) {
        Interval ci = r.overall().metric("error_rate").ci();
        return ci != null && ci.contains(truth);
    }

    /**
     * The bootstrap percentile interval of the overall error rate, read from the run's replicates directly
     * (the audit result prefers Wilson's interval for unclustered proportions, so it would not show the
     * bootstrap's own coverage).
     */
    private static boolean bootstrapCovers(AuditRun run, double truth) {
        var series = run.metric("error_rate").orElseThrow();
        double[] reps = new double[run.replicates()];
        for (int r = 1; r <= run.replicates(); r++) {
            var v = series.value(0, r);
            reps[r - 1] = v.defined() ? v.value() : Double.NaN;
        }
        Interval ci = BootstrapIntervals.percentile(reps, 0.95);
        return ci != null && ci.contains(truth);
    }

    /** Independent rows: n = 200, error probability 0.3, groups alternate. */
    private static Table independent(SplittableRandom rnd, int n, double p0, double p1) {
        int[] g = new int[n];
        int[] wrong = new int[n];
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = i % 2;
            wrong[i] = rnd.nextDouble() < (g[i] == 0 ? p0 : p1) ? 1 : 0;
            cluster[i] = i;
        }
        return table(g, wrong, cluster);
    }

    private static void assertCoverage(String what, int covered, int total) {
        double coverage = (double) covered / total;
        System.out.printf("coverage of %s: %.3f%n", what, coverage);
        assertTrue(coverage >= 0.93 && coverage <= 0.97, what + ": coverage " + coverage + " outside [0.93, 0.97]");
    }

    @Test
    void wilson_and_bootstrap_intervals_of_a_proportion_cover_the_truth_95_percent_of_the_time() {
        SplittableRandom rnd = new SplittableRandom(20240601);
        int wilson = 0;
        int bootstrap = 0;
        for (int k = 0; k < DATA_SETS; k++) {
            Table t = independent(rnd, 200, 0.3, 0.3);
            if (covers(AuditResults.from(audit(t, 0, 0, false), List.of("error_rate"), Map.of(), 0.95), 0.3)) {
                wilson++;
            }
            if (bootstrapCovers(audit(t, REPLICATES, k + 1, false), 0.3)) {
                bootstrap++;
            }
        }
        assertCoverage("a proportion, Wilson", wilson, DATA_SETS);
        assertCoverage("a proportion, Poisson bootstrap", bootstrap, DATA_SETS);
    }

    @Test
    void intervals_of_a_difference_between_groups_cover_the_true_difference() {
        // Groups of 100 rows; error probability 0.25 in a, 0.40 in b: the difference a - b is -0.15.
        SplittableRandom rnd = new SplittableRandom(7);
        ReferenceChoice refB = ReferenceChoice.parse(List.of("g=b"));
        int newcombe = 0;
        int bootstrap = 0;
        for (int k = 0; k < DATA_SETS; k++) {
            Table t = independent(rnd, 200, 0.25, 0.40);
            if (differenceCovers(audit(t, 0, 0, false), refB, -0.15)) {
                newcombe++;
            }
            if (differenceCovers(audit(t, REPLICATES, k + 1, false), refB, -0.15)) {
                bootstrap++;
            }
        }
        assertCoverage("a difference, Newcombe", newcombe, DATA_SETS);
        assertCoverage("a difference, Poisson bootstrap", bootstrap, DATA_SETS);
    }

    private static boolean differenceCovers(AuditRun run, ReferenceChoice ref, double truth) {
        List<Disparity> all = Disparities.compute(run, AuditResults.select(run, List.of("error_rate")), ref, 0.95);
        Disparity d = all.stream().filter(x -> x.kind() == Disparity.DIFFERENCE && x.attributes().equals(Map.of("g", "a")))
                .findFirst().orElseThrow();
        return d.lo() != null && d.lo() <= truth && truth <= d.hi();
    }

    /**
     * Clustered rows: 80 clusters of 3 rows; each cluster's error probability is 0.9 (a quarter of clusters) or 0.1,
     * so the mean is 0.3 and rows of a cluster are strongly alike (intra-cluster correlation 0.57). The cluster
     * bootstrap keeps its coverage; resampling rows (or Wilson's interval) treats 240 correlated rows as independent
     * and under-covers.
     */
    @Test
    void cluster_bootstrap_covers_clustered_data_where_row_level_intervals_do_not() {
        SplittableRandom rnd = new SplittableRandom(99);
        int clusterCovered = 0;
        int rowCovered = 0;
        int wilsonCovered = 0;
        int clusters = 80;
        int size = 3;
        for (int k = 0; k < DATA_SETS; k++) {
            int n = clusters * size;
            int[] g = new int[n];
            int[] wrong = new int[n];
            int[] cluster = new int[n];
            for (int c = 0; c < clusters; c++) {
                double p = rnd.nextDouble() < 0.25 ? 0.9 : 0.1;
                for (int j = 0; j < size; j++) {
                    int i = c * size + j;
                    g[i] = c % 2;
                    cluster[i] = c;
                    wrong[i] = rnd.nextDouble() < p ? 1 : 0;
                }
            }
            Table t = table(g, wrong, cluster);
            List<String> m = List.of("error_rate");
            AuditRun clustered = audit(t, REPLICATES, k + 1, true);
            if (covers(AuditResults.from(clustered, m, Map.of(), 0.95), 0.3)) {
                clusterCovered++;
            }
            if (bootstrapCovers(audit(t, REPLICATES, k + 1, false), 0.3)) {
                rowCovered++;
            }
            if (covers(AuditResults.from(audit(t, 0, 0, false), m, Map.of(), 0.95), 0.3)) {
                wilsonCovered++;
            }
        }
        assertCoverage("clustered data, cluster bootstrap", clusterCovered, DATA_SETS);
        double rows = (double) rowCovered / DATA_SETS;
        double wilson = (double) wilsonCovered / DATA_SETS;
        System.out.printf("coverage of clustered data, row bootstrap: %.3f, Wilson: %.3f%n", rows, wilson);
        assertTrue(rows < 0.90, "row-level bootstrap should under-cover clustered data, got " + rows);
        assertTrue(wilson < 0.90, "Wilson should under-cover clustered data, got " + wilson);
    }

    @Test
    void overall_slice_key_is_the_first() {
        // The coverage checks read result.overall(); make sure it is the overall population.
        Table t = independent(new SplittableRandom(1), 10, 0.5, 0.5);
        assertTrue(audit(t, 0, 0, false).slices().get(0).equals(SliceKey.OVERALL));
    }
}

package org.fairhunt.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fairhunt.core.disparity.Disparities;
import org.fairhunt.core.disparity.ReferenceChoice;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.audit.AuditResults;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.api.Test;

/** Benjamini–Hochberg keeps the false discovery rate at or below its level: by simulation, with fixed seeds. */
@org.fairhunt.core.testing.Slow
class FalseDiscoverySimulationTest {

    @Test
    void benjamini_hochberg_q_values_match_a_hand_computed_example() {
        // p sorted: 0.01, 0.02, 0.03, 0.04, 0.5 (m = 5): p·m/rank = 0.05, 0.05, 0.05, 0.05, 0.5; running minimum from the top.
        double[] q = MultipleTesting.benjaminiHochberg(new double[] {0.04, 0.5, 0.01, Double.NaN, 0.03, 0.02});
        assertEquals(0.05, q[0], 1e-12);
        assertEquals(0.5, q[1], 1e-12);
        assertEquals(0.05, q[2], 1e-12);
        assertEquals(Double.NaN, q[3]);
        assertEquals(0.05, q[4], 1e-12);
        assertEquals(0.05, q[5], 1e-12);
    }

    /**
     * 2000 families of 20 independent tests, 15 true nulls (uniform p-values) and 5 real effects (z shifted by 3).
     * BH at 5% guarantees FDR = E[false rejections / rejections] ≤ (15/20) · 5% = 3.75%.
     */
    @Test
    void bh_controls_the_false_discovery_rate_with_independent_tests() {
        SplittableRandom rnd = new SplittableRandom(314159);
        int families = 2000;
        double fdrSum = 0;
        double power = 0;
        for (int f = 0; f < families; f++) {
            double[] p = new double[20];
            for (int i = 0; i < 20; i++) {
                if (i < 15) {
                    p[i] = rnd.nextDouble();
                } else {
                    double z = gaussian(rnd) + 3;
                    p[i] = 2 * (1 - Proportions.normalCdf(Math.abs(z)));
                }
            }
            double[] q = MultipleTesting.benjaminiHochberg(p);
            int rejected = 0;
            int falseRejections = 0;
            for (int i = 0; i < 20; i++) {
                if (q[i] <= 0.05) {
                    rejected++;
                    falseRejections += i < 15 ? 1 : 0;
                    power += i < 15 ? 0 : 1.0 / 5;
                }
            }
            fdrSum += rejected == 0 ? 0 : (double) falseRejections / rejected;
        }
        double fdr = fdrSum / families;
        System.out.printf("BH, independent tests: FDR %.4f (bound 0.0375), power %.3f%n", fdr, power / families);
        assertTrue(fdr <= 0.05, "FDR " + fdr);
        assertTrue(power / families > 0.5, "the test must also find real effects");
    }

    /**
     * End to end under the complete null: four groups of 100 rows with the same error probability (0.3) and
     * selection rate, audited with 200 Poisson bootstrap replicates; every disparity (difference, ratio, max gap of
     * every confusion metric) is a true null, so any rejection at q ≤ 0.05 is a false discovery and the FDR is the
     * chance of at least one. The bootstrap p-values are approximate and the comparisons strongly dependent (fnr
     * and tpr are the same test), so this checks the whole chain, not BH's theorem.
     */
    @Test
    void bootstrap_disparities_under_the_null_rarely_reject_after_bh() {
        SplittableRandom rnd = new SplittableRandom(2718);
        int datasets = 300;
        int anyRejection = 0;
        int comparisons = 0;
        for (int k = 0; k < datasets; k++) {
            int n = 400;
            int[] g = new int[n];
            int[] y = new int[n];
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                g[i] = i % 4;
                y[i] = rnd.nextDouble() < 0.5 ? 1 : 0;
                boolean wrong = rnd.nextDouble() < 0.3;
                p[i] = wrong ? 1 - y[i] : y[i];
            }
            Table t = new Table("null", List.of(new CategoricalColumn("g", g, List.of("a", "b", "c", "d")),
                    new CategoricalColumn("y", y, List.of("0", "1")), new CategoricalColumn("p", p, List.of("0", "1"))));
            AuditRun run = new LocalEngine().run(t, AuditSpec.builder().group("g").minGroupSize(1)
                    .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(200, k + 1).threads(1).build());
            List<Disparity> all = Disparities.compute(run, AuditResults.select(run, null), ReferenceChoice.LARGEST, 0.95);
            List<Double> q = new ArrayList<>();
            for (Disparity d : all) {
                if (d.qValue() != null) {
                    q.add(d.qValue());
                }
            }
            comparisons = q.size();
            if (q.stream().anyMatch(v -> v <= 0.05)) {
                anyRejection++;
            }
        }
        double fdr = (double) anyRejection / datasets;
        System.out.printf("BH over %d bootstrap comparisons per audit, complete null: FDR %.4f%n", comparisons, fdr);
        // Monte Carlo standard error at 0.05 with 300 data sets: 0.0126.
        assertTrue(fdr <= 0.05 + 2 * 0.0126, "FDR " + fdr);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

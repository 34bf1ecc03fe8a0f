package org.fairhunt.core.disparity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.audit.AuditResults;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

class DisparitiesTest {

    /** Group a: 70 positives, 56 missed (error 0.8); group b: 80 positives, 48 missed (error 0.6). */
    static Table newcombeExample() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            rows.add(new String[] {"a", "1", i < 56 ? "0" : "1", "k" + i});
        }
        for (int i = 0; i < 80; i++) {
            rows.add(new String[] {"b", "1", i < 48 ? "0" : "1", "k" + (100 + i)});
        }
        return Tables.of("newcombe.csv", List.of("g", "y", "p", "cluster"), rows.toArray(new String[0][]));
    }

    private static AuditRun run(Table t, List<String> groups, int depth, int replicates, int threads) {
        return new LocalEngine().run(t, AuditSpec.builder().groups(groups).intersections(depth).minGroupSize(75)
                .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(replicates, 5).threads(threads).build());
    }

    private static List<Disparity> disparities(AuditRun run, ReferenceChoice ref) {
        return Disparities.compute(run, AuditResults.select(run, null), ref, 0.95);
    }

    private static Disparity find(List<Disparity> all, String metric, String kind, Map<String, String> slice) {
        return all.stream().filter(d -> d.metric().equals(metric) && d.kind().word().equals(kind) && d.attributes().equals(slice))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " of " + metric + " for " + slice));
    }

    @Test
    void without_bootstrap_a_difference_of_proportions_gets_newcombe_interval_and_z_test() {
        List<Disparity> all = disparities(run(newcombeExample(), List.of("g"), 1, 0, 1), ReferenceChoice.LARGEST);
        Disparity d = find(all, "error_rate", "difference", Map.of("g", "a"));
        assertEquals(Map.of("g", "b"), d.reference(), "largest slice is the reference");
        assertEquals(0.2, d.value(), 1e-12);
        // Newcombe (1998) Table II example (a): 0.0524 to 0.3339; chi-square of [[56,14],[48,32]]: p = 0.0080451
        assertEquals(0.0524, d.lo(), 5e-5);
        assertEquals(0.3339, d.hi(), 5e-5);
        assertEquals(0.0080451, d.pValue(), 1e-7);
        assertEquals("newcombe", d.method());
        assertEquals(70L, d.n());
        assertEquals(80L, d.referenceN());
        assertTrue(d.tooSmall(), "group a has 70 rows, below the minimum of 75");
    }

    @Test
    void without_bootstrap_a_ratio_gets_katz_interval() {
        List<Disparity> all = disparities(run(newcombeExample(), List.of("g"), 1, 0, 1), ReferenceChoice.LARGEST);
        Disparity r = find(all, "error_rate", "ratio", Map.of("g", "a"));
        // (56/70)/(48/80) = 4/3; Katz: exp(log R ± 1.959964 sqrt(1/56 - 1/70 + 1/48 - 1/80))
        assertEquals(4.0 / 3, r.value(), 1e-12);
        assertEquals(1.076626, r.lo(), 1e-6);
        assertEquals(1.651249, r.hi(), 1e-6);
    }

    @Test
    void without_bootstrap_the_gap_of_two_groups_is_their_newcombe_interval_and_its_inverted_p_value() {
        List<Disparity> all = disparities(run(newcombeExample(), List.of("g"), 1, 0, 1), ReferenceChoice.LARGEST);
        Disparity gap = find(all, "error_rate", "max_gap", Map.of("g", ""));
        assertEquals(0.2, gap.value(), 1e-12);
        assertEquals(Map.of("g", "b"), gap.reference(), "lower error is better");
        assertEquals(Map.of("g", "a"), gap.highest());
        // One pair, so the simultaneous interval is Newcombe's own (Newcombe 1998, Table II (a)).
        assertEquals(0.0524, gap.lo(), 5e-5);
        assertEquals(0.3339, gap.hi(), 5e-5);
        // The error rate at which Newcombe's lower end reaches 0 (scipy brentq on the same formula): z = 2.646492.
        assertEquals(0.0081331, gap.pValue(), 1e-6);
        assertEquals("sidak_newcombe", gap.method());
        assertNull(gap.reason());
    }

    @Test
    void ratio_to_a_reference_of_zero_is_null_with_a_reason() {
        // fpr is undefined (no negatives); tpr of b is 32/80, of a 14/70. Choose a reference with error 0:
        Table t = Tables.of("z.csv", List.of("g", "y", "p"), new String[] {"a", "1", "1"}, new String[] {"a", "1", "0"},
                new String[] {"b", "1", "1"}, new String[] {"b", "1", "1"}, new String[] {"b", "1", "1"});
        List<Disparity> all = disparities(run(t, List.of("g"), 1, 0, 1), ReferenceChoice.LARGEST);
        Disparity r = find(all, "error_rate", "ratio", Map.of("g", "a"));
        assertNull(r.value());
        assertEquals("the reference value is 0, so the ratio is undefined", r.reason());
        Disparity fpr = find(all, "fpr", "difference", Map.of("g", "a"));
        assertEquals("undefined in g=a: no negatives", fpr.reason());
        assertEquals(0.5, find(all, "error_rate", "difference", Map.of("g", "a")).value(), 1e-12);
    }

    @Test
    void reference_may_be_fixed_best_or_worst() {
        AuditRun run = run(newcombeExample(), List.of("g"), 1, 0, 1);
        assertEquals(Map.of("g", "a"), find(disparities(run, ReferenceChoice.parse(List.of("g=a"))), "error_rate", "difference",
                Map.of("g", "b")).reference());
        assertEquals(Map.of("g", "b"), find(disparities(run, ReferenceChoice.parse(List.of("best"))), "error_rate",
                "difference", Map.of("g", "a")).reference(), "best error rate is the lowest");
        assertEquals(Map.of("g", "a"), find(disparities(run, ReferenceChoice.parse(List.of("worst"))), "error_rate",
                "difference", Map.of("g", "b")).reference());
        assertEquals(Map.of("g", "b"), find(disparities(run, ReferenceChoice.parse(List.of("best"))), "tpr", "difference",
                Map.of("g", "a")).reference(), "best recall is the highest: b has 32/80");
    }

    @Test
    void unknown_reference_attribute_or_value_is_a_user_error_listing_the_known_ones() {
        AuditRun run = run(newcombeExample(), List.of("g"), 1, 0, 1);
        UserInputException e = assertThrows(UserInputException.class,
                () -> disparities(run, ReferenceChoice.parse(List.of("sex=f"))));
        assertEquals("--reference names attribute 'sex', which is not audited; the group attributes are: g", e.getMessage());
        e = assertThrows(UserInputException.class, () -> disparities(run, ReferenceChoice.parse(List.of("g=c"))));
        assertEquals("--reference g=c: attribute 'g' never takes that value; its values are: a, b", e.getMessage());
        e = assertThrows(UserInputException.class, () -> ReferenceChoice.parse(List.of("biggest")));
        assertEquals("--reference 'biggest' is not understood; expected largest, best, worst or ATTR=VALUE", e.getMessage());
    }

    @Test
    void bootstrap_disparities_are_identical_for_any_thread_count() {
        Table t = Tables.random(3, 30_000, 500);
        List<Disparity> one = disparities(run(t, List.of("a", "b"), 2, 40, 1), ReferenceChoice.LARGEST);
        List<Disparity> two = disparities(run(t, List.of("a", "b"), 2, 40, 2), ReferenceChoice.LARGEST);
        assertEquals(one, two);
    }

    @Test
    void bootstrap_finds_a_real_gap_and_not_a_null_one() {
        // Tables.random: prevalence 0.2 + 0.1 a, so a1 vs a0 differ by 0.1; the prediction's error rate does not
        // depend on a (it is right 80% of the time everywhere).
        Table t = Tables.random(8, 20_000, 20_000);
        List<Disparity> all = disparities(run(t, List.of("a"), 1, 200, 2), ReferenceChoice.parse(List.of("a=a0")));
        Disparity prevalence = find(all, "prevalence", "difference", Map.of("a", "a1"));
        assertEquals(0.1, prevalence.value(), 0.02);
        assertTrue(prevalence.lo() > 0.05 && prevalence.hi() < 0.15, prevalence.toString());
        assertTrue(prevalence.pValue() < 1e-20, "the closed-form z-test keeps its power under --bootstrap: " + prevalence);
        assertEquals("newcombe", prevalence.method());
        Disparity error = find(all, "error_rate", "difference", Map.of("a", "a1"));
        assertTrue(error.lo() < 0 && error.hi() > 0, error.toString());
        assertTrue(error.pValue() > 0.05, error.toString());
        for (Disparity d : all) {
            if (d.pValue() != null) {
                assertNotNull(d.qValue());
                assertTrue(d.qValue() >= d.pValue() - 1e-15, d.toString());
            }
        }
    }

    @Test
    void a_ratio_shares_the_q_value_of_its_difference_and_every_other_p_value_counts_once() {
        // compute() pairs each ratio with the difference just before it; the definition pairs them by metric, slice
        // and reference. Benjamini–Hochberg over the differences' and gaps' p-values (ratios not counted again), then
        // each ratio given its difference's q: intersections of depth 2, so many sets, references and tiny slices.
        Table t = Tables.random(21, 3000, 50);
        List<Disparity> all = disparities(run(t, List.of("a", "b", "c"), 2, 0, 1), ReferenceChoice.LARGEST);
        List<Integer> counted = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).kind().equals(Disparity.RATIO) && all.get(i).pValue() != null) {
                counted.add(i);
            }
        }
        double[] p = new double[counted.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = all.get(counted.get(k)).pValue();
        }
        double[] q = org.fairhunt.core.stats.MultipleTesting.benjaminiHochberg(p);
        assertTrue(counted.size() > 100, "many comparisons: " + counted.size());
        int ratios = 0;
        for (int i = 0; i < all.size(); i++) {
            Disparity d = all.get(i);
            int k = counted.indexOf(i);
            if (k >= 0) {
                assertEquals(q[k], d.qValue(), 0, d.toString());
            } else if (d.kind().equals(Disparity.RATIO)) {
                Disparity diff = all.stream().filter(x -> x.kind().equals(Disparity.DIFFERENCE) && x.metric().equals(d.metric())
                        && x.attributes().equals(d.attributes()) && x.reference().equals(d.reference())).findFirst().orElseThrow();
                assertEquals(d.pValue() == null ? null : diff.qValue(), d.qValue(), d.toString());
                ratios += d.qValue() == null ? 0 : 1;
            } else {
                assertNull(d.qValue(), d.toString());
            }
        }
        assertTrue(ratios > 50, "ratios with q-values: " + ratios);
    }

    @Test
    void slice_with_a_single_cluster_gets_no_bootstrap_interval() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new String[] {"x", i % 2 == 0 ? "1" : "0", i % 3 == 0 ? "1" : "0", "k" + i});
            rows.add(new String[] {"z", i % 2 == 0 ? "1" : "0", i % 5 == 0 ? "1" : "0", "only"});
        }
        Table t = Tables.of("c.csv", List.of("g", "y", "p", "cluster"), rows.toArray(new String[0][]));
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().group("g").minGroupSize(1)
                .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(50, 1).cluster("cluster").threads(1).build());
        assertTrue(run.hasSingleCluster(run.sliceIndex(new org.fairhunt.core.engine.SliceKey(List.of("g"), List.of("z")))));
        assertFalse(run.hasSingleCluster(0));
        var result = AuditResults.from(run, null, Map.of(), 0.95);
        var z = result.slices().stream().filter(s -> s.attributes().equals(Map.of("g", "z"))).findFirst().orElseThrow();
        assertNull(z.metric("error_rate").ci());
        assertEquals(AuditResults.SINGLE_CLUSTER_REASON, z.metric("error_rate").ciReason());
        assertNotNull(result.overall().metric("error_rate").ci());
        Disparity d = find(disparities(run, ReferenceChoice.parse(List.of("g=x"))), "error_rate", "difference", Map.of("g", "z"));
        assertNotNull(d.value());
        assertNull(d.lo());
        assertEquals("the slice or its reference holds fewer than 2 bootstrap clusters, so resampling cannot show its variability",
                d.reason());
    }

    @Test
    void every_attribute_set_gets_a_gap_and_intersections_are_compared_too() {
        Table t = Tables.random(4, 5_000, 5_000);
        List<Disparity> all = disparities(run(t, List.of("a", "b"), 2, 0, 1), ReferenceChoice.LARGEST);
        long gaps = all.stream().filter(d -> d.kind() == Disparity.MAX_GAP && d.metric().equals("accuracy")).count();
        assertEquals(3, gaps, "a, b and a & b");
        long pairs = all.stream().filter(d -> d.kind() == Disparity.DIFFERENCE && d.metric().equals("accuracy")).count();
        assertEquals(1 + 3 + 7, pairs, "each slice but the reference: 2-1, 4-1, 8-1");
        assertFalse(all.stream().anyMatch(d -> d.metric().equals("count")));
    }

    @Test
    void rows_missing_a_cluster_value_are_clusters_of_their_own_and_the_audit_says_so() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(new String[] {i % 2 == 0 ? "x" : "z", i % 3 == 0 ? "1" : "0", i % 4 == 0 ? "1" : "0",
                i % 10 == 0 ? "" : "k" + (i / 5)});
        }
        Table t = Tables.of("m.csv", List.of("g", "y", "p", "cluster"), rows.toArray(new String[0][]));
        AuditRun run = new LocalEngine().run(t, AuditSpec.builder().group("g").minGroupSize(1)
                .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(50, 1).cluster("cluster").threads(1).build());
        assertEquals(List.of("6 rows have no value in cluster column 'cluster'; each of them is treated as a cluster of its own"),
                run.warnings());
        assertNotNull(AuditResults.from(run, null, Map.of(), 0.95).overall().metric("error_rate").ci());
    }

    @Test
    void clustered_data_without_bootstrap_get_no_closed_form_interval() {
        AuditRun run = new LocalEngine().run(newcombeExample(), AuditSpec.builder().group("g").minGroupSize(1)
                .statistic(new ConfusionStatistic("y", null, "p")).cluster("cluster").threads(1).build());
        Disparity d = find(disparities(run, ReferenceChoice.LARGEST), "error_rate", "difference", Map.of("g", "a"));
        assertEquals(0.2, d.value(), 1e-12);
        assertNull(d.lo());
        assertNull(d.pValue());
        assertEquals("clustered data need the bootstrap for an honest interval; ask for bootstrap replicates", d.reason());
    }

    @Test
    void a_max_gap_interval_excludes_0_exactly_when_its_p_value_is_below_alpha() {
        // Closed forms and studentized bootstrap, four attribute sets, every metric: the interval and the p-value come
        // from the same simultaneous pairwise intervals, so the report cannot contradict itself.
        int checked = 0;
        for (int seed = 1; seed <= 6; seed++) {
            Table t = Tables.random(seed, 600, 600);
            for (int replicates : new int[] {0, 100}) {
                for (Disparity d : disparities(run(t, List.of("a", "b"), 2, replicates, 1), ReferenceChoice.LARGEST)) {
                    if (d.kind() == org.fairhunt.core.result.DisparityKind.MAX_GAP && d.lo() != null && d.pValue() != null && Math.abs(d.pValue() - 0.05) > 1e-6) {
                        assertEquals(d.pValue() < 0.05, d.lo() > 0, d.toString());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked);
    }

    @Test
    void a_large_attribute_set_gets_its_gap_from_simultaneous_slice_intervals_in_linear_time() {
        // 60 groups of 40 rows (more than PAIRWISE_UP_TO): error 0.2 everywhere, or 0.7 in group 0.
        for (double worst : new double[] {0.2, 0.7}) {
            java.util.Random rnd = new java.util.Random(11);
            List<String[]> rows = new ArrayList<>();
            for (int g = 0; g < 60; g++) {
                for (int i = 0; i < 40; i++) {
                    rows.add(new String[] {"g" + g, "1", rnd.nextDouble() < (g == 0 ? worst : 0.2) ? "0" : "1"});
                }
            }
            Table t = Tables.of("wide.csv", List.of("g", "y", "p"), rows.toArray(new String[0][]));
            AuditRun run = new LocalEngine().run(t, AuditSpec.builder().group("g").minGroupSize(1)
                    .statistic(new ConfusionStatistic("y", null, "p")).threads(1).build());
            Disparity gap = find(disparities(run, ReferenceChoice.parse(List.of("best"))), "error_rate", "max_gap", Map.of("g", ""));
            assertEquals("sidak_slices_wilson", gap.method());
            assertEquals(gap.pValue() < 0.05, gap.lo() > 0, gap.toString());
            assertEquals(worst > 0.5, gap.lo() > 0, "a 0.7-vs-0.2 gap is found, no gap is not: " + gap);
            assertTrue(gap.lo() <= gap.value() && gap.value() <= gap.hi(), gap.toString());
        }
    }
}

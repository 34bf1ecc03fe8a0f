package org.fairhunt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.result.Verdict;
import org.fairhunt.core.stats.Interval;
import org.fairhunt.core.stats.IntervalMethod;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static SliceResult slice(Map<String, String> attrs, long n, double fnr, double lo, double hi) {
        Map<String, MetricEstimate> m = new LinkedHashMap<>();
        m.put("fnr", new MetricEstimate(fnr, null, new Interval(lo, hi, 0.95, IntervalMethod.WILSON), null));
        m.put("selection_rate", new MetricEstimate(0.5, null, new Interval(0.4, 0.6, 0.95, IntervalMethod.WILSON), null));
        m.put("error_rate", new MetricEstimate(0.1, null, new Interval(0.05, 0.15, 0.95, IntervalMethod.WILSON), null));
        return new SliceResult(attrs, n, n < 30, m);
    }

    /** A hand-made result: FNR per slice; a selection-rate ratio of 0.7 [0.6, 0.78]; an error gap of 0.03 [0.01, 0.045]. */
    static AuditResult result() {
        List<SliceResult> slices = new ArrayList<>();
        slices.add(slice(Map.of(), 1000, 0.10, 0.08, 0.12));
        slices.add(slice(Map.of("sex", "f"), 400, 0.15, 0.10, 0.19));
        slices.add(slice(Map.of("sex", "m"), 50, 0.50, 0.20, 0.80));
        slices.add(slice(Map.of("sex", "x"), 550, 0.05, 0.03, 0.07));
        slices.add(slice(Map.of("age", "young"), 120, 0.18, 0.12, 0.24));
        slices.add(slice(Map.of("age", "old"), 880, 0.09, 0.07, 0.11));
        List<Disparity> disparities = List.of(
                new Disparity("selection_rate", Map.of("sex", "f"), Map.of("sex", "x"), Disparity.RATIO, 0.7, 0.6, 0.78, 0.001, 0.002,
                        null, 400L, 550L, false, "bootstrap", null, null),
                new Disparity("selection_rate", Map.of("sex", "m"), Map.of("sex", "x"), Disparity.RATIO, 0.9, 0.7, 1.1, 0.4, 0.5,
                        null, 50L, 550L, false, "bootstrap", null, null),
                new Disparity("error_rate", Map.of("sex", ""), Map.of("sex", "x"), Disparity.MAX_GAP, 0.03, 0.01, 0.045, 0.01, 0.02,
                        null, null, null, false, "bootstrap", Map.of("sex", "f"), Map.of("sex", "x")),
                new Disparity("error_rate", Map.of("age", ""), Map.of("age", "old"), Disparity.MAX_GAP, 0.08, 0.02, 0.12, 0.01, 0.02,
                        null, null, null, false, "bootstrap", Map.of("age", "young"), Map.of("age", "old")));
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("fnr", "");
        metrics.put("selection_rate", "");
        metrics.put("error_rate", "");
        return new AuditResult(AuditResult.SCHEMA, "hand", 1000, Map.of(), metrics, List.of(), slices, disparities, List.of(),
                Map.of());
    }

    private static List<Verdict> judge(String yaml) {
        return PolicyEvaluator.evaluate(Policy.parse(yaml, "p.yaml"), result());
    }

    @Test
    void value_bound_passes_when_every_large_enough_slice_is_inside() {
        Verdict v = judge("constraints: [\"value(fnr) <= 0.2 over [sex] for every slice with n >= 100\"]").get(0);
        assertEquals(Verdict.PASS, v.outcome());
        assertEquals(2, v.checks().size(), "sex=m (n = 50) is not checked");
        assertEquals(0.15, v.value(), "the closest to the bound is reported");
        assertEquals("all 2 check(s) satisfy <= 0.2; the closest, value of fnr for sex=f, is 0.1500 [0.1000, 0.1900]",
                v.detail());
    }

    @Test
    void straddling_interval_is_inconclusive_with_rows_needed_from_the_square_root_law() {
        Verdict v = judge("constraints: [\"value(fnr) <= 0.2 over [age] for every slice with n >= 100\"]").get(0);
        assertEquals(Verdict.INCONCLUSIVE, v.outcome());
        // age=young: 0.18 [0.12, 0.24], n = 120: half-width toward the bound 0.06 (se 0.06/1.96), distance 0.02; 80%
        // power needs 0.02 = (1.959964 + 0.841621) se', so n' = 120 (0.06 x 2.801585 / (1.959964 x 0.02))^2 = 2206.6
        // rows, 2087 more.
        assertEquals(2087L, v.moreRowsNeeded());
        assertEquals("value of fnr for age=young is 0.1800 [0.1200, 0.2400], straddling 0.2; about 2087 more rows in its "
                + "smallest slice (n = 120) would settle it with 80% power", v.detail());
        assertEquals(PolicyOutcome.INCONCLUSIVE, PolicyOutcome.of(List.of(v)));
        assertEquals(3, PolicyOutcome.of(List.of(v)).exitCode());
    }

    @Test
    void four_fifths_rule_fails_when_the_whole_interval_is_below() {
        Verdict v = judge("constraints: [\"ratio(selection_rate) >= 0.8\"]").get(0);
        assertEquals(Verdict.FAIL, v.outcome());
        assertEquals(0.7, v.value());
        assertEquals("ratio of selection_rate for sex=f vs sex=x is 0.7000 [0.6000, 0.7800]: the whole interval violates >= 0.8",
                v.detail());
        assertEquals(List.of(Verdict.FAIL, Verdict.INCONCLUSIVE), v.checks().stream().map(Verdict.Check::outcome).toList());
        assertEquals(1, PolicyOutcome.of(List.of(v)).exitCode());
    }

    @Test
    void max_gap_is_judged_per_attribute_set() {
        List<Verdict> v = judge("""
                constraints:
                  - "max_gap(error_rate) <= 0.05 over [sex]"
                  - "max_gap(error_rate) <= 0.05 over [age]"
                  - "max_gap(error_rate) <= 0.15"
                """);
        assertEquals(Verdict.PASS, v.get(0).outcome());
        assertEquals(Verdict.INCONCLUSIVE, v.get(1).outcome());
        // 0.08 [0.02, 0.12] vs 0.05: estimate above the bound, half-width toward it 0.06, distance 0.03: for 80% power
        // 120 (0.06 x 2.801585 / (1.959964 x 0.03))^2 = 980.7 rows in the smallest age slice, 861 more.
        assertEquals(861L, v.get(1).moreRowsNeeded());
        assertEquals(Verdict.PASS, v.get(2).outcome());
        assertEquals(PolicyOutcome.INCONCLUSIVE, PolicyOutcome.of(v));
        assertEquals(PolicyOutcome.PASS, PolicyOutcome.of(List.of(v.get(0), v.get(2))));
        assertEquals(0, PolicyOutcome.PASS.exitCode());
    }

    @Test
    void rows_needed_is_null_when_the_estimate_sits_on_the_bound() {
        double z = 1.959963984540054;
        assertNull(PolicyEvaluator.moreRowsNeeded(0.2, 0.1, 0.3, 0.2, 100, z));
        assertEquals(718L, PolicyEvaluator.moreRowsNeeded(0.1, 0.0, 0.2, 0.15, 100, z), "100 (0.1 x 2.801585 / (z x 0.05))^2");
    }

    @Test
    void unknown_metric_or_attribute_is_an_error_naming_the_known_ones() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> judge("constraints:\n  - \"value(fnrr) <= 0.2\"\n"));
        assertEquals("p.yaml:2:5: unknown metric 'fnrr' in \"value(fnrr) <= 0.2\"; the audit's metrics are: fnr, selection_rate, "
                + "error_rate", e.getMessage());
        e = assertThrows(DataFormatException.class, () -> judge("constraints:\n  - \"value(fnr) <= 0.2 over [race]\"\n"));
        assertEquals("p.yaml:2:5: unknown attribute 'race' in \"value(fnr) <= 0.2 over [race]\"; the audit's group attributes "
                + "are: sex, age", e.getMessage());
        e = assertThrows(DataFormatException.class, () -> judge("constraints:\n  - \"value(fnr) <= 0.2 over [sex & age]\"\n"));
        assertEquals("p.yaml:2:5: \"value(fnr) <= 0.2 over [sex & age]\" needs the intersection sex & age, but the audit "
                + "combines at most 1 attribute(s); run it with --intersections 2", e.getMessage());
    }

    @Test
    void auditor_applies_the_policy_end_to_end() {
        // Tables.random: the prediction is right 80% of the time in every group, so the error rate is about 0.2 everywhere.
        Table t = Tables.random(21, 4_000, 4_000);
        AuditRequest request = AuditRequest.of("y", null, "p", null, List.of("a", "b")).withThreads(1)
                .withBootstrap(100, 3, null);
        Auditor.Outcome pass = Auditor.run(t, request.withPolicy(Policy.parse(
                "constraints: [\"value(error_rate) <= 0.3\", \"value(accuracy) >= 0.7\"]", "ok.yaml")));
        assertEquals(PolicyOutcome.PASS, pass.policyOutcome());
        Auditor.Outcome fail = Auditor.run(t, request.withPolicy(Policy.parse(
                "constraints: [\"value(error_rate) <= 0.1\", \"value(accuracy) >= 0.7\"]", "bad.yaml")));
        assertEquals(PolicyOutcome.FAIL, fail.policyOutcome());
        Auditor.Outcome unsure = Auditor.run(t, request.withPolicy(Policy.parse(
                "constraints: [\"max_gap(error_rate) <= 0.03 over [b]\"]", "gap.yaml")));
        assertEquals(PolicyOutcome.INCONCLUSIVE, unsure.policyOutcome(), unsure.result().verdicts().toString());
        assertEquals(2, pass.result().verdicts().size());
    }
}

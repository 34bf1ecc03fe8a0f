package org.fairhunt.core.clarify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

class ClarifyReportTest {

    private static void add(List<String[]> rows, String sex, String dept, String y, String p, int times) {
        for (int i = 0; i < times; i++) {
            rows.add(new String[] {sex, dept, y, p});
        }
    }

    /**
     * Facet sex=f (d): 10 rows, TP 3, FN 1, FP 2, TN 4. Rest sex=m (a): 20 rows, TP 10, FN 2, FP 1, TN 7.
     * Department X: f 3 TP + 1 FP; m 2 TP + 1 FP + 5 TN. Department Y: f 1 FN + 1 FP + 4 TN; m 8 TP + 2 FN + 2 TN.
     */
    static Table handTable() {
        List<String[]> rows = new ArrayList<>();
        add(rows, "f", "X", "1", "1", 3);
        add(rows, "f", "X", "0", "1", 1);
        add(rows, "f", "Y", "1", "0", 1);
        add(rows, "f", "Y", "0", "1", 1);
        add(rows, "f", "Y", "0", "0", 4);
        add(rows, "m", "X", "1", "1", 2);
        add(rows, "m", "X", "0", "1", 1);
        add(rows, "m", "X", "0", "0", 5);
        add(rows, "m", "Y", "1", "1", 8);
        add(rows, "m", "Y", "1", "0", 2);
        add(rows, "m", "Y", "0", "0", 2);
        return Tables.of("hand.csv", List.of("sex", "dept", "y", "p"), rows.toArray(new String[0][]));
    }

    private static Map<String, Map<String, MetricEstimate>> clarify(Table t, String conditional, int bootstrap) {
        AuditRequest r = AuditRequest.of("y", null, "p", null, List.of("sex")).withMinGroupSize(1).withThreads(1)
                .withBootstrap(bootstrap, 9, null).withClarify(true, conditional);
        Auditor.Outcome o = Auditor.run(t, r);
        return ClarifyReport.compute(o.run(), ClarifyReport.facets(o.run(), List.of()), 0.95);
    }

    private static double value(Map<String, Map<String, MetricEstimate>> c, String facet, String code) {
        MetricEstimate e = c.get(facet).get(code);
        assertNotNull(e, code + " of " + facet);
        assertTrue(e.defined(), code + " of " + facet + ": " + e.reason());
        return e.value();
    }

    @Test
    void pre_training_metrics_match_hand_computation() {
        var c = clarify(handTable(), "dept", 0);
        String f = "sex=f";
        assertEquals(1.0 / 3, value(c, f, "CI"), 1e-12, "(20 - 10) / 30");
        assertEquals(0.2, value(c, f, "DPL"), 1e-12, "12/20 - 4/10");
        // P_a = (0.6, 0.4), P_d = (0.4, 0.6)
        assertEquals(0.2 * Math.log(1.5), value(c, f, "KL"), 1e-12);
        assertEquals(0.6 * Math.log(1.2) + 0.4 * Math.log(0.8), value(c, f, "JS"), 1e-12);
        assertEquals(Math.sqrt(0.08), value(c, f, "LP"), 1e-12);
        assertEquals(0.2, value(c, f, "TVD"), 1e-12);
        assertEquals(0.2, value(c, f, "KS"), 1e-12);
        // dept X: A = 3/5, D = 1/7, n = 12; dept Y: A = 1/11, D = 5/7, n = 18
        assertEquals((12 * (1.0 / 7 - 0.6) + 18 * (5.0 / 7 - 1.0 / 11)) / 30, value(c, f, "CDDL"), 1e-12);
    }

    @Test
    void post_training_metrics_match_hand_computation() {
        var c = clarify(handTable(), "dept", 0);
        String f = "sex=f";
        assertEquals(0.55 - 0.5, value(c, f, "DPPL"), 1e-12, "11/20 - 5/10");
        assertEquals(0.5 / 0.55, value(c, f, "DI"), 1e-12);
        assertEquals(12.0 / 11 - 4.0 / 5, value(c, f, "DCAcc"), 1e-12, "labels+ / predictions+");
        assertEquals(6.0 / 5 - 8.0 / 9, value(c, f, "DCR"), 1e-12, "r_d - r_a, r = labels- / predictions-");
        assertEquals(10.0 / 12 - 3.0 / 4, value(c, f, "RD"), 1e-12);
        assertEquals(4.0 / 6 - 7.0 / 8, value(c, f, "SD"), 1e-12, "specificity_d - specificity_a");
        assertEquals(10.0 / 11 - 3.0 / 5, value(c, f, "DAR"), 1e-12);
        assertEquals(4.0 / 5 - 7.0 / 9, value(c, f, "DRR"), 1e-12);
        assertEquals(0.85 - 0.7, value(c, f, "AD"), 1e-12);
        assertEquals(1.0 / 2 - 2.0 / 1, value(c, f, "TE"), 1e-12, "FN/FP of d minus of a");
        // predictions: dept X: A = 4/7, D = 0/5, n = 12; dept Y: A = 1/9, D = 5/9, n = 18
        assertEquals((12 * (0 - 4.0 / 7) + 18 * (5.0 / 9 - 1.0 / 9)) / 30, value(c, f, "CDDPL"), 1e-12);
        // benefits: 3 false negatives (0), 24 right (1), 3 false positives (2): mean 1, sum of squares 36
        assertEquals((36.0 - 30) / (30 * 2), value(c, "(all)", "GE"), 1e-12);
        assertFalse(c.get(f).containsKey("GE"), "GE does not depend on the facet");
    }

    @Test
    void signs_flip_when_facet_and_rest_swap() {
        var c = clarify(handTable(), null, 0);
        assertEquals(-1.0 / 3, value(c, "sex=m", "CI"), 1e-12);
        assertEquals(-0.2, value(c, "sex=m", "DPL"), 1e-12);
        assertEquals(-(0.85 - 0.7), value(c, "sex=m", "AD"), 1e-12);
        assertFalse(c.get("sex=m").containsKey("CDDL"), "no conditional group, no CDDL");
    }

    @Test
    void label_distances_keep_only_values_both_facets_have() {
        // Facet d: all 5 labels positive; rest: 3 of 6 positive. smclarify drops the negative label (absent in d):
        // KL = 0.5 log(0.5 / 1), LP = |0.5 - 1|, TVD = 0.25, KS = 0.5.
        List<String[]> rows = new ArrayList<>();
        add(rows, "f", "X", "1", "1", 5);
        add(rows, "m", "X", "1", "1", 3);
        add(rows, "m", "X", "0", "0", 3);
        var c = clarify(Tables.of("d.csv", List.of("sex", "dept", "y", "p"), rows.toArray(new String[0][])), null, 0);
        assertEquals(0.5 * Math.log(0.5), value(c, "sex=f", "KL"), 1e-12);
        assertEquals(0.5, value(c, "sex=f", "LP"), 1e-12);
        assertEquals(0.25, value(c, "sex=f", "TVD"), 1e-12);
        assertEquals(0.5, value(c, "sex=f", "KS"), 1e-12);
        // The rest has a false positive rate defined but the facet has no negatives: specificity_d = 0/0 = 0 in smclarify.
        assertEquals(0 - 1.0, value(c, "sex=f", "SD"), 1e-12);
        // TE: FN/FP of d is 0/0 = 0, of a 0/0 = 0
        assertEquals(0, value(c, "sex=f", "TE"), 1e-12);
    }

    @Test
    void an_infinite_rate_is_undefined_with_a_reason() {
        // The rest predicts nobody positive: DI = q_d / 0.
        List<String[]> rows = new ArrayList<>();
        add(rows, "f", "X", "1", "1", 2);
        add(rows, "m", "X", "1", "0", 2);
        add(rows, "m", "X", "0", "0", 2);
        var c = clarify(Tables.of("i.csv", List.of("sex", "dept", "y", "p"), rows.toArray(new String[0][])), null, 0);
        MetricEstimate di = c.get("sex=f").get("DI");
        assertNull(di.value());
        assertEquals("+infinity (a rate with a zero denominator; Clarify reports Infinity)", di.reason());
    }

    @Test
    void bootstrap_gives_intervals_that_hold_the_estimate_and_json_section_is_keyed_by_facet_and_code() {
        Table t = Tables.random(17, 2_000, 2_000);
        AuditRequest r = AuditRequest.of("y", null, "p", null, List.of("a", "b")).withThreads(2).withBootstrap(100, 4, null)
                .withClarify(true, "c").withClarifyFacets(List.of("b=b0,b1"));
        Auditor.Outcome o = Auditor.run(t, r);
        JsonNode json = AuditJson.toTree(o.result()).get("clarify");
        assertNotNull(json);
        JsonNode di = json.get("a=a1").get("DI");
        double v = di.get("value").asDouble();
        assertTrue(di.get("ci").get("lo").asDouble() <= v && v <= di.get("ci").get("hi").asDouble(), di.toString());
        assertNotNull(json.get("b in {b0, b1}").get("CDDPL"));
        assertEquals(1, json.get("(all)").size());
        assertNotNull(AuditJson.toTree(o.result()).get("settings").get("clarify").get("codes").get("DCAcc"));
        // Identical for one thread.
        Auditor.Outcome one = Auditor.run(t, r.withThreads(1));
        assertEquals(json, AuditJson.toTree(one.result()).get("clarify"));
    }

    @Test
    void facet_value_sets_and_options_are_checked() {
        Table t = handTable();
        AuditRequest r = AuditRequest.of("y", null, "p", null, List.of("sex")).withMinGroupSize(1).withThreads(1);
        UserInputException e = assertThrows(UserInputException.class,
                () -> Auditor.run(t, r.withClarify(true, null).withClarifyFacets(List.of("sex=f,x"))));
        assertEquals("--facet sex=f,x: attribute 'sex' never takes the value 'x'; its values are: f, m", e.getMessage());
        e = assertThrows(UserInputException.class, () -> Auditor.run(t, r.withClarify(false, "dept")));
        assertEquals("--conditional-group and --facet belong to the Clarify metrics; add --clarify", e.getMessage());
        e = assertThrows(UserInputException.class, () -> Auditor.run(t, r.withClarify(true, "sex")));
        assertTrue(e.getMessage().startsWith("--conditional-group 'sex' is also a --group attribute"), e.getMessage());
    }
}

package org.fairhunt.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Golden;
import org.fairhunt.core.testing.MustRun;
import org.fairhunt.core.testing.SchemaAssert;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

/** The audit JSON is a published contract: schema-valid, stable byte for byte, ordered as asked. */
@MustRun
class AuditContractTest {
    /**
     * Twelve rows. sex=f: ages 20, 22, 35, 41, 60, 70; sex=m: 19, 33, 38, 52, 66, 80. Errors (y != p) in
     * rows 2, 5 (f) and 8, 9, 12 (m): error_rate f = 2/6, m = 3/6, all = 5/12.
     */
    static Table hand() {
        String[][] rows = {
            {"f", "20", "1000", "1", "1"}, {"f", "22", "1500", "0", "1"}, {"f", "35", "2500", "1", "1"},
            {"f", "41", "3000", "0", "0"}, {"f", "60", "1200", "1", "0"}, {"f", "70", "900", "0", "0"},
            {"m", "19", "800", "1", "1"}, {"m", "33", "2200", "0", "1"}, {"m", "38", "4000", "1", "0"},
            {"m", "52", "3500", "0", "0"}, {"m", "66", "1100", "1", "1"}, {"m", "80", "700", "0", "1"},
        };
        return Tables.of("hand.csv", List.of("sex", "age", "income", "y", "p"), rows);
    }

    private static AuditRequest handRequest(Map<String, String> bins) {
        return AuditRequest.of("y", null, "p", null, List.of("sex", "age", "income")).withBins(bins).withMinGroupSize(5)
                .withThreads(1).withMetrics(List.of("count", "error_rate", "fpr"));
    }

    private static Map<String, String> bins(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void hand_audit_matches_its_golden_file_and_hand_values() {
        AuditResult r = Auditor.run(hand(), handRequest(bins("age", "40", "income", "1000,3000"))).result();
        String json = AuditJson.toJson(r) + "\n";
        JsonNode tree = Json.parse(json);
        SchemaAssert.assertValid(ResultKind.AUDIT, tree);
        // Hand values (independent of the golden file): error rates and a bin's count.
        assertEquals(5.0 / 12, tree.at("/slices/0/metrics/error_rate/value").asDouble(), 1e-15);
        assertEquals(2.0 / 6, slice(tree, "sex", "f").at("/metrics/error_rate/value").asDouble(), 1e-15);
        assertEquals(3.0 / 6, slice(tree, "sex", "m").at("/metrics/error_rate/value").asDouble(), 1e-15);
        // age < 40: 20, 22, 35, 19, 33, 38 -> 6 rows
        assertEquals(6, slice(tree, "age", "<40").at("/metrics/count/value").asInt());
        Golden.assertText("audit-hand-v1.json", json);
    }

    private static JsonNode slice(JsonNode tree, String attribute, String value) {
        for (JsonNode s : tree.get("slices")) {
            if (s.get("attributes").size() == 1 && value.equals(s.get("attributes").path(attribute).asText(null))) {
                return s;
            }
        }
        throw new AssertionError("no slice " + attribute + "=" + value);
    }

    @Test
    void json_is_identical_whatever_the_order_of_bins_in_the_request_map() {
        // Bins given as age, income vs income, age: the settings must follow the order of the groups, every run.
        String one = AuditJson.toJson(Auditor.run(hand(), handRequest(bins("age", "40", "income", "1000,3000"))).result());
        for (int i = 0; i < 5; i++) {
            String other = AuditJson.toJson(Auditor.run(hand(), handRequest(bins("income", "1000,3000", "age", "40"))).result());
            assertEquals(one, other);
        }
        JsonNode bins = Json.parse(one).at("/settings/bins");
        assertEquals(List.of("age", "income"), iterator(bins));
    }

    private static List<String> iterator(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void rich_audit_with_bootstrap_disparities_policy_and_clarify_is_schema_valid() {
        Table t = Tables.random(5, 3000, 60);
        Policy policy = Policy.parse("constraints:\n  - ratio(selection_rate) >= 0.8\n  - max_gap(error_rate) <= 0.05 over [a]\n",
                "policy.yaml");
        AuditRequest r = AuditRequest.of("y", null, "p", "s", List.of("a", "b", "c")).withIntersections(2).withThreads(2)
                .withBootstrap(30, 4, "cluster").withPolicy(policy).withClarify(true, null);
        AuditResult result = Auditor.run(t, r).result();
        ObjectNode tree = AuditJson.toTree(result);
        SchemaAssert.assertValid(ResultKind.AUDIT, tree);
        assertFalse(result.disparities().isEmpty());
        assertEquals(2, result.verdicts().size());
        assertTrue(tree.has("clarify"));
    }

    @Test
    void results_never_name_command_line_flags() {
        // Weighted and clustered without bootstrap: every "no interval" reason is written; with Clarify and a policy.
        Table t = Tables.random(6, 400, 20);
        Policy policy = Policy.parse("constraints:\n  - ratio(selection_rate) >= 0.8\n  - max_gap(fpr) <= 0.1\n", "p.yaml");
        for (AuditRequest r : List.of(
                AuditRequest.of("y", null, "p", "s", List.of("a", "b")).withIntersections(2).withPolicy(policy).withClarify(true, null),
                AuditRequest.of("y", null, "p", null, List.of("a", "b")).withBootstrap(0, 1, "cluster").withPolicy(policy))) {
            String json = AuditJson.toJson(Auditor.run(t, r.withThreads(1)).result());
            assertFalse(java.util.regex.Pattern.compile("(^|[^-\\w])--[a-z]").matcher(json).find(),
                    () -> "a flag name in " + json.lines().filter(l -> l.matches(".*(^|[^-\\w])--[a-z].*")).toList());
        }
    }

    @Test
    void an_infinite_score_is_an_input_error_naming_file_column_and_row() {
        Table t = Tables.of("scores.csv", List.of("y", "p", "s", "g"),
                new String[] {"1", "1", "0.9", "a"}, new String[] {"0", "0", "inf", "a"}, new String[] {"1", "0", "0.2", "b"});
        AuditRequest r = AuditRequest.of("y", null, "p", "s", List.of("g")).withMinGroupSize(1).withThreads(1);
        org.fairhunt.core.UserInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.fairhunt.core.UserInputException.class, () -> Auditor.run(t, r));
        assertEquals("scores.csv: column 's' row 2 holds +infinity; a score must be a finite number", e.getMessage());
    }

    @Test
    void schema_rejects_a_string_where_a_number_belongs_and_a_null_without_reason() {
        AuditResult r = Auditor.run(hand(), handRequest(bins("age", "40", "income", "2000"))).result();
        ObjectNode tree = AuditJson.toTree(r);
        ObjectNode estimate = (ObjectNode) tree.at("/slices/0/metrics/error_rate");
        estimate.put("value", "Infinity");
        assertFalse(SchemaAssert.problems(ResultKind.AUDIT, tree).isEmpty());
        estimate.putNull("value");
        assertNull(estimate.get("reason"));
        assertFalse(SchemaAssert.problems(ResultKind.AUDIT, tree).isEmpty());
        estimate.put("reason", "no rows");
        assertTrue(SchemaAssert.problems(ResultKind.AUDIT, tree).isEmpty(), () -> SchemaAssert.problems(ResultKind.AUDIT, tree).toString());
    }
}

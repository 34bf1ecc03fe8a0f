package org.fairhunt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.fairhunt.core.DataFormatException;
import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void one_line_and_mapping_forms_read_the_same() {
        String yaml = """
                name: credit model
                constraints:
                  - "ratio(selection_rate) >= 0.8"
                  - constraint: "max_gap(error_rate) <= 0.05 over [sex, sex & age_band]"
                    name: error gap
                  - value: fnr
                    at_most: 0.2
                    min_n: 100
                  - difference: tpr
                    above: -0.1
                    over: [age_band]
                """;
        Policy p = Policy.parse(yaml, "policy.yaml");
        assertEquals("credit model", p.name());
        List<Constraint> c = p.constraints();
        assertEquals(4, c.size());
        assertEquals(Constraint.Kind.RATIO, c.get(0).kind());
        assertEquals(Constraint.Comparison.AT_LEAST, c.get(0).comparison());
        assertEquals(0.8, c.get(0).bound());
        assertEquals(List.of(), c.get(0).over());
        assertEquals(3, c.get(0).line());
        assertEquals("error gap", c.get(1).name());
        assertEquals(List.of(List.of("sex"), List.of("sex", "age_band")), c.get(1).over());
        assertEquals("max_gap(error_rate) <= 0.05 over [sex, sex & age_band]", c.get(1).text());
        assertEquals("value(fnr) <= 0.2 for every slice with n >= 100", c.get(2).text());
        assertEquals(100, c.get(2).minN());
        assertEquals(6, c.get(2).line());
        assertEquals("difference(tpr) > -0.1 over [age_band]", c.get(3).text());
        assertEquals(Constraint.Comparison.ABOVE, c.get(3).comparison());
    }

    @Test
    void json_policies_are_read_too() {
        Policy p = Policy.parse("{\"constraints\": [\"value(fnr) <= 0.2 with n >= 100\", {\"ratio\": \"tpr\", \"at_least\": 0.9}]}",
                "p.json");
        assertEquals("value(fnr) <= 0.2 for every slice with n >= 100", p.constraints().get(0).text());
        assertEquals("ratio(tpr) >= 0.9", p.constraints().get(1).text());
    }

    @Test
    void an_unreadable_constraint_names_file_line_column_and_the_expected_form() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Policy.parse("""
                constraints:
                  - "ratio(selection_rate) >= 0.8"
                  - "gap(error_rate) < 0.1"
                """, "p.yaml"));
        assertEquals("p.yaml:3:5: cannot read the constraint \"gap(error_rate) < 0.1\"; expected KIND(METRIC) OP BOUND "
                + "[over [ATTR, ATTR & ATTR]] [for every slice with n >= N], KIND one of value, difference, ratio, max_gap and "
                + "OP one of <=, <, >=, >", e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void mapping_constraints_need_one_kind_and_one_bound() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Policy.parse("""
                constraints:
                  - value: fnr
                    ratio: tpr
                    at_most: 0.2
                """, "p.yaml"));
        assertEquals("p.yaml:2:5: a constraint names exactly one of value, difference, ratio, max_gap with its metric; found "
                + "value, ratio", e.getMessage());
        e = assertThrows(DataFormatException.class, () -> Policy.parse("""
                constraints:
                  - value: fnr
                    at_most: high
                """, "p.yaml"));
        assertEquals("p.yaml:2:5: 'at_most' must be a number; got \"high\"", e.getMessage());
    }

    @Test
    void broken_yaml_is_reported_with_its_position() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Policy.parse("constraints: [\"value(fnr) <= 0.2\"\n  - oops", "bad.yaml"));
        assertEquals("bad.yaml", e.source());
        assertEquals("bad.yaml:2:3: not valid YAML or JSON: expected ',' or ']', but got -", e.getMessage());
    }

    @Test
    void a_policy_without_constraints_is_refused() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Policy.parse("name: empty\n", "e.yaml"));
        assertEquals("e.yaml: the policy has no constraints; list them under 'constraints:'", e.getMessage());
        e = assertThrows(DataFormatException.class, () -> Policy.parse("rules: []\n", "e.yaml"));
        assertEquals("e.yaml:1:1: unknown key 'rules'; a policy has 'name' and 'constraints'", e.getMessage());
    }
}

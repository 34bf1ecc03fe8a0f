package org.fairhunt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;

/** Constraints given one per line (a command line) build the same policy as the YAML file with those lines. */
class PolicyOfTest {
    @Test
    void one_line_constraints_equal_the_yaml_policy_with_the_same_lines() {
        List<String> lines = List.of("max_gap(wer) <= 0.05 over [accent, accent & condition]",
                "ratio(selection_rate) >= 0.8", "value(fnr) <= 0.2 for every slice with n >= 100",
                "difference(tpr) > -0.1");
        Policy direct = Policy.of(lines, "--require");
        Policy yaml = Policy.parse("constraints:\n  - \"max_gap(wer) <= 0.05 over [accent, accent & condition]\"\n"
                + "  - \"ratio(selection_rate) >= 0.8\"\n  - \"value(fnr) <= 0.2 for every slice with n >= 100\"\n"
                + "  - \"difference(tpr) > -0.1\"\n", "p.yaml");
        assertEquals(yaml.constraints().size(), direct.constraints().size());
        for (int i = 0; i < lines.size(); i++) {
            Constraint a = direct.constraints().get(i);
            Constraint b = yaml.constraints().get(i);
            assertEquals(b.text(), a.text());
            assertEquals(b.kind(), a.kind());
            assertEquals(b.metric(), a.metric());
            assertEquals(b.comparison(), a.comparison());
            assertEquals(b.bound(), a.bound());
            assertEquals(b.over(), a.over());
            assertEquals(b.minN(), a.minN());
            assertEquals(i + 1, a.line());
        }
        assertEquals(List.of(List.of("accent"), List.of("accent", "condition")), direct.constraints().get(0).over());
    }

    @Test
    void a_bad_constraint_names_its_position_and_the_form_expected() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Policy.of(List.of("max_gap(wer) <= 0.05", "wer < 0.1"), "--require"));
        assertEquals("--require", e.source());
        assertEquals(2, e.line());
        assertEquals(true, e.getMessage().startsWith("--require:2: cannot read the constraint \"wer < 0.1\"; expected KIND(METRIC)"),
                e.getMessage());
        assertEquals("--require: no constraints given",
                assertThrows(UserInputException.class, () -> Policy.of(List.of(), "--require")).getMessage());
    }
}

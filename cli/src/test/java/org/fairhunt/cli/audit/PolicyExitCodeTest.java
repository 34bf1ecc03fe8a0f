package org.fairhunt.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairhunt.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairhunt audit --policy}: verdicts in the JSON and the exit status 0 / 1 / 3, end to end. */
class PolicyExitCodeTest {
    @TempDir
    Path dir;
    Path data;

    /** 600 rows: sex f/m alternating, band b0..b2, 40% positives; every fifth row is predicted wrong (error 0.2). */
    @BeforeEach
    void writeData() throws IOException {
        StringBuilder sb = new StringBuilder("sex,band,dept,applicant,y,p\n");
        for (int i = 0; i < 600; i++) {
            int y = (i * 7) % 10 < 4 ? 1 : 0;
            int p = i % 5 == 0 ? 1 - y : y;
            sb.append(i % 2 == 0 ? "f" : "m").append(",b").append(i % 3).append(",d").append(i % 4).append(",a")
                    .append(i / 3).append(',').append(y).append(',').append(p).append('\n');
        }
        data = dir.resolve("loans.csv");
        Files.writeString(data, sb.toString());
    }

    private CliRun audit(String policyYaml, String... extra) throws IOException {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, policyYaml);
        String[] base = {"audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "sex", "--group", "band",
            "--bootstrap", "100", "--seed", "3", "--cluster", "applicant", "--policy", policy.toString(), "--json"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void all_constraints_pass_exits_0_and_the_json_carries_verdicts() throws IOException {
        CliRun run = audit("constraints:\n  - \"value(error_rate) <= 0.35\"\n  - name: four-fifths\n    ratio: accuracy\n"
                + "    at_least: 0.8\n");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(2, json.get("verdicts").size());
        assertEquals("pass", json.get("verdicts").get(0).get("outcome").asText());
        assertEquals("four-fifths", json.get("verdicts").get(1).get("name").asText());
        assertTrue(json.get("disparities").size() > 0);
        assertEquals("applicant", json.get("settings").get("bootstrap").get("cluster").asText());
    }

    @Test
    void a_failing_constraint_exits_1() throws IOException {
        CliRun run = audit("constraints: [\"value(error_rate) <= 0.1\", \"value(error_rate) <= 0.35\"]\n");
        assertEquals(1, run.exit(), run.err());
        JsonNode v = new ObjectMapper().readTree(run.out()).get("verdicts");
        assertEquals("fail", v.get(0).get("outcome").asText());
        assertEquals("pass", v.get(1).get("outcome").asText());
    }

    @Test
    void an_inconclusive_constraint_without_failures_exits_3_and_says_how_many_rows_would_settle_it() throws IOException {
        CliRun run = audit("constraints: [\"max_gap(error_rate) <= 0.02 over [sex]\"]\n");
        assertEquals(3, run.exit(), run.err());
        JsonNode v = new ObjectMapper().readTree(run.out()).get("verdicts").get(0);
        assertEquals("inconclusive", v.get("outcome").asText());
        assertTrue(v.get("more_rows_needed").asLong() > 0, v.toString());
    }

    @Test
    void the_terminal_summary_leads_with_the_policy_outcome() throws IOException {
        Path policy = dir.resolve("p.yaml");
        Files.writeString(policy, "constraints: [\"value(error_rate) <= 0.1\"]\n");
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "sex",
                "--policy", policy.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("Policy: FAIL (exit status 1)"), run.out());
        assertTrue(run.out().contains("fail          value(error_rate) <= 0.1"), run.out());
    }

    @Test
    void a_policy_naming_an_unknown_metric_is_a_user_error_with_the_known_names() throws IOException {
        CliRun run = audit("constraints:\n  - \"value(eror_rate) <= 0.1\"\n");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("fairhunt: error: " + dir.resolve("policy.yaml") + ":2:5: unknown metric 'eror_rate' "
                + "in \"value(eror_rate) <= 0.1\"; the audit's metrics are: count, accuracy, error_rate,"), run.err());
        assertFalse(run.err().contains("\tat "));
    }

    @Test
    void a_missing_policy_file_is_a_user_error() {
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "sex", "--policy",
                dir.resolve("nope.yaml").toString());
        assertEquals(2, run.exit());
        assertEquals("fairhunt: error: policy file " + dir.resolve("nope.yaml") + " does not exist", run.err().strip());
    }

    @Test
    void reference_and_clarify_options_reach_the_json() throws IOException {
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "sex", "--group", "band",
                "--reference", "sex=f", "--reference", "best", "--clarify", "--conditional-group", "dept", "--facet", "band=b0,b1",
                "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("sex=f, else best", json.get("settings").get("disparities").get("reference").asText());
        for (JsonNode d : json.get("disparities")) {
            if (d.get("attributes").has("sex") && d.get("kind").asText().equals("difference")) {
                assertEquals("f", d.get("reference").get("sex").asText());
            }
        }
        JsonNode clarify = json.get("clarify");
        assertTrue(clarify.get("sex=f").has("CDDL"));
        assertTrue(clarify.get("band in {b0, b1}").has("DI"));
        // sex alternates, so the facet is exactly half the rows: CI = 0
        assertEquals(0, clarify.get("sex=f").get("CI").get("value").asDouble(), 1e-12);
    }

    @Test
    void an_unknown_reference_value_is_a_user_error() {
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "sex", "--reference",
                "sex=x");
        assertEquals(2, run.exit());
        assertEquals("fairhunt: error: --reference sex=x: attribute 'sex' never takes that value; its values are: f, m",
                run.err().strip());
    }
}

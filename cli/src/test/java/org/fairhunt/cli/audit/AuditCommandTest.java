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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static final String TEN = "sex,age,y,p\n"
            + "f,31,1,1\nf,22,1,0\nf,45,0,1\nf,52,0,0\n"
            + "m,33,1,1\nm,24,1,1\nm,41,1,0\nm,62,0,0\nm,,0,0\nm,44,0,1\n";

    private static void assertUserError(CliRun run, String expectedMessage) {
        assertEquals(2, run.exit(), run.err());
        assertEquals("fairhunt: error: " + expectedMessage, run.err().strip());
        assertFalse(run.err().contains("\tat "), "no stack trace for a user mistake");
    }

    @Test
    void audit_writes_json_with_hand_computed_values_and_binned_age() throws IOException {
        Path data = csv("ten.csv", TEN);
        Path out = dir.resolve("reports");
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "sex",
                "--group", "age", "--bin", "age=40", "--intersections", "2", "--min-group-size", "3", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals("fairhunt.audit/v1", json.get("schema").asText());
        assertEquals(10, json.get("rows").asInt());
        JsonNode overall = json.get("slices").get(0);
        assertEquals(0, overall.get("attributes").size());
        assertEquals(0.4, overall.get("metrics").get("error_rate").get("value").asDouble(), 1e-12);
        // men: TP 2, FN 1, TN 2, FP 1
        JsonNode men = json.get("slices").get(2);
        assertEquals("m", men.get("attributes").get("sex").asText());
        assertEquals(6, men.get("n").asInt());
        assertEquals(1.0 / 3, men.get("metrics").get("fpr").get("value").asDouble(), 1e-12);
        // age <40: rows 31,22,33,24 → f(1,1) f(1,0) m(1,1) m(1,1): all positives, so fpr undefined with a reason
        JsonNode young = json.get("slices").get(3);
        assertEquals("<40", young.get("attributes").get("age").asText());
        assertTrue(young.get("metrics").get("fpr").get("value").isNull());
        assertEquals("no negatives", young.get("metrics").get("fpr").get("reason").asText());
        JsonNode missingAge = json.get("slices").get(5);
        assertEquals("(missing)", missingAge.get("attributes").get("age").asText());
        assertTrue(missingAge.get("too_small").asBoolean());
    }

    @Test
    void unknown_column_names_the_known_ones() throws IOException {
        Path data = csv("ten.csv", TEN);
        assertUserError(CliRun.of("audit", data.toString(), "--label", "yy", "--prediction", "p", "--group", "sex"),
                data + ": no column named 'yy'; the columns are: sex, age, y, p");
    }

    @Test
    void label_without_the_positive_value_is_refused() throws IOException {
        Path data = csv("ten.csv", TEN);
        assertUserError(CliRun.of("audit", data.toString(), "--label", "y", "--positive", "good", "--prediction", "p",
                "--group", "sex"), data + ": column 'y' never takes the positive value 'good'; its values are '1', '0'");
    }

    @Test
    void numeric_group_without_bins_is_refused() throws IOException {
        Path data = csv("ten.csv", TEN);
        assertUserError(CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "age"),
                data + ": group attribute 'age' is numeric; bin it first, for example --bin age=25,40,60");
    }

    @Test
    void group_with_one_value_is_refused() throws IOException {
        Path data = csv("one.csv", "g,y,p\nx,1,1\nx,0,0\n");
        assertUserError(CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g"),
                data + ": group attribute 'g' has the single value 'x' in all 2 rows, so it cannot tell groups apart");
    }

    @Test
    void non_numeric_score_names_the_row() throws IOException {
        Path data = csv("s.csv", "g,y,s\na,1,0.5\nb,0,high\n");
        assertUserError(CliRun.of("audit", data.toString(), "--label", "y", "--score", "s", "--group", "g"),
                data + ": column 's' must be numeric, but row 2 holds 'high'");
    }

    @Test
    void a_single_bootstrap_replicate_and_a_one_valued_cluster_column_are_explained() throws IOException {
        Path data = csv("b.csv", TEN);
        assertUserError(CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "sex",
                "--bootstrap", "1"), "--bootstrap 1 gives a single replicate, which cannot show any variability; use 0 "
                + "(closed forms only) or at least 2 (200 is usual)");
        // One cluster for every row: no slice can show its variability; each says why instead of a zero-width interval.
        Path one = csv("one.csv", TEN.replace("sex,age,y,p\n", "sex,age,y,p,site\n").replaceAll("(?m)^([fm],.*)$", "$1,s1"));
        CliRun run = CliRun.of("audit", one.toString(), "--label", "y", "--prediction", "p", "--group", "sex",
                "--bootstrap", "50", "--cluster", "site", "--json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("fewer than 2 bootstrap clusters"), run.out());
        assertFalse(run.out().contains("\"ci\""), "no interval at all: " + run.out());
    }

    @Test
    void a_field_over_the_field_limit_is_a_user_error_and_the_option_raises_the_limit() throws IOException {
        Path data = csv("wide.csv", "g,y,p,note\na,1,1,short\nb,0,0," + "n".repeat(2000) + "\n");
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g",
                "--max-field-size", "1k");
        assertUserError(run, data + ":3:4: field 4 is longer than 1 KiB, the limit; is a quote never closed? "
                + "(raise the limit with --max-field-size)");
        CliRun raised = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g",
                "--max-field-size", "4k", "--max-columns", "4");
        assertEquals(0, raised.exit(), raised.err());
        assertUserError(CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g",
                "--max-field-size", "lots"), "--max-field-size: expected a size between 1 byte and 1 GiB such as 64MiB, "
                + "512k or 1000000, got 'lots'");
    }

    @Test
    void ragged_row_names_file_and_line() throws IOException {
        Path data = csv("r.csv", "g,y,p\na,1,1\nb,0\n");
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("fairhunt: error: " + data + ":3"), run.err());
    }

    @Test
    void unterminated_quote_names_file_and_line() throws IOException {
        Path data = csv("q.csv", "g,y,p\na,1,1\n\"b,0,1\n");
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("fairhunt: error: " + data + ":3"), run.err());
        assertTrue(run.err().contains("quote"), run.err());
    }

    @Test
    void empty_file_is_refused() throws IOException {
        Path data = csv("e.csv", "");
        CliRun run = CliRun.of("audit", data.toString(), "--label", "y", "--prediction", "p", "--group", "g");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("empty"), run.err());
        assertFalse(run.err().contains("\tat "));
    }

    @Test
    void missing_file_is_a_user_error() {
        CliRun run = CliRun.of("audit", dir.resolve("nope.csv").toString(), "--label", "y", "--prediction", "p", "--group", "g");
        assertEquals(2, run.exit());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void unknown_option_prints_usage_hint() {
        CliRun run = CliRun.of("audit", "x.csv", "--lable", "y");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("Try 'fairhunt audit --help'"), run.err());
    }

    @Test
    void help_explains_every_option_with_an_example() {
        CliRun run = CliRun.of("audit", "--help");
        assertEquals(0, run.exit());
        for (String option : new String[] {"--label", "--positive", "--prediction", "--score", "--group", "--bin",
            "--intersections", "--min-group-size", "--out", "Examples:"}) {
            assertTrue(run.out().contains(option), option);
        }
    }
}

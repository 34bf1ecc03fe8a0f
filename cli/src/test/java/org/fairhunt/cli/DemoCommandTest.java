package org.fairhunt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demo_scores_the_credit_data_and_writes_reports_that_agree_with_a_direct_count() throws IOException {
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--out", out.toString(), "--bootstrap", "50");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Headline gaps"), run.out());
        assertTrue(Files.exists(out.resolve("audit.json")));
        // Independent check: count errors per sex straight from the scored CSV (plain line splitting;
        // the demo's columns hold no quoted commas except in known nominal values, handled by the quote test).
        List<String> lines = Files.readAllLines(out.resolve("credit-scored.csv"));
        List<String> header = List.of(splitCsv(lines.get(0)));
        int cls = header.indexOf("class");
        int pred = header.indexOf("pred");
        int sex = header.indexOf("sex");
        int n = 0;
        int errors = 0;
        int femaleN = 0;
        int femaleErrors = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = splitCsv(line);
            boolean wrong = !f[cls].equals(f[pred]);
            n++;
            errors += wrong ? 1 : 0;
            if (f[sex].equals("female")) {
                femaleN++;
                femaleErrors += wrong ? 1 : 0;
            }
        }
        assertEquals(1000, n);
        assertEquals(310, femaleN, "credit-g has 310 applicants whose personal_status starts with 'female'");
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals(1000, json.get("rows").asInt());
        JsonNode overall = json.get("slices").get(0);
        assertEquals((double) errors / n, overall.get("metrics").get("error_rate").get("value").asDouble(), 1e-12);
        JsonNode female = json.get("slices").get(1);
        assertEquals("female", female.get("attributes").get("sex").asText());
        assertEquals((double) femaleErrors / femaleN, female.get("metrics").get("error_rate").get("value").asDouble(), 1e-12);
        // A sane baseline: better than always predicting "good" (error 0.30) and the AUC well above chance.
        assertTrue((double) errors / n < 0.30, "error rate " + (double) errors / n);
        assertTrue(overall.get("metrics").get("auc").get("value").asDouble() > 0.7);
    }

    /** RFC 4180 field splitting for one line (no embedded newlines in this file). */
    static String[] splitCsv(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }
}

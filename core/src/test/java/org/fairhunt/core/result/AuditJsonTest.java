package org.fairhunt.core.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.stats.Interval;
import org.fairhunt.core.stats.IntervalMethod;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.MustRun;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed audit JSON is byte for byte what Jackson's data binding of the records (through a tree)
 * writes, which is independent of the streaming code: every record, every inclusion rule (null and empty
 * fields left out or written), non-finite numbers, extensions, verdicts with checks.
 */
@MustRun
class AuditJsonTest {
    /** What the result's JSON was before it was streamed: the records bound to a tree, then written. */
    private static String bound(AuditResult r) {
        String text = Json.toText(AuditJson.toTree(r));
        return text.substring(0, text.length() - 1);
    }

    private static void assertSameAsBinding(AuditResult r) {
        assertTrue(AuditJson.streamable(r));
        assertEquals(bound(r), AuditJson.toJson(r));
    }

    @Test
    void audits_of_every_shape_stream_the_bound_bytes() {
        Table t = Tables.random(5, 2000, 40);
        Policy policy = Policy.parse("name: p\nconstraints:\n  - ratio(selection_rate) >= 0.8\n"
                + "  - constraint: \"max_gap(error_rate) <= 0.05 over [a]\"\n    name: gap\n  - value: fnr\n    at_most: 0.2\n",
                "policy.yaml");
        List<AuditRequest> requests = List.of(
                AuditRequest.of("y", null, "p", "s", List.of("a", "b", "c")).withIntersections(3),
                AuditRequest.of("y", null, "p", "s", List.of("a", "b", "c")).withIntersections(2).withBootstrap(30, 4, "cluster")
                        .withPolicy(policy).withClarify(true, null),
                AuditRequest.of("y", null, "p", null, List.of("a", "b")).withBootstrap(20, 1, null).withPolicy(policy),
                AuditRequest.of("y", null, "p", null, List.of("a", "b")).withBootstrap(0, 1, "cluster").withPolicy(policy),
                AuditRequest.of("s", null, "p", null, List.of("a", "c")).withRegression(true).withIntersections(2),
                AuditRequest.of("y", null, "p", "s", List.of("a", "b")).withWeight("s").withMinGroupSize(200),
                AuditRequest.of("y", null, "p", "s", List.of("c")).withMetrics(List.of("count", "auc", "ece")).withLevel(0.9));
        for (AuditRequest r : requests) {
            assertSameAsBinding(Auditor.run(t, r.withThreads(1)).result());
        }
    }

    @Test
    void tiny_slices_with_undefined_values_stream_the_bound_bytes() {
        // Two rows per group and a constant label: undefined rates (null with a reason), no intervals.
        Table t = Tables.of("tiny.csv", List.of("y", "p", "s", "g"), new String[] {"1", "1", "0.9", "a"},
                new String[] {"1", "0", "0.4", "a"}, new String[] {"1", "1", "0.7", "b"}, new String[] {"1", "1", "0.8", "b"});
        AuditRequest r = AuditRequest.of("y", null, "p", "s", List.of("g")).withMinGroupSize(1).withThreads(1);
        AuditResult result = Auditor.run(t, r).result();
        assertTrue(bound(result).contains("\"reason\""));
        assertSameAsBinding(result);
    }

    @Test
    void hand_built_records_with_nulls_empties_non_finite_numbers_and_extensions_stream_the_bound_bytes() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("label", "y");
        settings.put("empty", Map.of());
        settings.put("none", null);
        settings.put("list", List.of(1, 2L, 0.5, true, "x"));
        settings.put("nested", Map.of("nan", Double.NaN));
        Map<String, String> nullValued = new LinkedHashMap<>();
        nullValued.put("g", null);
        Map<String, MetricEstimate> metrics = new LinkedHashMap<>();
        metrics.put("a", new MetricEstimate(0.25, null, new Interval(0.1, 0.4, 0.95, IntervalMethod.WILSON), null));
        metrics.put("b", MetricEstimate.undefined("no rows"));
        metrics.put("c", new MetricEstimate(Double.POSITIVE_INFINITY, null, null, "none asked"));
        metrics.put("d", null);
        List<SliceResult> slices = List.of(new SliceResult(Map.of(), 10, false, metrics),
                new SliceResult(nullValued, 0, true, Map.of()));
        List<Disparity> disparities = List.of(
                new Disparity("a", Map.of("g", "x"), Map.of("g", "y"), DisparityKind.DIFFERENCE, Double.NaN, -0.0, 1e-300,
                        Double.MIN_VALUE, 1.0, null),
                new Disparity("a", Map.of(), Map.of(), DisparityKind.MAX_GAP, null, null, null, null, null, "undefined", 3L,
                        null, true, "bootstrap", Map.of("g", "x"), Map.of()));
        List<Verdict> verdicts = List.of(new Verdict("tpr >= 0.5", Outcome.INCONCLUSIVE, "d", 0.5, 0.4, 0.6, 12L),
                new Verdict("c", Outcome.FAIL, null, null, null, null, null, "n",
                        List.of(new Verdict.Check(Map.of("g", "x"), null, 5L, Outcome.FAIL, null, 0.1, Double.NaN, null, "r"))));
        ObjectNode ext = Json.object();
        ext.put("i", 1).put("l", 1L << 40).put("d", 0.1).put("f", 1.5f).put("t", "é\u2212\"\n").put("b", false).putNull("z");
        ext.putArray("a").add(1).add("x").addObject();
        ext.put("big", new java.math.BigDecimal("1.50"));
        for (String source : new String[] {"data.csv", "", null}) {
            AuditResult r = new AuditResult(AuditResult.SCHEMA, source, 10, settings, Map.of("a", "one"), List.of("w"),
                    slices, disparities, verdicts, Map.of()).withExtension("first", ext).withExtension("empty", Json.object());
            assertSameAsBinding(r);
        }
        AuditResult bare = new AuditResult(null, null, 0, Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
        assertSameAsBinding(bare);
    }

    @Test
    void what_the_stream_does_not_know_goes_through_the_binding(@TempDir Path dir) throws Exception {
        AuditResult base = new AuditResult(AuditResult.SCHEMA, "d.csv", 1, Map.of("odd", new java.math.BigDecimal("2.50"),
                "when", java.time.LocalDate.of(2026, 1, 2).toString()), Map.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of());
        assertFalse(AuditJson.streamable(base));
        assertEquals(bound(base), AuditJson.toJson(base));
        AuditResult shadowing = new AuditResult(AuditResult.SCHEMA, "d.csv", 1, Map.of(), Map.of(), List.of(), List.of(),
                List.of(), List.of(), Map.of()).withExtension("source", Json.object().put("x", 1));
        assertFalse(AuditJson.streamable(shadowing));
        assertEquals(bound(shadowing), AuditJson.toJson(shadowing));
        // The file form: the same text and a final newline, for both paths.
        Table t = Tables.random(3, 500, 10);
        AuditResult real = Auditor.run(t, AuditRequest.of("y", null, "p", "s", List.of("a", "b")).withThreads(1)).result();
        for (AuditResult r : List.of(real, base)) {
            Path f = dir.resolve("audit.json");
            AuditJson.write(r, f);
            assertEquals(bound(r) + "\n", Files.readString(f, StandardCharsets.UTF_8));
            assertArrayEquals((bound(r) + "\n").getBytes(StandardCharsets.UTF_8), AuditJson.toUtf8(r));
        }
    }

    @Test
    void the_utf8_bytes_are_the_text_encoded_for_labels_outside_latin1(@TempDir Path dir) throws Exception {
        // Group values with accents, CJK and a surrogate pair (an emoji), a quote and a backslash: Jackson's UTF-8
        // generator must give the bytes of the text that the writer-based one gives, encoded.
        String[] g = {"Zoë", "東京", "👩‍⚕️", "say \"hi\"", "back\\slash", "plain"};
        String[][] rows = new String[120][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new String[] {Integer.toString(i % 2), Integer.toString(i / 2 % 2), "0." + (i % 10), g[i % g.length]};
        }
        Table t = Tables.of("utf8.csv", List.of("y", "p", "s", "g"), rows);
        AuditResult result = Auditor.run(t, AuditRequest.of("y", null, "p", "s", List.of("g")).withMinGroupSize(1)
                .withThreads(1)).result();
        String text = bound(result);
        assertTrue(text.contains("東京") && text.contains("👩‍⚕️"), "the labels reach the JSON");
        assertArrayEquals((text + "\n").getBytes(StandardCharsets.UTF_8), AuditJson.toUtf8(result));
        // The file the last-mile provider bundle writes spells the labels the same way (no \\u escapes).
        Path file = dir.resolve("audit.json");
        AuditJson.write(result, file);
        assertArrayEquals((text + "\n").getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
    }
}

package org.fairhunt.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;
import org.fairhunt.report.AuditDigest;
import org.fairhunt.report.ReportWriter;
import org.fairhunt.report.testing.HeadlessBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens a generated report in a real headless Chromium: it must load with no console error (which
 * includes any attempt to reach the network, blocked by the page's policy), draw every bar and heatmap
 * cell with a real size, and show hostile group values as text. Leaves a screenshot in
 * {@code target/audit-report.png} for a person to look at.
 */
class HtmlReportBrowserTest {
    static final String EVIL = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

    private static HeadlessBrowser browser;
    private static AuditResult result;
    private static Path html;

    @BeforeAll
    static void openReport() throws IOException {
        assumeTrue(HeadlessBrowser.available(), "chromium or chromedriver is not installed");
        result = audit();
        Path dir = Path.of("target", "browser-test");
        html = ReportWriter.writeAll(result, dir).get(2);
        browser = HeadlessBrowser.start();
        browser.open(html);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** 2,000 seeded rows: sex (with a hostile value on 12 rows), age band, a label, a prediction and a score. */
    static AuditResult audit() {
        Random rnd = new Random(20240611);
        String[] sexes = {"female", "male"};
        String[] ages = {"<25", "25-40", "40-60", "60+"};
        TableBuilder b = new TableBuilder("applicants \"2024\".csv", List.of("sex", "age_band", "y", "p", "s"));
        for (int i = 0; i < 2000; i++) {
            String sex = i < 12 ? EVIL : sexes[rnd.nextInt(2)];
            int age = rnd.nextInt(4);
            int y = rnd.nextDouble() < 0.3 + 0.08 * age ? 1 : 0;
            double noise = sex.equals("female") ? 0.25 : 0.15;
            double s = Math.min(1, Math.max(0, y * 0.6 + 0.2 + noise * rnd.nextGaussian()));
            int p = s >= 0.5 ? 1 : 0;
            b.addRow(new String[] {sex, ages[age], Integer.toString(y), Integer.toString(p), String.format("%.3f", s)});
        }
        Table t = b.build();
        Policy policy = Policy.parse("""
                constraints:
                  - "max_gap(error_rate) <= 0.05 over [sex]"
                  - "value(tpr) >= 0.5 for every slice with n >= 30"
                  - "ratio(selection_rate) >= 0.8 over [age_band]"
                """, "policy.yaml");
        AuditRequest request = AuditRequest.of("y", null, "p", "s", List.of("sex", "age_band")).withIntersections(2)
                .withBootstrap(200, 7, null).withThreads(2).withPolicy(policy).withClarify(true, null);
        return Auditor.run(t, request).result();
    }

    @Test
    void the_report_loads_without_console_errors_or_network_requests() {
        assertEquals(List.of(), browser.errors());
    }

    @Test
    void every_defined_value_is_drawn_as_a_bar_of_real_size() throws IOException {
        int expected = 0;
        for (AuditDigest.AttributeSet set : AuditDigest.attributeSets(result)) {
            for (String m : result.metrics().keySet()) {
                if (AuditDigest.sizeMetrics(result).contains(m)) {
                    continue;
                }
                for (SliceResult s : set.slices()) {
                    MetricEstimate e = s.metric(m);
                    if (e.defined() && e.value() != 0) {
                        expected++;
                    }
                }
            }
        }
        // closed <details> are not laid out: open them as printing does
        browser.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; }); true");
        JsonNode bars = browser.evaluate("""
                Array.from(document.querySelectorAll('rect.fh-bar')).map(function (r) {
                  var b = r.getBoundingClientRect(); return [b.width, b.height]; })""");
        long drawn = 0;
        for (JsonNode wh : bars) {
            if (wh.get(0).asDouble() > 0.5 && wh.get(1).asDouble() > 5) {
                drawn++;
            }
        }
        assertTrue(expected > 100, "the fixture should exercise many bars, has " + expected);
        assertEquals(expected, drawn);
        assertTrue(browser.evaluate("document.querySelectorAll('.fh-whisker').length").asInt() > expected / 2);
    }

    @Test
    void the_two_attribute_intersection_has_a_heatmap_per_metric_with_sized_cells() throws IOException {
        AuditDigest.AttributeSet pair = AuditDigest.attributeSets(result).stream().filter(s -> s.attributes().size() == 2)
                .findFirst().orElseThrow();
        int charted = (int) result.metrics().keySet().stream().filter(m -> !AuditDigest.sizeMetrics(result).contains(m)).count();
        browser.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; }); true");
        assertEquals(charted, browser.evaluate("document.querySelectorAll('svg.fh-heatmap').length").asInt());
        JsonNode cells = browser.evaluate("""
                Array.from(document.querySelectorAll('g.fh-cell rect')).filter(function (r) {
                  var b = r.getBoundingClientRect(); return b.width > 20 && b.height > 20; }).length""");
        assertEquals(charted * pair.slices().size(), cells.asInt());
    }

    @Test
    void hostile_group_values_are_shown_as_text_and_never_run() throws IOException {
        assertEquals("undefined", browser.evaluate("typeof window.__pwned").asText());
        assertEquals(0, browser.evaluate("document.querySelectorAll('img').length").asInt());
        assertTrue(browser.evaluate("document.body.textContent.indexOf(" + jsString(EVIL) + ") >= 0").asBoolean());
    }

    @Test
    void verdict_badges_are_visible_and_coloured_by_outcome() throws IOException {
        assertEquals(3, result.verdicts().size());
        Map<String, String> look = Map.of("pass", "✓ pass|rgb(26, 127, 55)", "fail", "✗ fail|rgb(207, 34, 46)",
                "inconclusive", "? inconclusive|rgb(154, 103, 0)");
        List<String> expected = result.verdicts().stream().map(v -> look.get(v.outcome().word())).toList();
        JsonNode badges = browser.evaluate("""
                Array.from(document.querySelectorAll('#verdicts .fh-verdict .fh-badge')).map(function (b) {
                  return b.textContent + '|' + getComputedStyle(b).backgroundColor; })""");
        List<String> shown = new java.util.ArrayList<>();
        badges.forEach(b -> shown.add(b.asText()));
        assertEquals(expected, shown);
    }

    @Test
    void the_clarify_section_is_a_table_with_every_facet() throws IOException {
        int facets = result.extensions().get("clarify").size();
        assertTrue(facets > 10, "facets: " + facets);
        assertEquals(facets, browser.evaluate("document.querySelectorAll('#ext-clarify table tbody tr').length").asInt());
    }

    @Test
    void the_page_prints_and_can_be_screenshot() throws IOException {
        byte[] pdf = browser.printToPdf();
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        Path png = Path.of("target", "audit-report.png");
        browser.open(html); // fresh layout, details closed as a reader first sees them
        browser.screenshot(png, 1200);
        byte[] head = Files.readAllBytes(png);
        assertTrue(head.length > 10_000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G');
        assertEquals(List.of(), browser.errors());
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

package org.fairhunt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.report.html.HtmlReport;
import org.fairhunt.report.markdown.MarkdownReport;
import org.junit.jupiter.api.Test;

/** Extension sections (Clarify's facet × code grid, speech's totals) reach both reports. */
class ExtensionViewTest {
    static final String CLARIFY = """
            {"sex=f": {"DPPL": {"value": 0.1, "ci": {"lo": 0.05, "hi": 0.15, "level": 0.95, "method": "bootstrap_percentile"}},
                       "DI": {"value": null, "reason": "no positive predictions in the rest"}},
             "(all)": {"GE": {"value": 0.02}}}
            """;
    static final String SPEECH = """
            {"alignment": "sclite weights", "totals": {"utterances": 3, "wer": 0.25}, "empty_references": 1,
             "voices": ["a", "b"], "worst": [{"id": "u1"}]}
            """;

    private static AuditResult withSections() throws IOException {
        AuditResult base = HandAudits.result();
        Map<String, Object> settings = new LinkedHashMap<>(base.settings());
        settings.put("clarify", Map.of("codes", Map.of("DPPL", "difference in positive proportions in predicted labels")));
        // without disparities, so the footnote numbers depend only on this test's sections
        return new AuditResult(base.schema(), base.source(), base.rows(), settings, base.metrics(), base.warnings(), base.slices(),
                List.of(), List.of(), Map.of())
                .withExtension("clarify", AuditJson.mapper().readTree(CLARIFY))
                .withExtension("speech", AuditJson.mapper().readTree(SPEECH));
    }

    @Test
    void a_grid_of_estimates_becomes_one_table_with_every_column() throws IOException {
        List<ExtensionView.Part> parts = ExtensionView.parts(AuditJson.mapper().readTree(CLARIFY));
        assertEquals(1, parts.size());
        ExtensionView.EstimateGrid grid = (ExtensionView.EstimateGrid) parts.get(0);
        assertEquals(List.of("sex=f", "(all)"), grid.rows());
        assertEquals(List.of("DPPL", "DI", "GE"), grid.columns());
        assertEquals(0.15, grid.cell("sex=f", "DPPL").ci().hi());
        assertEquals(null, grid.cell("(all)", "DPPL"));
    }

    @Test
    void markdown_shows_the_clarify_grid_with_footnoted_reasons_and_code_descriptions() throws IOException {
        String md = MarkdownReport.render(withSections());
        assertTrue(md.contains("""
                ## clarify

                |   | DPPL | DI | GE |
                |---|---:|---:|---:|
                | sex=f | 0.100 [0.05, 0.15] | —[^2] |  |
                | (all) |  |  | 0.0200 |

                [^2]: no positive predictions in the rest

                Codes:

                - **DPPL**: difference in positive proportions in predicted labels
                """), md);
    }

    @Test
    void plain_values_become_lists_and_anything_else_stays_json() throws IOException {
        String md = MarkdownReport.render(withSections());
        assertTrue(md.contains("""
                ## speech

                - alignment: sclite weights
                - empty_references: 1
                - voices: a, b

                ### totals

                - utterances: 3
                - wer: 0.250

                ### worst

                ```json
                [ {
                  "id" : "u1"
                } ]
                ```
                """), md);
    }

    @Test
    void html_has_the_sections_too() throws IOException {
        String html = HtmlReport.render(withSections());
        assertTrue(html.contains("<a href=\"#ext-clarify\">clarify</a>"));
        assertTrue(html.contains("<td>sex=f</td><td class=\"num\">0.100 [0.05, 0.15]</td>"
                + "<td class=\"num\">— <span class=\"fh-note\">no positive predictions in the rest</span></td>"), html);
        assertTrue(html.contains("<dt>DPPL</dt><dd>difference in positive proportions in predicted labels</dd>"));
        assertTrue(html.contains("<h3>totals</h3>"));
    }

    @Test
    void a_section_that_is_not_an_object_is_kept_as_json() {
        JsonNode array = AuditJson.mapper().createArrayNode().add(1).add(2);
        List<ExtensionView.Part> parts = ExtensionView.parts(array);
        assertEquals(List.of(new ExtensionView.Json(null, "[ 1, 2 ]")), parts);
    }
}

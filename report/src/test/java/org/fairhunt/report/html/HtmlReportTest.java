package org.fairhunt.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Verdict;
import org.fairhunt.report.HandAudits;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final String EVIL = "<script>window.__pwned=1</script>\"'&";

    @Test
    void group_values_from_user_data_are_escaped_everywhere() {
        String html = HtmlReport.render(HandAudits.result(EVIL));
        assertFalse(html.contains("<script>window.__pwned"), "raw script tag in output");
        assertTrue(html.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;&#39;&amp;"));
        // exactly one script element: the report's own print helper
        assertEquals(1, count(html, "<script>"));
    }

    @Test
    void the_page_forbids_network_access_and_references_nothing_outside() {
        String html = HtmlReport.render(HandAudits.result());
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            assertTrue(m.group(1).startsWith("#"), "external reference " + m.group(1));
        }
        String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutNamespace.contains("http://") || withoutNamespace.contains("https://"));
    }

    @Test
    void verdicts_lead_with_badges() {
        AuditResult r = HandAudits.result().withVerdicts(List.of(
                new Verdict("min(accuracy) >= 0.5", Verdict.PASS, "lowest is sex=f at 0.600", 0.6, 0.23, 0.88, null),
                new Verdict("max_gap(tpr) <= 0.1", Verdict.INCONCLUSIVE, "gap 0.5 with wide interval", 0.5, -0.1, 0.9, 120L)));
        String html = HtmlReport.render(r);
        int verdicts = html.indexOf("<h2>Verdicts</h2>");
        assertTrue(verdicts > 0 && verdicts < html.indexOf("<h2>Headline</h2>"));
        assertTrue(html.contains("<span class=\"fh-badge fh-pass\">✓ pass</span><div><div class=\"fh-constraint\">min(accuracy) &gt;= 0.5</div>"));
        assertTrue(html.contains("about 120 more rows in the smallest slice involved would settle it"));
    }

    @Test
    void one_bar_per_defined_slice_value_and_small_slices_muted() {
        String html = HtmlReport.render(HandAudits.result());
        // sex has 3 slices × 3 metrics = 9 bars; x's tpr is undefined, so 8 are drawn, of which x's two are muted
        assertEquals(8, count(html, "<rect class=\"fh-bar"));
        assertEquals(2, count(html, "<rect class=\"fh-bar fh-muted\""));
        assertEquals(3, count(html, "class=\"fh-ref\""));
        assertTrue(html.contains("<tr class=\"muted\"><td>x</td><td class=\"num\">2 <span class=\"fh-flag\">too small</span></td>"));
        assertTrue(html.contains("<td class=\"num\">— <span class=\"fh-note\">no positives</span></td>"));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}

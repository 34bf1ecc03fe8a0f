package org.fairhunt.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;

/** Thousands of slices still make a page a browser opens: charts show the extremes, tables the largest slices. */
class HtmlReportSizeTest {
    /** 2,000 values of g with 5 to 14 rows each (seeded), and a second attribute h of 3 values. */
    static AuditResult wide() {
        Random rnd = new Random(2);
        List<String[]> rows = new ArrayList<>();
        for (int v = 0; v < 2000; v++) {
            int n = 5 + v % 10;
            for (int i = 0; i < n; i++) {
                int y = rnd.nextInt(2);
                rows.add(new String[] {"g" + v, "h" + rnd.nextInt(3), Integer.toString(y),
                    Integer.toString(rnd.nextDouble() < 0.7 ? y : 1 - y)});
            }
        }
        return Auditor.run(Tables.of("wide.csv", List.of("g", "h", "y", "p"), rows.toArray(new String[0][])),
                AuditRequest.of("y", null, "p", null, List.of("g", "h")).withIntersections(2).withMaxLevels(5000).withThreads(1))
                .result();
    }

    @Test
    void a_wide_audit_is_summarized_and_stays_small() {
        AuditResult r = wide();
        assertEquals(2000, r.slices().stream().filter(s -> s.attributes().keySet().equals(java.util.Set.of("g"))).count());
        assertTrue(r.slices().size() > 7000, r.slices().size() + " slices");
        String html = HtmlReport.render(r);
        long bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 4_000_000, "HTML of " + bytes + " bytes");
        assertTrue(html.contains("the 20 lowest and 20 highest of 2000 slices"), "bars show the extremes");
        assertTrue(html.contains("The 300 largest of 2000 slices; every slice is in the JSON result."));
        assertTrue(html.contains("heatmap left out: 2000 × 3 cells"), "the g × h heatmap is too big to draw");
        System.out.printf("HTML of an audit with %d slices (2,000 values x 3, intersections): %.2f MB%n", r.slices().size(),
                bytes / 1e6);
    }

    @Test
    void bars_keep_the_lowest_and_highest_values_in_their_usual_order() {
        AuditResult r = wide();
        List<SliceResult> g = r.slices().stream().filter(s -> s.attributes().size() == 1 && s.attributes().containsKey("g"))
                .toList();
        List<SliceResult> shown = HtmlReport.barsShown(g, "error_rate");
        assertEquals(HtmlReport.MAX_BARS, shown.size());
        double[] values = g.stream().mapToDouble(s -> s.metric("error_rate").value()).sorted().toArray();
        double low = values[HtmlReport.MAX_BARS / 2 - 1];
        double high = values[values.length - HtmlReport.MAX_BARS / 2];
        for (SliceResult s : shown) {
            double v = s.metric("error_rate").value();
            assertTrue(v <= low || v >= high, s.label() + " at " + v + " is neither among the lowest nor the highest");
        }
        // in the slices' own (natural) order
        List<SliceResult> ordered = new ArrayList<>(shown);
        ordered.sort(java.util.Comparator.comparingInt(g::indexOf));
        assertEquals(ordered, shown);
    }
}

package org.fairhunt.report.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;
import org.fairhunt.report.Formats;
import org.fairhunt.report.HandAudits;
import org.fairhunt.report.html.HtmlReport;
import org.fairhunt.report.markdown.MarkdownReport;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.normalize.Normalizer;
import org.junit.jupiter.api.Test;

/** The accent × condition WER heatmap of a speech audit and the grouped disparities of every audit. */
class SpeechReportLayoutTest {

    /**
     * 14 utterances of "one two three four" (4 words): a/clean 1 error in 16 words (WER 0.0625), a/noisy 1+2+2+3
     * in 16 (0.5), b/clean 0+1+1+2 in 16 (0.25), b/noisy two utterances of one speaker, both empty (8 deletions in 8
     * words, 1.0): too small (minimum 3) and too few speakers (minimum 2).
     */
    private static WerAudit.Result audit() {
        List<String> ids = new ArrayList<>();
        List<String> speakers = new ArrayList<>();
        List<String> accents = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        List<String> hyps = new ArrayList<>();
        String[][] cells = {
            {"a", "clean", "one two three four", "one two three for", "one two three four", "one two three four"},
            {"a", "noisy", "one to three four", "won two tree four", "one too three fore", "won two free fore"},
            {"b", "clean", "one two three four", "one to three four", "won two three four", "one two tree for"},
            {"b", "noisy", "", ""}};
        int k = 0;
        for (String[] c : cells) {
            for (int i = 2; i < c.length; i++) {
                ids.add("u" + k++);
                // a speaker per utterance, except b/noisy's single one
                speakers.add(c[0] + c[1] + (c[1].equals("noisy") && c[0].equals("b") ? 0 : i));
                accents.add(c[0]);
                conditions.add(c[1]);
                hyps.add(c[i]);
            }
        }
        int n = ids.size();
        Table t = new Table("speech.csv", List.<Column>of(new TextColumn("utterance_id", ids.toArray(String[]::new)),
                new TextColumn("speaker", speakers.toArray(String[]::new)),
                WerAudit.categorical("accent", accents.toArray(String[]::new)),
                WerAudit.categorical("condition", conditions.toArray(String[]::new)),
                new TextColumn("reference", java.util.Collections.nCopies(n, "one two three four").toArray(String[]::new)),
                new TextColumn("hypothesis", hyps.toArray(String[]::new))));
        var options = new WerAudit.Options(Normalizer.scliteDefault(), List.of("accent", "condition"), 2, 200, 7, "speaker", 3, 1,
                0.95).withMinSpeakers(2);
        return WerAudit.run(t, "utterance_id", "reference", "hypothesis", "speaker", options, Map.of());
    }

    /** The cells of the first heatmap whose title names {@code metric}: tooltip-free text lines and fill, by cell. */
    private static List<String[]> cells(String html, String metric) {
        String marker = "class=\"fh-chart fh-heatmap\"";
        int at = html.indexOf(marker);
        while (at >= 0 && !html.substring(at, html.indexOf(">", at)).contains("aria-label=\"" + metric + " by accent × condition\"")) {
            at = html.indexOf(marker, at + 1);
        }
        assertTrue(at >= 0, "a " + metric + " heatmap");
        String svg = html.substring(at, html.indexOf("</svg>", at));
        List<String[]> out = new ArrayList<>();
        Matcher g = Pattern.compile("<g class=\"fh-cell([^\"]*)\">(.*?)</g>").matcher(svg);
        while (g.find()) {
            String body = g.group(2);
            Matcher fill = Pattern.compile("<rect [^>]*fill=\"(#[0-9a-f]{6})\"").matcher(body);
            assertTrue(fill.find(), body);
            List<String> texts = new ArrayList<>();
            Matcher tx = Pattern.compile("<text [^>]*>([^<]*)</text>").matcher(body);
            while (tx.find()) {
                texts.add(tx.group(1));
            }
            out.add(new String[] {g.group(1).trim(), fill.group(1), String.join(" | ", texts), body});
        }
        return out;
    }

    @Test
    void the_accent_by_condition_heatmap_shows_wer_interval_and_size_and_keeps_flagged_cells_numbered() {
        WerAudit.Result r = audit();
        AuditResult a = r.audit();
        String html = HtmlReport.render(a);
        List<String[]> cells = cells(html, "wer");
        assertEquals(4, cells.size());
        // hand-computed WERs, first-appearance order a/clean, a/noisy, b/clean, b/noisy
        double[] wer = {1 / 16.0, 8 / 16.0, 4 / 16.0, 8 / 8.0};
        String[][] label = {{"a", "clean"}, {"a", "noisy"}, {"b", "clean"}, {"b", "noisy"}};
        long[] n = {4, 4, 4, 2};
        for (int i = 0; i < 3; i++) {
            Map<String, String> attrs = pair(label[i][0], label[i][1]);
            SliceResult s = a.slices().stream().filter(x -> x.attributes().equals(attrs)).findFirst().orElseThrow();
            String lbl = s.label();
            assertEquals(wer[i], s.metric("wer").value(), 1e-12, lbl);
            var ci = s.metric("wer").ci();
            assertTrue(ci != null && ci.lo() <= wer[i] && wer[i] <= ci.hi(), lbl + " " + ci);
            String text = cells.get(i)[2];
            assertTrue(text.startsWith(Formats.number(wer[i]) + " | " + Formats.interval(wer[i], ci.lo(), ci.hi()) + " | n=" + n[i]),
                    lbl + ": " + text);
        }
        // b/noisy: both utterances wholly deleted, so no interval (no variation) but its value and size
        assertTrue(cells.get(3)[2].startsWith(Formats.number(1.0) + " | n=2"), cells.get(3)[2]);
        // colours: the unflagged cells span the scale, lowest pale yellow, highest dark red, b/clean in between
        assertEquals("#ffffcc", cells.get(0)[1]);
        assertEquals("#800026", cells.get(1)[1]);
        assertFalse(List.of("#ffffcc", "#800026", "#ffffff").contains(cells.get(2)[1]), cells.get(2)[1]);
        // the flagged cell keeps a colour (clamped to the top) and its number, says why, and is dashed
        assertEquals("fh-flagged", cells.get(3)[0]);
        assertEquals("#800026", cells.get(3)[1]);
        assertTrue(cells.get(3)[2].endsWith("n=2 · too small · 1 spk"), cells.get(3)[2]);
        assertTrue(cells.get(3)[3].contains("stroke-dasharray"));
        for (int i = 0; i < 3; i++) {
            assertEquals("", cells.get(i)[0], "unflagged cell " + i);
        }
        // a legend of the sequential scale marking the overall WER (21 errors in 56 words)
        assertTrue(html.contains("overall " + Formats.number(21 / 56.0)), "overall marked");
    }

    private static Disparity diff(String attribute, String value, double v, Double q) {
        return new Disparity("wer", Map.of(attribute, value), Map.of(attribute, "ref"), Disparity.DIFFERENCE, v, v - 0.1, v + 0.1,
                q, q, null);
    }

    private static Map<String, String> pair(String accent, String condition) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("accent", accent);
        m.put("condition", condition);
        return m;
    }

    @Test
    void disparities_are_grouped_by_attribute_set_and_led_by_the_significant_ones() {
        List<Disparity> ds = new ArrayList<>();
        ds.add(diff("accent", "acc1", 0.10, 0.20));
        ds.add(diff("accent", "acc2", -0.30, 0.01));
        ds.add(new Disparity("wer", Map.of("condition", "cond1"), Map.of("condition", "ref"), Disparity.RATIO, 1.5, 1.1, 2.0,
                0.04, 0.04, null));
        ds.add(diff("accent", "acc3", 0.05, 0.03));
        ds.add(new Disparity("wer", Map.of("condition", "cond2"), Map.of("condition", "ref"), Disparity.RATIO, 0.5, 0.3, 0.8,
                0.001, 0.001, null));
        ds.add(new Disparity("wer", Map.of("accent", "acc4"), Map.of("accent", "ref"), Disparity.DIFFERENCE, null, null, null,
                null, null, "no reference words"));
        for (int i = 0; i < 15; i++) {
            ds.add(new Disparity("wer", pair("x" + i, "y"), pair("ref", "y"), Disparity.DIFFERENCE, 0.01 * i, -0.2, 0.3, 0.6, 0.7,
                    null));
        }
        ds.add(new Disparity("wer", pair("xsig", "y"), pair("ref", "y"), Disparity.DIFFERENCE, 0.02, 0.01, 0.03, 0.001, 0.002,
                null));
        AuditResult r = HandAudits.result().withDisparities(ds);
        String html = HtmlReport.render(r);
        String section = html.substring(html.indexOf("id=\"disparities\""), html.indexOf("id=\"metrics\""));
        // one heading per attribute set, in order of first appearance, with its count of significant ones
        int accent = section.indexOf("<h3 class=\"fh-disparity-set\">accent <span class=\"fh-note\">2 significant of 4</span>");
        int condition = section.indexOf("<h3 class=\"fh-disparity-set\">condition <span class=\"fh-note\">2 significant of 2</span>");
        int both = section.indexOf("<h3 class=\"fh-disparity-set\">accent × condition <span class=\"fh-note\">1 significant of 16</span>");
        assertTrue(accent >= 0 && accent < condition && condition < both, section);
        // within a set: significant first by effect size (|-0.30| > 0.05), then the rest (0.10, then undefined last)
        assertInOrder(section.substring(accent, condition), "accent=acc2", "accent=acc3", "accent=acc1", "accent=acc4");
        // ratios by |ln|: 0.5 (0.69) before 1.5 (0.41)
        assertInOrder(section.substring(condition, both), "condition=cond2", "condition=cond1");
        // a large set shows its significant rows open and collapses its 15 others, largest effect first
        String large = section.substring(both);
        int details = large.indexOf("<details><summary>15 comparisons with q ≥ 0.05 or untested</summary>");
        assertTrue(details > large.indexOf("accent=xsig "), large);
        assertInOrder(large.substring(details), "accent=x14 ", "accent=x13 ", "accent=x0 ");
        // small sets are not collapsed
        assertFalse(section.substring(0, both).contains("<details>"));
        // the Markdown report groups the same way (21 comparisons: all but the max_gaps and significant are left to the
        // JSON beyond 30, so here every one is listed)
        String md = MarkdownReport.render(r);
        int mdAccent = md.indexOf("### accent (2 significant of 4)");
        int mdCondition = md.indexOf("### condition (2 significant of 2)");
        int mdBoth = md.indexOf("### accent × condition (1 significant of 16)");
        assertTrue(mdAccent > 0 && mdAccent < mdCondition && mdCondition < mdBoth, md);
        assertInOrder(md.substring(mdAccent, mdCondition), "accent=acc2", "accent=acc3", "accent=acc1", "accent=acc4");
        assertInOrder(md.substring(mdBoth), "accent=xsig ", "accent=x14 ", "accent=x0 ");
    }

    private static void assertInOrder(String text, String... parts) {
        int at = -1;
        for (String p : parts) {
            int next = text.indexOf(p, at + 1);
            assertTrue(next > at, p + " after position " + at + " in\n" + text);
            at = next;
        }
    }
}

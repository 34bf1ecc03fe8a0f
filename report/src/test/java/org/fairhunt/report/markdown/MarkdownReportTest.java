package org.fairhunt.report.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.result.Verdict;
import org.fairhunt.report.HandAudits;
import org.fairhunt.report.ReportOptions;
import org.junit.jupiter.api.Test;

/** Expected figures are the Wilson intervals of the hand counts in {@link HandAudits}, computed separately. */
class MarkdownReportTest {

    @Test
    void headline_shows_overall_metrics_with_wilson_intervals() {
        String md = MarkdownReport.render(HandAudits.result());
        assertTrue(md.startsWith("# Fairness audit: hand.csv\n\n12 rows · classification · label y · prediction p · groups sex"
                + " · slices under 3 rows flagged too small · 95% Wilson score intervals\n"), md);
        assertTrue(md.contains("""
                ## Headline

                Overall, 12 rows:

                | metric | value |
                |---|---:|
                | accuracy | 0.750 [0.47, 0.91] |
                | tpr | 0.750 [0.30, 0.95] |
                | fpr | 0.250 [0.07, 0.59] |
                """), md);
    }

    @Test
    void slice_table_flags_small_slices_and_footnotes_undefined_values() {
        String md = MarkdownReport.render(HandAudits.result());
        assertTrue(md.contains("""
                ## By sex

                | sex | n | flags | accuracy | tpr | fpr |
                |---|---:|---|---:|---:|---:|
                | f | 5 |  | 0.600 [0.23, 0.88] | 0.500 [0.09, 0.91] | 0.333 [0.06, 0.79] |
                | m | 5 |  | 1.000 [0.57, 1.00] | 1.000 [0.34, 1.00] | 0.000 [0.00, 0.56] |
                | x | 2 | too small | 0.500 [0.09, 0.91] | —[^1] | 0.500 [0.09, 0.91] |

                [^1]: no positives
                """), md);
    }

    @Test
    void largest_gaps_are_the_audits_max_gap_rows_with_their_simultaneous_intervals() {
        AuditResult r = HandAudits.result();
        String md = MarkdownReport.render(r);
        // Every slice with a value counts (x is flagged too small, not dropped). Intervals: Šidák over the 3 pairs
        // (1 for tpr, x has none), each pair Newcombe's, max(0, max lo) to max hi — recomputed independently with
        // scipy: accuracy [0, 0.9302], tpr [0, 0.9055], fpr [0, 0.9302].
        assertTrue(md.contains("""
                | metric | gap | among | highest | lowest |
                |---|---:|---|---|---|
                | accuracy | 0.500 [0.00, 0.93] | sex | sex=m: 1.000 [0.57, 1.00] (n=5) | sex=x: 0.500 [0.09, 0.91] (n=2) |
                | tpr | 0.500 [0.00, 0.91] | sex | sex=m: 1.000 [0.34, 1.00] (n=5) | sex=f: 0.500 [0.09, 0.91] (n=5) |
                | fpr | 0.500 [0.00, 0.93] | sex | sex=x: 0.500 [0.09, 0.91] (n=2) | sex=m: 0.000 [0.00, 0.56] (n=5) |
                """), md);
        for (org.fairhunt.report.AuditDigest.Gap g : org.fairhunt.report.AuditDigest.largestGaps(r, List.of("accuracy", "tpr", "fpr"))) {
            Disparity row = r.disparities().stream().filter(d -> d.kind() == org.fairhunt.core.result.DisparityKind.MAX_GAP && d.metric().equals(g.metric()))
                    .findFirst().orElseThrow();
            assertEquals(row, g.disparity());
            assertEquals(row.highest(), g.highest().attributes());
            assertEquals(row.lowest(), g.lowest().attributes());
            assertEquals(row.value(), g.gap());
        }
    }

    @Test
    void verdicts_come_first_and_disparities_show_q_values() {
        AuditResult r = HandAudits.result()
                .withVerdicts(List.of(
                        new Verdict("max_gap(accuracy) <= 0.1", Verdict.FAIL, "sex=m vs sex=f differ by 0.400", 0.4, 0.1, 0.7, null),
                        new Verdict("min(tpr) >= 0.4", Verdict.INCONCLUSIVE, "sex=f: 0.500 straddles 0.4", 0.5, 0.09, 0.91, 140L)))
                .withDisparities(List.of(
                        new Disparity("accuracy", Map.of("sex", "f"), Map.of("sex", "m"), Disparity.DIFFERENCE, -0.4, -0.75, -0.05, 0.021,
                                0.042, null),
                        new Disparity("tpr", Map.of("sex", "x"), Map.of("sex", "m"), Disparity.DIFFERENCE, null, null, null, null, null,
                                "no positives")));
        String md = MarkdownReport.render(r);
        assertTrue(md.indexOf("## Verdicts") < md.indexOf("## Headline"), md);
        assertTrue(md.contains("""
                2 constraints: 0 pass, 1 fail, 1 inconclusive.

                | outcome | constraint | detail | estimate | more rows needed (smallest slice) |
                |---|---|---|---:|---:|
                | ❌ **fail** | max_gap(accuracy) <= 0.1 | sex=m vs sex=f differ by 0.400 | 0.400 [0.10, 0.70] |  |
                | ⚠️ inconclusive | min(tpr) >= 0.4 | sex=f: 0.500 straddles 0.4 | 0.500 [0.09, 0.91] | about 140 |
                """), md);
        assertTrue(md.contains("""
                1 of 1 comparisons have q < 0.05 (Benjamini–Hochberg, across the whole audit).

                ### sex (1 significant of 2)

                | metric | slice | reference | kind | value | p | q |
                |---|---|---|---|---:|---:|---:|
                | accuracy | sex=f | sex=m | difference | -0.400 [-0.75, -0.05] | 0.021 | 0.042 |
                | tpr | sex=x | sex=m | difference | —[^1] | — | — |
                """), md);
    }

    @Test
    void user_data_cannot_break_the_table_or_inject_markup() {
        String md = MarkdownReport.render(HandAudits.result("<script>alert(1)</script>|x"));
        assertTrue(md.contains("| \\<script>alert(1)\\</script>\\|x | 2 | too small |"), md);
        // every tag opener is backslash-escaped, so no renderer sees a tag
        assertFalse(java.util.regex.Pattern.compile("(?<!\\\\)</?script").matcher(md).find(), md);
    }

    @Test
    void glossary_and_settings_close_the_report() {
        String md = MarkdownReport.render(HandAudits.result());
        assertTrue(md.contains("""
                ## Metrics

                - **accuracy**: (TP + TN) / all
                - **tpr**: true positive rate (recall): TP / (TP + FN)
                - **fpr**: false positive rate: FP / (FP + TN)
                """), md);
        assertTrue(md.contains("- min_group_size: 3\n"), md);
        assertTrue(md.contains("- groups: sex\n"), md);
    }

    @Test
    void a_chosen_metric_the_audit_lacks_is_a_user_error_listing_the_available_ones() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> MarkdownReport.render(HandAudits.result(), ReportOptions.metrics(List.of("auc"))));
        assertEquals("the report asks for metric 'auc', which this audit did not compute; it has: accuracy, tpr, fpr",
                e.getMessage());
    }

    @Test
    void options_narrow_the_metrics_shown() {
        String md = MarkdownReport.render(HandAudits.result(), ReportOptions.metrics(List.of("fpr")));
        assertTrue(md.contains("| sex | n | flags | fpr |\n"), md);
    }

    @Test
    void escaping_leaves_harmless_punctuation_readable() {
        assertEquals("<25", Markdown.escape("<25"));
        assertEquals("[40,60)", Markdown.escape("[40,60)"));
        assertEquals("sex=male & age_band=>=60", Markdown.escape("sex=male & age_band=>=60"));
        assertEquals("\\[x\\](http://e)", Markdown.escape("[x](http://e)"));
        assertEquals("\\_x\\_ a\\*b\\* \\&amp; \\`c\\` \\<b> a b", Markdown.escape("_x_ a*b* &amp; `c` <b> a\nb"));
        assertEquals("\\> quote", Markdown.escape("> quote"));
        assertEquals("\\- item", Markdown.escape("- item"));
        assertEquals("-0.5", Markdown.escape("-0.5"));
    }

    @Test
    void many_metrics_are_split_into_tables_of_six() {
        AuditResult r = org.fairhunt.core.audit.Auditor.run(HandAudits.table("x"),
                org.fairhunt.core.audit.AuditRequest.of("y", null, "p", null, List.of("sex")).withMinGroupSize(3).withThreads(1))
                .result();
        String md = MarkdownReport.render(r);
        assertTrue(md.contains("| sex | n | flags | count | accuracy | error_rate | tpr | fpr | fnr |\n"), md);
        assertTrue(md.contains("| sex | n | flags | tnr | precision | npv | fdr | false_omission_rate | selection_rate |\n"), md);
        assertTrue(md.contains("| sex | n | flags | prevalence |\n"), md);
    }

    @Test
    void with_many_comparisons_only_gaps_and_significant_ones_are_listed_and_the_rest_counted() {
        AuditResult r = org.fairhunt.core.audit.Auditor.run(org.fairhunt.core.testing.Tables.random(5, 3000, 3000),
                org.fairhunt.core.audit.AuditRequest.of("y", null, "p", null, List.of("a", "b")).withIntersections(2).withThreads(1)
                        .withMetrics(List.of("error_rate", "selection_rate", "prevalence"))).result();
        long gaps = r.disparities().stream().filter(d -> d.kind() == Disparity.MAX_GAP).count();
        long significant = r.disparities().stream().filter(d -> d.kind() != Disparity.MAX_GAP && d.qValue() != null
                && d.qValue() < 0.05).count();
        assertTrue(r.disparities().size() > 30, "fixture has " + r.disparities().size());
        assertTrue(significant > 0, "the prevalence differs by group in Tables.random, so some comparison is significant");
        String md = MarkdownReport.render(r);
        String section = md.substring(md.indexOf("## Disparities"), md.indexOf("## Metrics"));
        long tableRows = section.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| metric |") && !l.startsWith("| ---")
                && !l.startsWith("|---")).count();
        assertEquals(gaps + significant, tableRows, section);
        assertTrue(section.contains((r.disparities().size() - gaps - significant)
                + " other comparisons are in audit.json and in the HTML report."), section);
        String html = org.fairhunt.report.html.HtmlReport.render(r);
        // the HTML has every comparison: the significant ones open, the rest of each large set collapsed
        long collapsed = java.util.regex.Pattern.compile("<details><summary>(\\d+) comparisons with q ≥ 0.05 or untested</summary>")
                .matcher(html).results().mapToLong(m -> Long.parseLong(m.group(1))).sum();
        String disparities = html.substring(html.indexOf("id=\"disparities\""), html.indexOf("id=\"metrics\""));
        long open = disparities.split("<tr class=\"fh-strong\">", -1).length - 1;
        assertEquals(r.disparities().stream().filter(org.fairhunt.report.AuditDigest::significant).count(), open);
        assertTrue(collapsed > 0 && collapsed <= r.disparities().size() - significant, "collapsed " + collapsed);
    }
}

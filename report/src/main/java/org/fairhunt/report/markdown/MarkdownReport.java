package org.fairhunt.report.markdown;

import static org.fairhunt.report.markdown.Markdown.escape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.result.Outcome;
import org.fairhunt.core.result.Verdict;
import org.fairhunt.report.AuditDigest;
import org.fairhunt.report.AuditDigest.AttributeSet;
import org.fairhunt.report.AuditDigest.Gap;
import org.fairhunt.report.ExtensionView;
import org.fairhunt.report.Formats;
import org.fairhunt.report.ReportOptions;

/**
 * The audit as Markdown, for a ticket or a pull request: verdicts first, then a headline (the overall
 * metrics and the largest gaps), a table per attribute set, disparities, warnings, a glossary of the
 * metrics and the settings. Values carry their intervals ({@code 0.245 [0.22, 0.27]}); an undefined
 * value is {@code —} with its reason in a footnote, numbered once per distinct reason.
 */
public final class MarkdownReport {
    /** Metric columns per slice table: six intervals fit a ticket's width. */
    static final int METRICS_PER_TABLE = 6;

    private final AuditResult result;
    private final List<String> metrics;
    /** Footnote number by reason, so one reason is one footnote however often it occurs. */
    private final Map<String, Integer> footnotes = new LinkedHashMap<>();
    /** Footnotes used but not yet defined: defined right after the table that first used them. */
    private final List<String> pending = new ArrayList<>();
    private final StringBuilder out = new StringBuilder(8192);

    private MarkdownReport(AuditResult result, ReportOptions options) {
        this.result = result;
        this.metrics = AuditDigest.metrics(result, options);
    }

    public static String render(AuditResult result) {
        return render(result, ReportOptions.DEFAULT);
    }

    public static String render(AuditResult result, ReportOptions options) {
        return new MarkdownReport(result, options).render();
    }

    private String render() {
        out.append("# Fairness audit: ").append(escape(result.source() == null ? "(unnamed data)" : result.source()))
                .append("\n\n").append(escape(AuditDigest.summaryLine(result))).append("\n\n");
        verdicts();
        headline();
        for (AttributeSet set : AuditDigest.attributeSets(result)) {
            sliceTable(set);
        }
        disparities();
        warnings();
        extensions();
        glossary();
        settings();
        return out.toString();
    }

    private void verdicts() {
        if (result.verdicts().isEmpty()) {
            return;
        }
        long failed = result.verdicts().stream().filter(v -> Verdict.FAIL.equals(v.outcome())).count();
        long open = result.verdicts().stream().filter(v -> Verdict.INCONCLUSIVE.equals(v.outcome())).count();
        out.append("## Verdicts\n\n").append(result.verdicts().size()).append(" constraints: ")
                .append(result.verdicts().size() - failed - open).append(" pass, ").append(failed).append(" fail, ")
                .append(open).append(" inconclusive.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Verdict v : result.verdicts()) {
            rows.add(List.of(outcome(v.outcome()), escape(v.constraint()), escape(v.detail()),
                    Formats.estimate(v.value(), v.lo(), v.hi()),
                    v.moreRowsNeeded() == null ? "" : "about " + v.moreRowsNeeded()));
        }
        out.append(Markdown.table(List.of("outcome", "constraint", "detail", "estimate", "more rows needed (smallest slice)"),
                List.of(false, false, false, true, true), rows)).append('\n');
    }

    private static String outcome(Outcome outcome) {
        return switch (outcome) {
            case PASS -> "✅ pass";
            case FAIL -> "❌ **fail**";
            case INCONCLUSIVE -> "⚠️ inconclusive";
        };
    }

    private void headline() {
        SliceResult overall = AuditDigest.overall(result);
        out.append("## Headline\n\n");
        if (overall != null) {
            out.append("Overall, ").append(overall.n()).append(" rows:\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (String m : metrics) {
                rows.add(List.of(escape(m), value(overall.metric(m))));
            }
            out.append(Markdown.table(List.of("metric", "value"), List.of(false, true), rows)).append('\n');
            footnoteDefinitions();
        }
        List<Gap> gaps = AuditDigest.largestGaps(result, metrics);
        if (!gaps.isEmpty()) {
            out.append("Largest gaps between slices (the max_gap rows; biased upward for small slices, their intervals "
                    + "are not):\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (Gap g : gaps) {
                rows.add(List.of(escape(g.metric()), Formats.number(g.gap()) + (g.disparity().lo() == null ? ""
                        : " " + Formats.interval(g.gap(), g.disparity().lo(), g.disparity().hi())), escape(g.set().label()),
                        escape(g.highest().label()) + ": " + value(g.highest().metric(g.metric())) + " (n=" + g.highest().n() + ")",
                        escape(g.lowest().label()) + ": " + value(g.lowest().metric(g.metric())) + " (n=" + g.lowest().n() + ")"));
            }
            out.append(Markdown.table(List.of("metric", "gap", "among", "highest", "lowest"),
                    List.of(false, true, false, false, false), rows)).append('\n');
        }
    }

    /**
     * The slices of one attribute set; with many metrics, several tables of {@link #METRICS_PER_TABLE}
     * metrics each (slice columns repeated), so a table still reads in a ticket without scrolling.
     */
    private void sliceTable(AttributeSet set) {
        out.append("## By ").append(escape(set.label())).append("\n\n");
        for (int from = 0; from < Math.max(1, metrics.size()); from += METRICS_PER_TABLE) {
            List<String> chunk = metrics.subList(Math.min(from, metrics.size()), Math.min(from + METRICS_PER_TABLE, metrics.size()));
            List<String> headers = new ArrayList<>();
            List<Boolean> numeric = new ArrayList<>();
            for (String a : set.attributes()) {
                headers.add(escape(a));
                numeric.add(false);
            }
            headers.add("n");
            numeric.add(true);
            headers.add("flags");
            numeric.add(false);
            for (String m : chunk) {
                headers.add(escape(m));
                numeric.add(true);
            }
            List<List<String>> rows = new ArrayList<>();
            for (SliceResult s : set.slices()) {
                List<String> row = new ArrayList<>();
                s.attributes().values().forEach(v -> row.add(escape(v)));
                row.add(Long.toString(s.n()));
                row.add(s.tooSmall() ? "too small" : "");
                for (String m : chunk) {
                    row.add(value(s.metric(m)));
                }
                rows.add(row);
            }
            out.append(Markdown.table(headers, numeric, rows)).append('\n');
        }
        footnoteDefinitions();
    }

    private void disparities() {
        List<Disparity> all = result.disparities();
        if (all.isEmpty()) {
            return;
        }
        long significant = all.stream().filter(AuditDigest::significant).count();
        long tested = all.stream().filter(d -> d.qValue() != null).count();
        out.append("## Disparities\n\n");
        if (tested > 0) {
            out.append(significant).append(" of ").append(tested)
                    .append(" comparisons have q < 0.05 (Benjamini–Hochberg, across the whole audit).\n\n");
        }
        List<Disparity> shown = AuditDigest.keyDisparities(result);
        if (shown.size() < all.size()) {
            out.append("Shown: the largest gap of each metric in each attribute set, and the significant comparisons. ")
                    .append(all.size() - shown.size())
                    .append(" other comparisons are in audit.json and in the HTML report.\n\n");
        }
        // by attribute set, each led by its significant comparisons (largest effect first)
        java.util.Set<Disparity> listed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        listed.addAll(shown);
        for (AuditDigest.DisparityGroup g : AuditDigest.disparityGroups(result)) {
            List<List<String>> rows = new ArrayList<>();
            for (List<Disparity> part : List.of(g.significant(), g.others())) {
                for (Disparity d : part) {
                    if (!listed.contains(d)) {
                        continue;
                    }
                    String value = d.value() == null ? Formats.UNDEFINED + footnote(d.reason())
                            : Formats.estimate(d.value(), d.lo(), d.hi()) + (d.reason() != null ? footnote(d.reason()) : "");
                    rows.add(List.of(escape(d.metric()), escape(AuditDigest.sliceLabel(d.attributes())),
                            escape(AuditDigest.sliceLabel(d.reference())), escape(d.kind().word()), value,
                            Formats.pValue(d.pValue()), Formats.pValue(d.qValue())));
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            out.append("### ").append(escape(g.label())).append(" (").append(g.significant().size()).append(" significant of ")
                    .append(g.size()).append(")\n\n");
            out.append(Markdown.table(List.of("metric", "slice", "reference", "kind", "value", "p", "q"),
                    List.of(false, false, false, false, true, true, true), rows)).append('\n');
        }
        footnoteDefinitions();
    }

    private void warnings() {
        if (result.warnings().isEmpty()) {
            return;
        }
        out.append("## Warnings\n\n");
        for (String w : result.warnings()) {
            out.append("- ").append(escape(w)).append('\n');
        }
        out.append('\n');
    }

    /**
     * Sections added by other tools ({@code clarify}, {@code speech}): grids of estimates as tables (six
     * columns at a time), plain values as lists, anything else as its JSON, so nothing is dropped; codes
     * the settings describe (Clarify's) get their one-line descriptions.
     */
    private void extensions() {
        result.extensions().forEach((name, tree) -> {
            out.append("## ").append(escape(name)).append("\n\n");
            for (ExtensionView.Part part : ExtensionView.parts(tree)) {
                if (part.title() != null) {
                    out.append("### ").append(escape(part.title())).append("\n\n");
                }
                if (part instanceof ExtensionView.KeyValues kv) {
                    kv.rows().forEach(e -> out.append("- ").append(escape(e.getKey())).append(": ").append(escape(e.getValue()))
                            .append('\n'));
                    out.append('\n');
                } else if (part instanceof ExtensionView.EstimateGrid grid) {
                    estimateGrid(grid);
                } else if (part instanceof ExtensionView.Json json) {
                    out.append(Markdown.codeBlock("json", json.json())).append('\n');
                }
            }
            Map<String, String> codes = ExtensionView.codes(result.settings(), name);
            if (!codes.isEmpty()) {
                out.append("Codes:\n\n");
                codes.forEach((code, description) -> out.append("- **").append(escape(code)).append("**: ")
                        .append(escape(description)).append('\n'));
                out.append('\n');
            }
        });
    }

    private void estimateGrid(ExtensionView.EstimateGrid grid) {
        List<String> columns = grid.columns();
        for (int from = 0; from < columns.size(); from += METRICS_PER_TABLE) {
            List<String> chunk = columns.subList(from, Math.min(from + METRICS_PER_TABLE, columns.size()));
            List<String> headers = new ArrayList<>();
            List<Boolean> numeric = new ArrayList<>();
            headers.add(" ");
            numeric.add(false);
            for (String c : chunk) {
                headers.add(escape(c));
                numeric.add(true);
            }
            List<List<String>> rows = new ArrayList<>();
            for (String r : grid.rows()) {
                List<String> row = new ArrayList<>();
                row.add(escape(r));
                for (String c : chunk) {
                    row.add(value(grid.cell(r, c)));
                }
                rows.add(row);
            }
            out.append(Markdown.table(headers, numeric, rows)).append('\n');
        }
        footnoteDefinitions();
    }

    private void glossary() {
        out.append("## Metrics\n\n");
        result.metrics().forEach((name, description) -> out.append("- **").append(escape(name)).append("**: ")
                .append(escape(description)).append('\n'));
        out.append('\n');
    }

    private void settings() {
        out.append("## Settings\n\n");
        out.append("- source: ").append(escape(result.source())).append('\n');
        out.append("- schema: ").append(escape(result.schema())).append('\n');
        result.settings().forEach((k, v) -> out.append("- ").append(escape(k)).append(": ")
                .append(escape(AuditDigest.settingText(v))).append('\n'));
    }

    /** An estimate with a footnote for its missing value or interval. */
    private String value(MetricEstimate e) {
        if (e == null) {
            return "";
        }
        if (!e.defined()) {
            return Formats.UNDEFINED + footnote(e.reason() == null ? "undefined" : e.reason());
        }
        return Formats.estimate(e) + (e.ciReason() != null ? footnote("no interval: " + e.ciReason()) : "");
    }

    private String footnote(String reason) {
        if (reason == null) {
            return "";
        }
        Integer n = footnotes.get(reason);
        if (n == null) {
            n = footnotes.size() + 1;
            footnotes.put(reason, n);
            pending.add(reason);
        }
        return "[^" + n + "]";
    }

    /** Writes the definitions of footnotes first used since the last call (each is defined once). */
    private void footnoteDefinitions() {
        if (pending.isEmpty()) {
            return;
        }
        for (String reason : pending) {
            out.append("[^").append(footnotes.get(reason)).append("]: ").append(escape(reason)).append('\n');
        }
        out.append('\n');
        pending.clear();
    }
}

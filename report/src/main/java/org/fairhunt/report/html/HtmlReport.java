package org.fairhunt.report.html;

import static org.fairhunt.report.html.Html.escape;
import static org.fairhunt.report.html.Html.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.result.Outcome;
import org.fairhunt.core.result.Verdict;
import org.fairhunt.core.stats.Interval;
import org.fairhunt.report.AuditDigest;
import org.fairhunt.report.AuditDigest.AttributeSet;
import org.fairhunt.report.AuditDigest.Gap;
import org.fairhunt.report.ExtensionView;
import org.fairhunt.report.Formats;
import org.fairhunt.report.ReportOptions;
import org.fairhunt.report.html.Html.Fragment;

/**
 * The audit as one self-contained HTML file: verdicts first with pass/fail/inconclusive badges, the
 * overall metrics and largest gaps, then for each attribute set bar charts (interval whiskers, the
 * overall value as a dashed line, slices too small to judge in grey) and, for pairs of attributes,
 * heatmaps, followed by the values table; then disparities, warnings, a glossary and the settings.
 * Nothing is fetched from anywhere: styles are inline, charts are inline SVG, and the page's content
 * security policy forbids network requests.
 */
public final class HtmlReport {
    /** Metrics charted in the open; the rest of the chosen metrics sit in a collapsed block (opened for print). */
    static final int OPEN_CHARTS = 4;
    /*
     * Size limits: an audit of thousands of slices must still give a page a browser opens (issue 11: 10,000
     * values made a 173 MB page). Beyond them a chart shows the extremes, a table the largest slices, and a
     * note says what was left out; audit.json always has everything.
     */
    /** Bars in one chart at most: beyond, the lowest and the highest half of them. */
    static final int MAX_BARS = 40;
    /** Heatmap cells at most (40 × 40). */
    static final int MAX_HEATMAP_CELLS = 1600;
    /** Rows of one attribute set's values table at most: beyond, the largest slices. */
    static final int MAX_TABLE_ROWS = 300;
    /** Rows of one attribute set's collapsed disparities at most: beyond, those with the largest effects. */
    static final int MAX_DISPARITY_ROWS = 1000;
    /** Non-significant comparisons of an attribute set shown in the open; more go behind a collapsed block. */
    static final int OPEN_DISPARITIES = 10;

    private final AuditResult result;
    private final List<String> metrics;
    private final List<String> charted;
    private final SliceResult overall;
    private final String minSize;
    /** Speakers of the slices an extension flags as having few of them (speech's {@code few_speakers}), by label. */
    private final Map<String, Integer> fewSpeakers;
    /** How the intervals were made, computed once (it scans every estimate of the result). */
    private final String intervals;

    private HtmlReport(AuditResult result, ReportOptions options) {
        this.result = result;
        this.metrics = AuditDigest.metrics(result, options);
        Set<String> sizes = AuditDigest.sizeMetrics(result);
        this.charted = metrics.stream().filter(m -> !sizes.contains(m)).toList();
        this.overall = AuditDigest.overall(result);
        Object min = result.settings().get("min_group_size");
        this.minSize = min == null ? null : String.valueOf(min);
        this.intervals = AuditDigest.intervalDescription(result);
        this.fewSpeakers = AuditDigest.fewSpeakers(result);
    }

    public static String render(AuditResult result) {
        return render(result, ReportOptions.DEFAULT);
    }

    public static String render(AuditResult result, ReportOptions options) {
        return new HtmlReport(result, options).render();
    }

    private String render() {
        String source = result.source() == null ? "(unnamed data)" : result.source();
        Html.Page page = Html.page("Fairness audit: " + source).subtitle(AuditDigest.summaryLine(result));
        List<AttributeSet> sets = AuditDigest.attributeSets(result);
        page.add(toc(sets));
        if (!result.verdicts().isEmpty()) {
            page.section("verdicts", "Verdicts", verdicts());
        }
        page.section("headline", "Headline", headline());
        if (!result.warnings().isEmpty()) {
            StringBuilder w = new StringBuilder("<ul class=\"fh-warnings\">");
            result.warnings().forEach(s -> w.append("<li>").append(escape(s)).append("</li>"));
            page.section("warnings", "Warnings", raw(w.append("</ul>").toString()));
        }
        for (int i = 0; i < sets.size(); i++) {
            AttributeSet set = sets.get(i);
            page.section("set-" + (i + 1), "By " + set.label(), sb -> attributeSet(set, sb));
        }
        if (!result.disparities().isEmpty()) {
            page.section("disparities", "Disparities", this::disparities);
        }
        result.extensions().forEach((name, tree) -> page.section("ext-" + name, name, extension(name, tree)));
        page.section("metrics", "Metrics", glossary());
        page.section("settings", "Settings", settings());
        page.add(raw("<footer class=\"fh-footer\">Fairhunt audit report, schema " + escape(result.schema())
                + ". This file is self-contained: it loads nothing from the network.</footer>"));
        return page.render();
    }

    private Fragment toc(List<AttributeSet> sets) {
        StringBuilder sb = new StringBuilder("<nav class=\"fh-toc\">");
        if (!result.verdicts().isEmpty()) {
            sb.append("<a href=\"#verdicts\">Verdicts</a>");
        }
        sb.append("<a href=\"#headline\">Headline</a>");
        if (!result.warnings().isEmpty()) {
            sb.append("<a href=\"#warnings\">Warnings (").append(result.warnings().size()).append(")</a>");
        }
        for (int i = 0; i < sets.size(); i++) {
            sb.append("<a href=\"#set-").append(i + 1).append("\">By ").append(escape(sets.get(i).label())).append("</a>");
        }
        if (!result.disparities().isEmpty()) {
            sb.append("<a href=\"#disparities\">Disparities</a>");
        }
        result.extensions().keySet().forEach(name -> sb.append("<a href=\"#ext-").append(escape(name)).append("\">")
                .append(escape(name)).append("</a>"));
        sb.append("<a href=\"#metrics\">Metrics</a><a href=\"#settings\">Settings</a></nav>");
        return raw(sb.toString());
    }

    private Fragment verdicts() {
        StringBuilder sb = new StringBuilder();
        long pass = count(Verdict.PASS);
        long fail = count(Verdict.FAIL);
        long open = count(Verdict.INCONCLUSIVE);
        sb.append("<p>").append(result.verdicts().size()).append(" constraints: ").append(Html.badge(Verdict.PASS.word())).append(' ')
                .append(pass).append(" &nbsp; ").append(Html.badge(Verdict.FAIL.word())).append(' ').append(fail).append(" &nbsp; ")
                .append(Html.badge(Verdict.INCONCLUSIVE.word())).append(' ').append(open).append("</p>");
        for (Verdict v : result.verdicts()) {
            String kind = v.outcome() == null ? "neutral" : v.outcome().word();
            sb.append("<div class=\"fh-verdict fh-v-").append(escape(kind)).append("\">").append(Html.badge(kind))
                    .append("<div><div class=\"fh-constraint\">").append(escape(v.constraint())).append("</div>");
            if (v.detail() != null) {
                sb.append("<div class=\"fh-detail\">").append(escape(v.detail())).append("</div>");
            }
            List<String> facts = new ArrayList<>();
            if (v.value() != null) {
                facts.add("estimate " + Formats.estimate(v.value(), v.lo(), v.hi()));
            }
            // policies often say it in the detail already; say it once
            if (v.moreRowsNeeded() != null && (v.detail() == null || !v.detail().contains(Long.toString(v.moreRowsNeeded())))) {
                facts.add("about " + v.moreRowsNeeded() + " more rows in the smallest slice involved would settle it");
            }
            if (!facts.isEmpty()) {
                sb.append("<div class=\"fh-note\">").append(escape(String.join(" · ", facts))).append("</div>");
            }
            sb.append("</div></div>");
        }
        return raw(sb.toString());
    }

    private long count(Outcome outcome) {
        return result.verdicts().stream().filter(v -> outcome == v.outcome()).count();
    }

    private Fragment headline() {
        StringBuilder sb = new StringBuilder();
        if (overall != null) {
            sb.append("<p>All ").append(overall.n()).append(" rows:</p><div class=\"fh-cards\">");
            for (String m : metrics) {
                MetricEstimate e = overall.metric(m);
                sb.append("<div class=\"fh-card\"><div class=\"fh-card-label\">").append(escape(m)).append("</div>");
                if (e == null || !e.defined()) {
                    sb.append("<div class=\"fh-card-value\">").append(Formats.UNDEFINED).append("</div><div class=\"fh-card-sub\">")
                            .append(escape(e == null ? "not computed" : e.reason())).append("</div>");
                } else {
                    Interval ci = e.ci();
                    sb.append("<div class=\"fh-card-value\">").append(escape(Formats.estimate(e.value(), null, null)))
                            .append("</div><div class=\"fh-card-sub\">")
                            .append(ci == null ? escape(e.ciReason() == null ? "" : "no interval: " + e.ciReason())
                                    : escape(Formats.percent(ci.level()) + " CI " + Formats.interval(e.value(), ci.lo(), ci.hi())))
                            .append("</div>");
                }
                sb.append("</div>");
            }
            sb.append("</div>");
        }
        List<Gap> gaps = AuditDigest.largestGaps(result, metrics);
        if (!gaps.isEmpty()) {
            sb.append("<h3>Largest gaps</h3><p class=\"fh-note\">Between the highest and the lowest slice of one attribute set "
                    + "(the audit's max_gap rows, preferring sets whose slices are not too small). The gap is biased upward for "
                    + "small slices; its interval is not (simultaneous over every pair of slices).</p>");
            sb.append(gapTable(gaps.subList(0, Math.min(OPEN_CHARTS, gaps.size()))));
            if (gaps.size() > OPEN_CHARTS) {
                sb.append("<details><summary>Gaps of ").append(gaps.size() - OPEN_CHARTS).append(" more metrics</summary>")
                        .append(gapTable(gaps.subList(OPEN_CHARTS, gaps.size()))).append("</details>");
            }
        }
        return raw(sb.toString());
    }

    private static Fragment gapTable(List<Gap> gaps) {
        Html.Table t = Html.table().column("metric").numericColumn("gap").column("among").column("highest")
                .numericColumn("").column("lowest").numericColumn("");
        for (Gap g : gaps) {
            t.row(g.metric(), Formats.number(g.gap()) + (g.disparity().lo() == null ? ""
                    : " " + Formats.interval(g.gap(), g.disparity().lo(), g.disparity().hi())), g.set().label(),
                    g.highest().label() + " (n=" + g.highest().n() + ")", Formats.estimate(g.highest().metric(g.metric())),
                    g.lowest().label() + " (n=" + g.lowest().n() + ")", Formats.estimate(g.lowest().metric(g.metric())));
        }
        return t.render();
    }

    private void attributeSet(AttributeSet set, StringBuilder sb) {
        List<String> legend = new ArrayList<>();
        legend.add("Bars start at zero; the dashed line is the overall value");
        if (intervals != null) {
            legend.add("whiskers are " + intervals);
        }
        if (minSize != null && set.slices().stream().anyMatch(SliceResult::tooSmall)) {
            legend.add("grey: slices with fewer than " + minSize + " rows, too small to judge");
        }
        if (set.attributes().size() == 2) {
            legend.add("heatmap colours: light for the lowest value, dark red for the highest, the overall value marked on the "
                    + "scale; each cell gives the value, its interval and n; dashed cells are flagged (too small, few speakers)");
        }
        sb.append("<p class=\"fh-note\">").append(escape(String.join("; ", legend))).append(".</p>");
        // the first charts in the open, the rest behind a collapsed block, each written where it goes
        sb.append("<div class=\"fh-grid\">");
        for (int i = 0; i < charted.size(); i++) {
            if (i == OPEN_CHARTS) {
                sb.append("</div><details><summary>Charts of ").append(charted.size() - OPEN_CHARTS)
                        .append(" more metrics</summary><div class=\"fh-grid\">");
            }
            String m = charted.get(i);
            sb.append("<div class=\"fh-metric-charts\">");
            boolean pair = set.attributes().size() == 2;
            if (pair) {
                int cells = set.values(0).size() * set.values(1).size();
                if (cells <= MAX_HEATMAP_CELLS) {
                    figure(sb, m, heatmap(set, m), null);
                } else {
                    figure(sb, m, raw(""), "heatmap left out: " + set.values(0).size() + " × " + set.values(1).size()
                            + " cells are more than a page can show; the bars and the table below have the slices");
                }
            }
            List<SliceResult> shown = barsShown(set.slices(), m);
            String caption = shown.size() == set.slices().size() ? null : "the " + shown.size() / 2 + " lowest and "
                    + (shown.size() - shown.size() / 2) + " highest of " + set.slices().size() + " slices";
            figure(sb, pair ? null : m, bars(set, shown, m), caption);
            sb.append("</div>");
        }
        sb.append(charted.size() > OPEN_CHARTS ? "</div></details>" : "</div>");
        valuesTable(set, sb);
    }

    private static void figure(StringBuilder sb, String metric, Fragment chart, String caption) {
        sb.append("<figure class=\"fh-figure\">");
        if (metric != null) {
            sb.append("<h4>").append(escape(metric)).append("</h4>");
        }
        sb.append(chart.html());
        if (caption != null) {
            sb.append("<figcaption>").append(escape(caption)).append("</figcaption>");
        }
        sb.append("</figure>");
    }

    /**
     * The slices one chart shows: all of them, or when there are more than {@link #MAX_BARS}, those with
     * the lowest and the highest values (in their usual order), since the extremes are what a reader looks
     * for; slices whose metric is undefined are left to the table then.
     */
    static List<SliceResult> barsShown(List<SliceResult> slices, String metric) {
        if (slices.size() <= MAX_BARS) {
            return slices;
        }
        List<Integer> defined = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            MetricEstimate e = slices.get(i).metric(metric);
            if (e != null && e.defined()) {
                defined.add(i);
            }
        }
        defined.sort((a, b) -> Double.compare(slices.get(a).metric(metric).value(), slices.get(b).metric(metric).value()));
        java.util.TreeSet<Integer> keep = new java.util.TreeSet<>();
        int half = MAX_BARS / 2;
        for (int k = 0; k < Math.min(half, defined.size()); k++) {
            keep.add(defined.get(k));
            keep.add(defined.get(defined.size() - 1 - k));
        }
        List<SliceResult> out = new ArrayList<>();
        keep.forEach(i -> out.add(slices.get(i)));
        return out;
    }

    private Fragment bars(AttributeSet set, List<SliceResult> slices, String metric) {
        Svg.BarChart chart = Svg.barChart(metric + " by " + set.label());
        for (SliceResult s : slices) {
            MetricEstimate e = s.metric(metric);
            String label = String.join(" · ", s.attributes().values());
            if (e == null || !e.defined()) {
                String reason = e == null ? "not computed" : e.reason();
                chart.bar(label, null, null, null, Formats.UNDEFINED + " " + reason, s.label() + ": undefined (" + reason + "), n="
                        + s.n(), s.tooSmall());
            } else {
                Interval ci = e.ci();
                chart.bar(label, e.value(), ci == null ? null : ci.lo(), ci == null ? null : ci.hi(), Formats.estimate(e),
                        tooltip(s, e), s.tooSmall());
            }
        }
        MetricEstimate all = overall == null ? null : overall.metric(metric);
        if (all != null && all.defined()) {
            chart.reference(all.value(), "overall " + Formats.number(all.value()));
        }
        return chart.render();
    }

    private Fragment heatmap(AttributeSet set, String metric) {
        List<String> rows = set.values(0);
        List<String> columns = set.values(1);
        Svg.Heatmap map = Svg.heatmap(metric + " by " + set.label()).headers(set.attributes().get(0), set.attributes().get(1))
                .rows(rows).columns(columns);
        for (SliceResult s : set.slices()) {
            List<String> values = new ArrayList<>(s.attributes().values());
            MetricEstimate e = s.metric(metric);
            boolean defined = e != null && e.defined();
            Interval ci = defined ? e.ci() : null;
            Integer speakers = fewSpeakers.get(s.label());
            // flagged cells keep their number and say why to doubt it (issue 15: no greyed-out blanks)
            String note = "n=" + s.n() + (s.tooSmall() ? " · too small" : "") + (speakers == null ? "" : " · " + speakers + " spk");
            map.cell(rows.indexOf(values.get(0)), columns.indexOf(values.get(1)), defined ? e.value() : null,
                    defined ? Formats.number(e.value()) : Formats.UNDEFINED,
                    ci == null ? null : Formats.interval(e.value(), ci.lo(), ci.hi()), note,
                    (defined ? tooltip(s, e) : s.label() + ": undefined (" + (e == null ? "not computed" : e.reason()) + ")")
                            + (speakers == null ? "" : ", " + speakers + " speakers (few)"),
                    s.tooSmall() || speakers != null);
        }
        MetricEstimate all = overall == null ? null : overall.metric(metric);
        if (all != null && all.defined()) {
            map.reference(all.value(), "overall " + Formats.number(all.value()));
        }
        return map.render();
    }

    private static String tooltip(SliceResult s, MetricEstimate e) {
        return s.label() + ": " + Formats.estimate(e) + ", n=" + s.n() + (s.tooSmall() ? " (too small)" : "");
    }

    private void valuesTable(AttributeSet set, StringBuilder sb) {
        Html.Table t = Html.table();
        set.attributes().forEach(t::column);
        t.numericColumn("n");
        metrics.forEach(t::numericColumn);
        List<SliceResult> rows = set.slices();
        String note = "";
        if (rows.size() > MAX_TABLE_ROWS) {
            // The largest slices, in their usual order: they are the ones a judgement can rest on.
            List<Integer> bySize = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                bySize.add(i);
            }
            List<SliceResult> all = rows;
            bySize.sort((a, b) -> Long.compare(all.get(b).n(), all.get(a).n()));
            java.util.TreeSet<Integer> keep = new java.util.TreeSet<>(bySize.subList(0, MAX_TABLE_ROWS));
            rows = keep.stream().map(all::get).toList();
            note = "<p class=\"fh-note\">The " + MAX_TABLE_ROWS + " largest of " + all.size() + " slices; every slice is in "
                    + "the JSON result.</p>";
        }
        for (SliceResult s : rows) {
            List<Object> cells = new ArrayList<>(s.attributes().values());
            cells.add(s.tooSmall() ? raw(s.n() + " <span class=\"fh-flag\">too small</span>") : Long.toString(s.n()));
            for (String m : metrics) {
                cells.add(cell(s.metric(m)));
            }
            t.row(s.tooSmall() ? "muted" : null, cells);
        }
        t.appendTo(sb.append(note));
    }

    private static Object cell(MetricEstimate e) {
        if (e == null) {
            return "";
        }
        if (!e.defined()) {
            return raw(Formats.UNDEFINED + " <span class=\"fh-note\">" + escape(e.reason()) + "</span>");
        }
        if (e.ciReason() != null) {
            return raw(escape(Formats.estimate(e)) + " <span class=\"fh-note\" title=\"" + escape(e.ciReason()) + "\">(no interval)</span>");
        }
        return Formats.estimate(e);
    }

    /**
     * The comparisons by attribute set, each set led by its significant ones (bold, largest effect first);
     * the rest of a set follow in the same table when few, behind a collapsed block when more than
     * {@link #OPEN_DISPARITIES} (hundreds of rows in one flat list go unread).
     */
    private void disparities(StringBuilder sb) {
        List<Disparity> all = result.disparities();
        long tested = all.stream().filter(d -> d.qValue() != null).count();
        long significant = all.stream().filter(AuditDigest::significant).count();
        if (tested > 0) {
            sb.append("<p>").append(significant).append(" of ").append(tested)
                    .append(" comparisons have q &lt; 0.05 (Benjamini–Hochberg across the whole audit); they are in bold and "
                            + "lead each attribute set, largest effect first.</p>");
        }
        for (AuditDigest.DisparityGroup g : AuditDigest.disparityGroups(result)) {
            sb.append("<h3 class=\"fh-disparity-set\">").append(escape(g.label())).append(" <span class=\"fh-note\">")
                    .append(g.significant().size()).append(" significant of ").append(g.size()).append("</span></h3>");
            if (g.others().size() <= OPEN_DISPARITIES) {
                List<Disparity> rows = new ArrayList<>(g.significant());
                rows.addAll(g.others());
                disparityTable(rows).appendTo(sb);
                continue;
            }
            if (!g.significant().isEmpty()) {
                disparityTable(g.significant()).appendTo(sb);
            }
            List<Disparity> others = g.others();
            sb.append("<details><summary>").append(others.size()).append(" comparisons with q ≥ 0.05 or untested");
            if (others.size() > MAX_DISPARITY_ROWS) {
                sb.append(" (the ").append(MAX_DISPARITY_ROWS).append(" largest shown; every one is in the JSON result)");
                others = others.subList(0, MAX_DISPARITY_ROWS);
            }
            disparityTable(others).appendTo(sb.append("</summary>")).append("</details>");
        }
    }

    private static Html.Table disparityTable(List<Disparity> disparities) {
        boolean notes = disparities.stream().anyMatch(d -> d.reason() != null);
        Html.Table t = Html.table().column("metric").column("slice").column("reference").column("kind").numericColumn("value")
                .numericColumn("p").numericColumn("q");
        if (notes) {
            t.column("note");
        }
        for (Disparity d : disparities) {
            List<Object> cells = new ArrayList<>(List.of(d.metric(), AuditDigest.sliceLabel(d.attributes()),
                    AuditDigest.sliceLabel(d.reference()), d.kind().word(), Formats.estimate(d.value(), d.lo(), d.hi()),
                    Formats.pValue(d.pValue()), Formats.pValue(d.qValue())));
            if (notes) {
                cells.add(d.reason() == null ? "" : d.reason());
            }
            t.row(AuditDigest.significant(d) ? "fh-strong" : null, cells);
        }
        return t;
    }

    /** An extension section laid out by {@link ExtensionView}: grids as tables, values as lists, the rest as JSON. */
    private Fragment extension(String name, com.fasterxml.jackson.databind.JsonNode tree) {
        StringBuilder sb = new StringBuilder();
        for (ExtensionView.Part part : ExtensionView.parts(tree)) {
            if (part.title() != null) {
                sb.append("<h3>").append(escape(part.title())).append("</h3>");
            }
            if (part instanceof ExtensionView.KeyValues kv) {
                Html.Table t = Html.table().column("").column("");
                kv.rows().forEach(e -> t.row(e.getKey(), e.getValue()));
                sb.append(t.render());
            } else if (part instanceof ExtensionView.EstimateGrid grid) {
                Html.Table t = Html.table().column("");
                grid.columns().forEach(t::numericColumn);
                for (String r : grid.rows()) {
                    List<Object> cells = new ArrayList<>();
                    cells.add(r);
                    grid.columns().forEach(c -> cells.add(cell(grid.cell(r, c))));
                    t.row(null, cells);
                }
                sb.append(t.render());
            } else if (part instanceof ExtensionView.Json json) {
                sb.append("<pre class=\"fh-json\">").append(escape(json.json())).append("</pre>");
            }
        }
        Map<String, String> codes = ExtensionView.codes(result.settings(), name);
        if (!codes.isEmpty()) {
            sb.append("<h3>Codes</h3><dl class=\"fh-glossary\">");
            codes.forEach((code, description) -> sb.append("<dt>").append(escape(code)).append("</dt><dd>")
                    .append(escape(description)).append("</dd>"));
            sb.append("</dl>");
        }
        return raw(sb.toString());
    }

    private Fragment glossary() {
        StringBuilder sb = new StringBuilder("<dl class=\"fh-glossary\">");
        for (Map.Entry<String, String> e : result.metrics().entrySet()) {
            sb.append("<dt>").append(escape(e.getKey())).append("</dt><dd>").append(escape(e.getValue())).append("</dd>");
        }
        return raw(sb.append("</dl>").toString());
    }

    private Fragment settings() {
        Html.Table t = Html.table().column("setting").column("value");
        t.row("source", result.source());
        t.row("rows", Long.toString(result.rows()));
        result.settings().forEach((k, v) -> t.row(k, AuditDigest.settingText(v)));
        t.row("schema", result.schema());
        return t.render();
    }
}

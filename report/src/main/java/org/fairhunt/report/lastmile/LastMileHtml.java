package org.fairhunt.report.lastmile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.lastmile.compare.LastMileResult;
import org.fairhunt.lastmile.compare.LastMileResult.Comparison;
import org.fairhunt.report.Formats;
import org.fairhunt.report.html.Html;
import org.fairhunt.report.html.Svg;

/**
 * A last-mile test as one self-contained HTML page: advice first, then card-vs-customer bars with
 * intervals per group, the forest plot of the differences-in-differences, the group × condition heatmap
 * of degradation, and the tables behind them.
 */
public final class LastMileHtml {
    private LastMileHtml() {
    }

    public static String render(LastMileResult r) {
        var c = r.card();
        Html.Page page = Html.page("Last-mile test: " + LastMileMarkdown.nz(c.name()) + " " + LastMileMarkdown.nz(c.version()));
        page.subtitle("Card by " + LastMileMarkdown.nz(c.provider()) + " · "
                + (Boolean.TRUE.equals(c.signed()) ? "signature verified (" + c.signer() + ", key " + c.keyId() + ", " + c.signedAt() + ")"
                        : "signature NOT verified") + " · customer data " + r.customer().source() + " (" + r.customer().rows() + " rows)");
        StringBuilder advice = new StringBuilder("<ul class=\"fh-advice\">");
        for (var a : r.advice()) {
            advice.append("<li><strong>").append(Html.escape(a.kind())).append("</strong>: ").append(Html.escape(a.text())).append("</li>");
        }
        if (r.advice().isEmpty()) {
            advice.append("<li>Nothing to do: every comparison passed and no group degraded differently.</li>");
        }
        for (String n : r.notes()) {
            advice.append("<li class=\"muted\">").append(Html.escape(n)).append("</li>");
        }
        advice.append("</ul>");
        page.section("advice", "What to do next", Html.raw(advice.toString()));

        if (!r.labelFree().isEmpty()) {
            Html.Table lf = Html.table().column("slice").numericColumn("n").numericColumn("estimated accuracy").numericColumn("card")
                    .numericColumn("rows to label");
            for (var e : r.labelFree()) {
                lf.row(SliceResult.label(e.slice()), e.n(), Formats.estimate(e.accuracy(), e.lo(), e.hi()),
                        e.card() == null ? Formats.UNDEFINED : Formats.number(e.card()), e.rowsToLabel());
            }
            page.section("label-free", "Accuracy without labels (calibrated scores)", lf.render());
        }
        StringBuilder charts = new StringBuilder();
        Set<String> attributes = new LinkedHashSet<>(r.customer().groups());
        for (String metric : r.tolerance().keySet()) {
            for (String a : attributes) {
                Svg.BarChart chart = Svg.barChart(metric + " by " + a + ": card vs customer");
                for (Comparison x : r.comparisons()) {
                    if (x.metric().equals(metric) && x.slice().size() == 1 && x.slice().containsKey(a) && x.slice().equals(x.cardSlice())) {
                        String g = x.slice().get(a);
                        chart.bar(g + " · card", x.card(), x.cardLo(), x.cardHi(), Formats.estimate(x.card(), x.cardLo(), x.cardHi()),
                                "card, n = " + x.cardN(), true);
                        chart.bar(g + " · customer", x.customer(), x.customerLo(), x.customerHi(),
                                Formats.estimate(x.customer(), x.customerLo(), x.customerHi()), "customer, n = " + x.customerN(), false);
                    }
                }
                charts.append("<figure>").append(chart.render().html()).append("<figcaption>grey: the card's published value;"
                        + " blue: the customer's; whiskers: intervals</figcaption></figure>");
            }
        }
        page.section("bars", "Card vs customer", Html.raw(charts.toString()));

        ForestPlot forest = new ForestPlot("Difference-in-differences");
        for (var d : r.differences()) {
            forest.row(d.attribute() + "=" + d.group() + " vs " + d.reference() + " (" + d.metric() + ")", d.value(), d.lo(), d.hi(),
                    d.significant(), "q = " + Formats.pValue(d.q()));
        }
        StringBuilder did = new StringBuilder("<p>(customer − card) of the group minus (customer − card) of the reference group;"
                + " right of zero: the group degraded more. Orange: significant at a false discovery rate of 5 %.</p>");
        did.append(forest.render().html());
        for (var h : r.heterogeneity()) {
            did.append("<p>All ").append(Html.escape(h.attribute())).append(" groups degrade equally? Cochran's Q = ")
                    .append(Formats.number(LastMileMarkdown.nn(h.q()))).append(", p = ").append(Formats.pValue(h.p()))
                    .append(", I² = ").append(Formats.number(LastMileMarkdown.nn(h.i2()))).append("</p>");
        }
        Html.Table dt = Html.table().column("group").column("reference").column("metric").numericColumn("DiD")
                .numericColumn("p").numericColumn("q (BH)").column("significant");
        for (var d : r.differences()) {
            dt.row(d.attribute() + "=" + d.group(), d.reference(), d.metric(), Formats.estimate(d.value(), d.lo(), d.hi()),
                    Formats.pValue(d.p()), Formats.pValue(d.q()), d.significant() ? Html.badge("significant") : "no");
        }
        did.append(dt.render().html());
        page.section("did", "Differential degradation", Html.raw(did.toString()));

        StringBuilder heat = new StringBuilder();
        for (String metric : r.tolerance().keySet()) {
            for (String a : r.customer().groups()) {
                for (String cond : r.customer().conditions()) {
                    List<String> rowsL = new ArrayList<>();
                    List<String> cols = new ArrayList<>();
                    for (Comparison x : r.comparisons()) {
                        if (x.metric().equals(metric) && x.slice().size() == 2 && x.slice().containsKey(a) && x.slice().containsKey(cond)) {
                            if (!rowsL.contains(x.slice().get(a))) {
                                rowsL.add(x.slice().get(a));
                            }
                            if (!cols.contains(x.slice().get(cond))) {
                                cols.add(x.slice().get(cond));
                            }
                        }
                    }
                    if (rowsL.isEmpty()) {
                        continue;
                    }
                    Svg.Heatmap h = Svg.heatmap("degradation of " + metric + ": " + a + " × " + cond).headers(a, cond)
                            .rows(rowsL).columns(cols).centre(0, "no degradation");
                    for (Comparison x : r.comparisons()) {
                        if (x.metric().equals(metric) && x.slice().size() == 2 && x.slice().containsKey(a) && x.slice().containsKey(cond)) {
                            h.cell(rowsL.indexOf(x.slice().get(a)), cols.indexOf(x.slice().get(cond)), x.degradation(),
                                    x.degradation() == null ? Formats.UNDEFINED : Formats.number(x.degradation()),
                                    Formats.estimate(x.degradation(), x.lo(), x.hi()) + " vs card's " + SliceResult.label(x.cardSlice()),
                                    "undefined".equals(x.verdict()));
                        }
                    }
                    heat.append("<figure>").append(h.render().html()).append("</figure>");
                }
            }
        }
        page.section("heatmap", "Group × condition: degradation against the card", heat.length() == 0
                ? Html.text("No condition column (--condition) or no group × condition cells.") : Html.raw(heat.toString()));

        Html.Table ct = Html.table().column("slice").column("metric").numericColumn("card").numericColumn("customer")
                .numericColumn("degradation").numericColumn("p").column("verdict").numericColumn("more to settle").column("note");
        for (Comparison x : r.comparisons()) {
            ct.row(SliceResult.label(x.slice()), x.metric(), Formats.estimate(x.card(), x.cardLo(), x.cardHi()),
                    Formats.estimate(x.customer(), x.customerLo(), x.customerHi()), Formats.estimate(x.degradation(), x.lo(), x.hi()),
                    Formats.pValue(x.p()), Html.badge(x.verdict()), x.moreRowsNeeded() == null ? "" : x.moreRowsNeeded()
                            + (x.moreClustersNeeded() == null ? "" : " (" + x.moreClustersNeeded() + " speakers)"),
                    x.note() == null ? "" : x.note());
        }
        page.section("comparisons", "Every slice: non-inferiority against tolerance " + r.tolerance(), ct.render());

        Html.Table it = Html.table().column("group").column("condition").column("metric").numericColumn("group's effect")
                .numericColumn("reference's effect").numericColumn("interaction").numericColumn("q (BH)");
        for (var x : r.interactions()) {
            it.row(x.attribute() + "=" + x.group() + " vs " + x.reference(), x.conditionAttribute() + "=" + x.condition() + " vs "
                    + x.baseline(), x.metric(), Formats.number(LastMileMarkdown.nn(x.groupEffect())),
                    Formats.number(LastMileMarkdown.nn(x.referenceEffect())), Formats.estimate(x.value(), x.lo(), x.hi()),
                    Formats.pValue(x.q()));
        }
        page.section("interactions", "Condition × group within your data (speaker-clustered)", it.render());

        Html.Table cl = Html.table().column("claim").column("provider's data").column("yours").column("detail");
        for (var x : r.claims()) {
            cl.row(x.constraint(), Html.badge(x.cardOutcome()), Html.badge(x.customerOutcome()), x.detail() == null ? "" : x.detail());
        }
        page.section("claims", "The card's claims on your data", cl.render());

        Html.Table cov = Html.table().column("slice").numericColumn("n").numericColumn("your value").column("why");
        for (var u : r.coverage()) {
            cov.row(SliceResult.label(u.slice()), u.n(), Formats.estimate(u.customer(), u.customerLo(), u.customerHi()), u.reason());
        }
        page.section("coverage", "Not covered by the provider's evaluation", cov.render());
        return page.render();
    }
}

package org.fairhunt.report.lastmile;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.lastmile.compare.LastMileResult;
import org.fairhunt.lastmile.compare.LastMileResult.Comparison;
import org.fairhunt.report.Formats;
import org.fairhunt.report.markdown.Markdown;

/** A last-mile test as Markdown: verdict counts, the comparisons, differential degradation, interactions, claims, coverage, advice. */
public final class LastMileMarkdown {
    private LastMileMarkdown() {
    }

    public static String render(LastMileResult r) {
        StringBuilder sb = new StringBuilder();
        var c = r.card();
        sb.append("# Last-mile test against ").append(Markdown.escape(nz(c.name()))).append(' ').append(Markdown.escape(nz(c.version())))
                .append("\n\n");
        sb.append("Card by ").append(Markdown.escape(nz(c.provider()))).append(" (").append(nz(c.date())).append("), ")
                .append(Boolean.TRUE.equals(c.signed()) ? "signature verified: signed by " + Markdown.escape(nz(c.signer()))
                        + ", key " + c.keyId() + ", at " + c.signedAt() : "**signature not verified**").append(".\n");
        sb.append("Customer data: ").append(Markdown.escape(r.customer().source())).append(", ").append(r.customer().rows())
                .append(" rows; groups ").append(r.customer().groups()).append(", conditions ").append(r.customer().conditions())
                .append("; ").append(r.customer().replicates()).append(" bootstrap replicates clustered by ")
                .append(r.customer().cluster() == null ? "row" : r.customer().cluster()).append(", ")
                .append(Formats.percent(r.level())).append(" intervals.\n\n");
        for (String n : r.notes()) {
            sb.append("> ").append(Markdown.escape(n)).append("\n");
        }
        long pass = r.comparisons().stream().filter(x -> "pass".equals(x.verdict())).count();
        long fail = r.comparisons().stream().filter(x -> "fail".equals(x.verdict())).count();
        long inc = r.comparisons().stream().filter(x -> "inconclusive".equals(x.verdict())).count();
        sb.append("\n**Non-inferiority:** ").append(pass).append(" pass, ").append(fail).append(" fail, ").append(inc)
                .append(" inconclusive (tolerance ").append(r.tolerance()).append("; degradation = worse for the customer).\n\n");

        sb.append("## What to do next\n\n");
        if (r.advice().isEmpty()) {
            sb.append("Nothing: every comparison passed and no group degraded differently.\n");
        }
        for (var a : r.advice()) {
            sb.append("- **").append(a.kind()).append("**: ").append(Markdown.escape(a.text())).append('\n');
        }

        if (!r.labelFree().isEmpty()) {
            sb.append("\n## Accuracy without labels (calibrated scores)\n\n");
            List<List<String>> lf = new ArrayList<>();
            for (var e : r.labelFree()) {
                lf.add(List.of(Markdown.escape(SliceResult.label(e.slice())), Long.toString(e.n()), Formats.estimate(e.accuracy(), e.lo(), e.hi()),
                        e.card() == null ? Formats.UNDEFINED : Formats.number(e.card()), Long.toString(e.rowsToLabel())));
            }
            sb.append(Markdown.table(List.of("slice", "n", "estimated accuracy", "card", "rows to label"),
                    List.of(false, true, true, true, true), lf)).append('\n');
            sb.append("\n").append(Markdown.escape(r.labelFree().get(0).basis())).append("\n");
        }

        sb.append("\n## Card vs customer, per slice\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Comparison x : r.comparisons()) {
            rows.add(List.of(Markdown.escape(SliceResult.label(x.slice())), x.metric(),
                    Formats.estimate(x.card(), x.cardLo(), x.cardHi()), Formats.estimate(x.customer(), x.customerLo(), x.customerHi()),
                    Formats.estimate(x.degradation(), x.lo(), x.hi()), Formats.pValue(x.p()), x.verdict(),
                    x.moreRowsNeeded() == null ? "" : x.moreRowsNeeded() + (x.moreClustersNeeded() == null ? ""
                            : " (" + x.moreClustersNeeded() + " speakers)"),
                    x.note() == null ? "" : Markdown.escape(x.note())));
        }
        sb.append(Markdown.table(List.of("slice", "metric", "card", "customer", "degradation", "p", "verdict", "more to settle",
                "note"), List.of(false, false, true, true, true, true, false, true, false), rows)).append('\n');

        sb.append("\n## Differential degradation (difference-in-differences)\n\n");
        rows = new ArrayList<>();
        for (var d : r.differences()) {
            rows.add(List.of(d.attribute() + "=" + Markdown.escape(d.group()), d.attribute() + "=" + Markdown.escape(d.reference()),
                    d.metric(), Formats.number(nn(d.degradation())), Formats.number(nn(d.referenceDegradation())),
                    Formats.estimate(d.value(), d.lo(), d.hi()), Formats.pValue(d.p()), Formats.pValue(d.q()),
                    d.significant() ? "yes" : "no"));
        }
        sb.append(Markdown.table(List.of("group", "reference", "metric", "its degradation", "reference's", "DiD", "p", "q (BH)",
                "significant"), List.of(false, false, false, true, true, true, true, true, false), rows)).append('\n');
        for (var h : r.heterogeneity()) {
            sb.append("\nDo all ").append(h.attribute()).append(" groups degrade equally (").append(h.metric()).append(")? Cochran's Q = ")
                    .append(Formats.number(nn(h.q()))).append(" on ").append(h.df() == null ? "—" : h.df()).append(" df, p = ")
                    .append(Formats.pValue(h.p())).append(", I² = ").append(Formats.number(nn(h.i2()))).append(".\n");
        }

        sb.append("\n## Condition × group within your data (speaker-clustered)\n\n");
        rows = new ArrayList<>();
        for (var x : r.interactions()) {
            rows.add(List.of(x.attribute() + "=" + Markdown.escape(x.group()), x.attribute() + "=" + Markdown.escape(x.reference()),
                    x.conditionAttribute() + "=" + Markdown.escape(x.condition()) + " vs " + Markdown.escape(x.baseline()), x.metric(),
                    Formats.number(nn(x.groupEffect())), Formats.number(nn(x.referenceEffect())),
                    Formats.estimate(x.value(), x.lo(), x.hi()), Formats.pValue(x.p()), Formats.pValue(x.q())));
        }
        sb.append(Markdown.table(List.of("group", "reference", "condition", "metric", "group's effect", "reference's effect",
                "interaction", "p", "q (BH)"), List.of(false, false, false, false, true, true, true, true, true), rows)).append('\n');

        sb.append("\n## The card's claims on your data\n\n");
        rows = new ArrayList<>();
        for (var cl : r.claims()) {
            rows.add(List.of("`" + cl.constraint() + "`", nz(cl.cardOutcome()), cl.customerOutcome(), Markdown.escape(nz(cl.detail()))));
        }
        sb.append(rows.isEmpty() ? "The card makes no claims.\n" : Markdown.table(List.of("claim", "on the provider's data",
                "on yours", "detail"), List.of(false, false, false, false), rows)).append('\n');

        sb.append("\n## Not covered by the provider's evaluation\n\n");
        rows = new ArrayList<>();
        for (var u : r.coverage()) {
            rows.add(List.of(Markdown.escape(SliceResult.label(u.slice())), Long.toString(u.n()), nz(u.metric()),
                    Formats.estimate(u.customer(), u.customerLo(), u.customerHi()), Markdown.escape(u.reason())));
        }
        sb.append(rows.isEmpty() ? "Everything in your data was covered.\n" : Markdown.table(List.of("slice", "n", "metric",
                "your value", "why"), List.of(false, true, false, true, false), rows)).append('\n');
        return sb.toString();
    }

    static String nz(String s) {
        return s == null ? "—" : s;
    }

    static double nn(Double d) {
        return d == null ? Double.NaN : d;
    }
}

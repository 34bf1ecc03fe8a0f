package org.fairhunt.discovery.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairhunt.discovery.slice.SliceFinding;
import org.fairhunt.discovery.slice.SliceReport;

/** Writes a {@link SliceReport} as JSON (schema {@value #SCHEMA}), Markdown and a self-contained HTML page. */
public final class SliceReportWriter {
    /** Version of the JSON layout; bumped on any incompatible change. */
    public static final String SCHEMA = "fairhunt.slices/1";

    private SliceReportWriter() {
    }

    /** Writes {@code slices.json}, {@code slices.md} and {@code slices.html} into {@code dir}; returns their paths. */
    public static List<Path> write(SliceReport report, Path dir) {
        return List.of(Json.writeFile(dir, "slices.json", json(report)), Json.writeFile(dir, "slices.md", markdown(report)),
                Json.writeFile(dir, "slices.html", html(report)));
    }

    public static String json(SliceReport r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("error", r.errorDescription());
        root.put("error_kind", r.binary() ? "proportion" : "ratio");
        root.put("rows", r.rows());
        root.put("excluded_rows", r.excludedRows());
        Json.put(root, "overall_error", r.overallError());
        root.set("features", Json.strings(r.features()));
        ObjectNode params = root.putObject("search");
        params.put("max_depth", r.params().maxDepth());
        params.put("min_support", r.params().minSupport());
        params.put("top", r.params().topK());
        params.put("alpha", r.params().alpha());
        params.put("score", "alpha*(slice_error/overall_error - 1) - (1-alpha)*(rows/slice_rows - 1)");
        ArrayNode levels = root.putArray("levels");
        for (SliceReport.LevelSummary l : r.levels()) {
            ObjectNode n = levels.addObject();
            n.put("depth", l.depth());
            n.put("candidates", l.generated());
            n.put("pruned_by_score_bound", l.prunedByBound());
            n.put("counted", l.evaluated());
            n.put("tested", l.inFamily());
        }
        ObjectNode testing = root.putObject("multiple_testing");
        testing.put("method", "benjamini_hochberg");
        testing.put("family", "every slice up to max_depth with at least min_support rows");
        testing.put("family_size", r.familySize());
        testing.put("fdr", r.fdr());
        testing.put("significant_in_family", r.significantInFamily());
        testing.put("test", r.binary() ? "exact binomial, one-sided (slice error above the overall rate)"
                : "Welch t on ratio estimates, one-sided (slice error above the rest)");
        ArrayNode findings = root.putArray("slices");
        for (SliceFinding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("rank", f.rank());
            n.set("predicates", Json.strings(f.predicates()));
            n.put("rows", f.stats().rows());
            Json.put(n, "units", f.stats().units());
            Json.put(n, "errors", f.stats().errors());
            Json.put(n, "error", f.error());
            if (f.interval() != null) {
                ObjectNode i = n.putObject("interval");
                Json.put(i, "lo", f.interval().lo());
                Json.put(i, "hi", f.interval().hi());
                i.put("level", f.interval().level());
                i.put("method", f.interval().method());
            } else {
                n.putNull("interval");
            }
            Json.put(n, "rest_error", f.restError());
            Json.put(n, "difference", f.difference());
            Json.put(n, "p_value", f.pValue());
            Json.put(n, "q_value", f.qValue());
            n.put("significant", f.qValue() < r.fdr());
            Json.put(n, "score", f.score());
            n.set("collapsed_children", Json.strings(f.collapsed()));
        }
        root.set("notices", Json.strings(r.notices()));
        return Json.write(root);
    }

    public static String markdown(SliceReport r) {
        StringBuilder sb = new StringBuilder("# Slices with high error\n\n");
        sb.append(String.format(Locale.ROOT, "Error: %s. %d rows, overall error %s.%n%n", r.errorDescription(), r.rows(), Html.num(r.overallError())));
        sb.append(String.format(Locale.ROOT,
                "Search: conjunctions of up to %d predicates over %s; at least %d rows; SliceLine score with α = %s.%n%n",
                r.params().maxDepth(), String.join(", ", r.features()), r.params().minSupport(), Html.num(r.params().alpha())));
        sb.append(String.format(Locale.ROOT,
                "Multiple testing: %d slices tested (every slice up to the depth with enough rows); %d have a Benjamini–Hochberg q below %s.%n%n",
                r.familySize(), r.significantInFamily(), Html.num(r.fdr())));
        if (r.findings().isEmpty()) {
            sb.append("No slice found.\n\n");
        } else {
            sb.append("| # | slice | rows | error | 95% interval | rest | p | q | score |\n");
            sb.append("|---:|---|---:|---:|---|---:|---:|---:|---:|\n");
            for (SliceFinding f : r.findings()) {
                sb.append(String.format(Locale.ROOT, "| %d | %s%s | %d | %s | %s | %s | %s | %s%s | %s |%n", f.rank(),
                        f.description().replace("|", "\\|"), f.collapsed().isEmpty() ? "" : " (+" + f.collapsed().size() + " collapsed)",
                        f.stats().rows(), Html.num(f.error()), f.interval() == null ? "–"
                                : "[" + Html.num(f.interval().lo()) + ", " + Html.num(f.interval().hi()) + "]",
                        Html.num(f.restError()), Html.num(f.pValue()), Html.num(f.qValue()), f.qValue() < r.fdr() ? " **" : "",
                        Html.num(f.score())));
            }
            sb.append("\n** q below the false discovery rate.\n\n");
        }
        if (!r.notices().isEmpty()) {
            sb.append("## Notices\n\n");
            r.notices().forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    public static String html(SliceReport r) {
        StringBuilder body = new StringBuilder();
        body.append("<p>Error: ").append(Html.escape(r.errorDescription())).append(". ").append(r.rows()).append(" rows, overall error <b>")
                .append(Html.num(r.overallError())).append("</b>.</p>");
        body.append("<p class=\"note\">Conjunctions of up to ").append(r.params().maxDepth()).append(" predicates over ")
                .append(Html.escape(String.join(", ", r.features()))).append(", at least ").append(r.params().minSupport())
                .append(" rows, SliceLine score with α = ").append(Html.num(r.params().alpha())).append(". ").append(r.familySize())
                .append(" slices tested; ").append(r.significantInFamily()).append(" with Benjamini–Hochberg q &lt; ").append(Html.num(r.fdr()))
                .append(".</p>");
        if (r.findings().isEmpty()) {
            body.append("<p><b>No slice found.</b></p>");
        } else {
            List<String> labels = new ArrayList<>();
            double[] v = new double[r.findings().size()];
            double[] lo = new double[v.length];
            double[] hi = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                SliceFinding f = r.findings().get(i);
                labels.add(f.rank() + ". " + f.description());
                v[i] = f.error();
                lo[i] = f.interval() == null ? Double.NaN : f.interval().lo();
                hi[i] = f.interval() == null ? Double.NaN : f.interval().hi();
            }
            body.append(Html.barChart(labels, v, lo, hi, r.overallError(), "error (95% interval) against the overall error"));
            body.append("<table><tr><th>#</th><th>slice</th><th>rows</th><th>error</th><th>95% interval</th><th>rest</th><th>p</th><th>q</th>"
                    + "<th>score</th><th>collapsed children</th></tr>");
            for (SliceFinding f : r.findings()) {
                boolean sig = f.qValue() < r.fdr();
                body.append("<tr").append(sig ? " class=\"sig\"" : "").append("><td class=\"n\">").append(f.rank()).append("</td><td>")
                        .append(Html.escape(f.description())).append("</td><td class=\"n\">").append(f.stats().rows()).append("</td><td class=\"n\">")
                        .append(Html.num(f.error())).append("</td><td>")
                        .append(f.interval() == null ? "–" : "[" + Html.num(f.interval().lo()) + ", " + Html.num(f.interval().hi()) + "]")
                        .append("</td><td class=\"n\">").append(Html.num(f.restError())).append("</td><td class=\"n\">").append(Html.num(f.pValue()))
                        .append("</td><td class=\"n\">").append(Html.num(f.qValue())).append("</td><td class=\"n\">").append(Html.num(f.score()))
                        .append("</td><td>").append(Html.escape(String.join("; ", f.collapsed()))).append("</td></tr>");
            }
            body.append("</table><p class=\"note\">Bold red rows: q below the false discovery rate.</p>");
        }
        body.append("<h2>Search</h2><table><tr><th>depth</th><th>candidates</th><th>pruned by score bound</th><th>counted</th><th>tested</th></tr>");
        for (SliceReport.LevelSummary l : r.levels()) {
            body.append("<tr><td class=\"n\">").append(l.depth()).append("</td><td class=\"n\">").append(l.generated()).append("</td><td class=\"n\">")
                    .append(l.prunedByBound()).append("</td><td class=\"n\">").append(l.evaluated()).append("</td><td class=\"n\">").append(l.inFamily())
                    .append("</td></tr>");
        }
        body.append("</table>");
        if (!r.notices().isEmpty()) {
            body.append("<h2>Notices</h2><ul>");
            r.notices().forEach(n -> body.append("<li>").append(Html.escape(n)).append("</li>"));
            body.append("</ul>");
        }
        return Html.page("Slices with high error", body.toString());
    }
}

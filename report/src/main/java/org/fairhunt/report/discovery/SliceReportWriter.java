package org.fairhunt.report.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fairhunt.discovery.slice.SliceFinding;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.report.Formats;
import org.fairhunt.report.html.Html;
import org.fairhunt.report.html.Svg;
import org.fairhunt.discovery.slice.SliceReport;

/** Writes a {@link SliceReport} as JSON (schema {@code fairhunt.slices/v1}), Markdown and a self-contained HTML page. */
public final class SliceReportWriter {
    /** The JSON result's schema name, {@code fairhunt.slices/v1}. */
    public static final String SCHEMA = ResultKind.SLICES.schemaName();

    private SliceReportWriter() {
    }

    /** Writes {@code slices.json}, {@code slices.md} and {@code slices.html} into {@code dir}; returns their paths. */
    public static List<Path> write(SliceReport report, Path dir) {
        return Nodes.writeThree(dir, "slices", json(report), markdown(report), html(report));
    }

    public static String json(SliceReport r) {
        ObjectNode root = Json.object();
        root.put("$schema", ResultKind.SLICES.uri());
        root.put("schema", SCHEMA);
        root.put("error", r.errorDescription());
        root.put("error_kind", r.binary() ? "proportion" : "ratio");
        root.put("rows", r.rows());
        root.put("excluded_rows", r.excludedRows());
        Json.putNumber(root, "overall_error", r.overallError());
        root.set("features", Nodes.strings(r.features()));
        ObjectNode params = root.putObject("search");
        params.put("max_depth", r.params().maxDepth());
        params.put("min_support", r.params().minSupport());
        params.put("top", r.params().topK());
        params.put("alpha", r.params().alpha());
        params.put("score", "alpha*(slice_error/overall_error - 1) - (1-alpha)*(rows/slice_rows - 1)");
        params.put("ranking", r.ranking());
        ArrayNode levels = root.putArray("levels");
        for (SliceReport.LevelSummary l : r.levels()) {
            ObjectNode n = levels.addObject();
            n.put("depth", l.depth());
            n.put("candidates", l.generated());
            n.put("pruned_by_score_bound", l.prunedByBound());
            n.put("counted", l.evaluated());
            n.put("tested", l.inFamily());
            n.put("tested_counted", l.familyCounted());
        }
        ObjectNode testing = root.putObject("multiple_testing");
        testing.put("method", "benjamini_hochberg");
        testing.put("family", "every slice up to max_depth with at least min_support rows");
        testing.put("family_size", r.familySize());
        testing.put("family_size_exact", r.familyExact());
        testing.put("family_counted", r.familyCounted());
        testing.put("fdr", r.fdr());
        testing.put("significant_in_family", r.significantInFamily());
        testing.put("significant_listed", r.significantListed().listed());
        testing.put("significant_collapsed", r.significantListed().collapsed());
        testing.put("significant_not_shown", r.significantListed().notShown());
        testing.put("test", r.binary() ? "exact binomial, one-sided (slice error above the overall rate)"
                : "Welch t on ratio estimates, one-sided (slice error above the rest)");
        ArrayNode findings = root.putArray("slices");
        for (SliceFinding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("rank", f.rank());
            n.set("predicates", Nodes.strings(f.predicates()));
            n.put("rows", f.stats().rows());
            Json.putNumber(n, "units", f.stats().units());
            Json.putNumber(n, "errors", f.stats().errors());
            Json.putNumber(n, "error", f.error());
            if (f.interval() != null) {
                ObjectNode i = n.putObject("interval");
                Json.putNumber(i, "lo", f.interval().lo());
                Json.putNumber(i, "hi", f.interval().hi());
                i.put("level", f.interval().level());
                i.put("method", f.interval().method().word());
            } else {
                n.putNull("interval");
            }
            Json.putNumber(n, "rest_error", f.restError());
            Json.putNumber(n, "difference", f.difference());
            Json.putNumber(n, "p_value", f.pValue());
            Json.putNumber(n, "q_value", f.qValue());
            n.put("significant", f.qValue() < r.fdr());
            Json.putNumber(n, "score", f.score());
            n.set("collapsed", Nodes.strings(f.collapsed()));
        }
        root.set("notices", Nodes.strings(r.notices()));
        return Json.toText(root);
    }

    public static String markdown(SliceReport r) {
        StringBuilder sb = new StringBuilder("# Slices with high error\n\n");
        sb.append(String.format(Locale.ROOT, "Error: %s. %d rows, overall error %s.%n%n", r.errorDescription(), r.rows(), Formats.number(r.overallError())));
        sb.append(String.format(Locale.ROOT,
                "Search: conjunctions of up to %d predicates over %s; at least %d rows; SliceLine score with α = %s; ranked %s.%n%n",
                r.params().maxDepth(), String.join(", ", r.features()), r.params().minSupport(), Formats.number(r.params().alpha()),
                r.ranking()));
        sb.append("Multiple testing: ").append(r.testingSummary()).append("\n\n");
        if (r.findings().isEmpty()) {
            sb.append("No slice found.\n\n");
        } else {
            sb.append("| # | slice | rows | error | 95% interval | rest | p | q | score |\n");
            sb.append("|---:|---|---:|---:|---|---:|---:|---:|---:|\n");
            for (SliceFinding f : r.findings()) {
                sb.append(String.format(Locale.ROOT, "| %d | %s%s | %d | %s | %s | %s | %s | %s%s | %s |%n", f.rank(),
                        f.description().replace("|", "\\|"), f.collapsed().isEmpty() ? "" : " (+" + f.collapsed().size() + " collapsed)",
                        f.stats().rows(), Formats.number(f.error()), f.interval() == null ? "–"
                                : "[" + Formats.number(f.interval().lo()) + ", " + Formats.number(f.interval().hi()) + "]",
                        Formats.number(f.restError()), Formats.pValue(f.pValue()), Formats.pValue(f.qValue()), f.qValue() < r.fdr() ? " **" : "",
                        Formats.number(f.score())));
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
        Html.Page page = Html.page("Slices with high error")
                .subtitle(r.errorDescription() + " · " + r.rows() + " rows · overall error " + Formats.number(r.overallError()));
        page.add(Html.element("p", null, "Conjunctions of up to " + r.params().maxDepth() + " predicates over "
                + String.join(", ", r.features()) + ", at least " + r.params().minSupport() + " rows, SliceLine score with α = "
                + Formats.number(r.params().alpha()) + "; ranked " + r.ranking() + ". " + r.testingSummary()));
        if (r.findings().isEmpty()) {
            page.section("slices", "Slices", Html.element("p", null, "No slice found."));
        } else {
            Svg.BarChart chart = Svg.barChart("Error of each slice with its 95% interval; dashed: overall")
                    .reference(r.overallError(), "overall " + Formats.number(r.overallError()));
            Html.Table table = Html.table().numericColumn("#").column("slice").numericColumn("rows").numericColumn("error")
                    .column("95% interval").numericColumn("rest").numericColumn("p").numericColumn("q").numericColumn("score")
                    .column("collapsed (no worse children, same rows)");
            for (SliceFinding f : r.findings()) {
                boolean significant = f.qValue() < r.fdr();
                String interval = f.interval() == null ? "–" : "[" + Formats.number(f.interval().lo()) + ", " + Formats.number(f.interval().hi()) + "]";
                chart.bar(f.rank() + ". " + f.description(), f.error(), f.interval() == null ? null : f.interval().lo(),
                        f.interval() == null ? null : f.interval().hi(), Formats.number(f.error()),
                        f.description() + ": " + f.stats().rows() + " rows, error " + Formats.number(f.error()) + " " + interval + ", q " + Formats.pValue(f.qValue()),
                        !significant);
                table.row(significant ? null : "muted", List.of(f.rank(), f.description(), f.stats().rows(), Formats.number(f.error()), interval,
                        Formats.number(f.restError()), Formats.pValue(f.pValue()), Formats.pValue(f.qValue()) + (significant ? " ✓" : ""), Formats.number(f.score()),
                        String.join("; ", f.collapsed())));
            }
            page.section("slices", "Slices, best score first", chart.render());
            page.add(table.caption("✓: q below the false discovery rate " + Formats.number(r.fdr()) + "; grey: not significant").render());
        }
        Html.Table levels = Html.table().numericColumn("depth").numericColumn("candidates").numericColumn("pruned by the score bound")
                .numericColumn("counted").numericColumn("tested");
        for (SliceReport.LevelSummary l : r.levels()) {
            levels.row(l.depth(), l.generated(), l.prunedByBound(), l.evaluated(), l.inFamily());
        }
        page.section("search", "Search", levels.render());
        if (!r.notices().isEmpty()) {
            StringBuilder ul = new StringBuilder("<ul>");
            r.notices().forEach(n -> ul.append("<li>").append(Html.escape(n)).append("</li>"));
            page.section("notices", "Notices", Html.raw(ul.append("</ul>").toString()));
        }
        return page.render();
    }
}

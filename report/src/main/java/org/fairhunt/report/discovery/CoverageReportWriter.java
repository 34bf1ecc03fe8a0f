package org.fairhunt.report.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fairhunt.discovery.coverage.CoverageResult;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.report.Formats;
import org.fairhunt.report.html.Html;
import org.fairhunt.report.html.Svg;

/** Writes a {@link CoverageResult} as JSON (schema {@code fairhunt.coverage/v1}), Markdown and HTML with 2-way heatmaps. */
public final class CoverageReportWriter {
    /** The JSON result's schema name, {@code fairhunt.coverage/v1}. */
    public static final String SCHEMA = ResultKind.COVERAGE.schemaName();
    private static final int LISTED = 30;

    private CoverageReportWriter() {
    }

    /** Writes {@code coverage.json}, {@code coverage.md} and {@code coverage.html} into {@code dir}. */
    public static List<Path> write(CoverageResult result, Path dir) {
        return Nodes.writeThree(dir, "coverage", json(result), markdown(result), html(result));
    }

    public static String json(CoverageResult r) {
        ObjectNode root = Json.object();
        root.put("$schema", ResultKind.COVERAGE.uri());
        root.put("schema", SCHEMA);
        root.put("rows", r.rows());
        root.put("strength", r.strength());
        root.put("min_per_cell", r.minPerCell());
        ArrayNode dims = root.putArray("dimensions");
        for (int j = 0; j < r.dimensions().size(); j++) {
            ObjectNode d = dims.addObject();
            d.put("name", r.dimensions().get(j));
            d.set("values", Nodes.strings(r.levels().get(j)));
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("cells", r.totalCells());
        summary.put("covered_cells", r.coveredCells());
        Json.putNumber(summary, "covered_share", r.coveredShare());
        summary.put("thin_cells", r.thinCellCount());
        summary.put("empty_cells", r.emptyCells());
        ArrayNode combos = root.putArray("combinations");
        for (CoverageResult.CombinationCounts c : r.combinations()) {
            ObjectNode n = combos.addObject();
            n.set("dimensions", Nodes.strings(c.dimensions()));
            ArrayNode cells = n.putArray("cells");
            for (int i = 0; i < c.counts().length; i++) {
                ObjectNode cell = cells.addObject();
                cell.set("values", Nodes.strings(c.values(i)));
                cell.put("rows", c.counts()[i]);
                if (c.metric() != null) {
                    Json.putNumber(cell, "error", c.metric()[i]);
                }
            }
        }
        ArrayNode thin = root.putArray("thin_cells");
        for (CoverageResult.CellReport c : r.thinCells()) {
            ObjectNode n = thin.addObject();
            n.set("dimensions", Nodes.strings(c.dimensions()));
            n.set("values", Nodes.strings(c.values()));
            n.put("rows", c.rows());
            Json.putNumber(n, "expected_share", c.expectedShare());
            Json.putNumber(n, "expected_rows", c.expectedRows());
            n.put("rows_short_of_minimum", c.missingToMinimum());
            if (c.metric() != null) {
                Json.putNumber(n, "error", c.metric());
            }
            if (c.rowsForGap() != null) {
                Json.putNumber(n, "rows_for_gap", c.rowsForGap());
                Json.putNumber(n, "extra_rows_for_gap", c.extraRowsForGap());
                n.put("gap_detectable", !c.rowsForGap().isInfinite());
            }
        }
        ArrayNode targets = root.putArray("targets");
        for (CoverageResult.TargetComparison t : r.targets()) {
            ObjectNode n = targets.addObject();
            n.set("dimensions", Nodes.strings(t.dimensions()));
            Json.putNumber(n, "total_variation", t.totalVariation());
            Json.putNumber(n, "kl_target_to_data_nats", t.klTargetToData());
            n.put("kl_infinite", Double.isInfinite(t.klTargetToData()));
            n.set("over_represented", shares(t.overRepresented()));
            n.set("under_represented", shares(t.underRepresented()));
        }
        if (r.plan() != null) {
            ObjectNode p = root.putObject("plan");
            Json.putNumber(p, "baseline", r.plan().baseline());
            p.put("baseline_source", r.plan().baselineSource());
            Json.putNumber(p, "gap", r.plan().gap());
            p.put("alpha", r.plan().alpha());
            p.put("power", r.plan().power());
            Json.putNumber(p, "rows_per_cell", r.plan().rowsPerCell());
            p.put("reachable", !Double.isInfinite(r.plan().rowsPerCell()));
            p.put("need", r.plan().need());
            p.put("method", "two-sided two-proportion z-test, cell at baseline+gap against the rest at baseline (Fleiss, Levin and Paik 2003)");
        }
        root.set("notices", Nodes.strings(r.notices()));
        return Json.toText(root);
    }

    private static ArrayNode shares(List<CoverageResult.CellShare> list) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (CoverageResult.CellShare s : list) {
            ObjectNode n = a.addObject();
            n.set("values", Nodes.strings(s.values()));
            n.put("rows", s.rows());
            Json.putNumber(n, "data_share", s.dataShare());
            Json.putNumber(n, "target_share", s.targetShare());
        }
        return a;
    }

    public static String markdown(CoverageResult r) {
        StringBuilder sb = new StringBuilder("# Coverage of condition combinations\n\n");
        sb.append(String.format(Locale.ROOT, "%d rows; %d-way combinations of %s; a cell is covered with at least %d rows.%n%n", r.rows(),
                r.strength(), String.join(", ", r.dimensions()), r.minPerCell()));
        sb.append(String.format(Locale.ROOT, "**%d of %d cells covered (%s)**; %d thin, of which %d empty.%n%n", r.coveredCells(), r.totalCells(),
                pct(r.coveredShare()), r.thinCellCount(), r.emptyCells()));
        if (r.plan() != null) {
            sb.append(String.format(Locale.ROOT,
                    "Plan: to detect a gap of %s in an error rate of %s (%s) with %s%% power at %s%% two-sided, a cell needs %s.%n%n",
                    Formats.number(r.plan().gap()), Formats.number(r.plan().baseline()), r.plan().baselineSource(), Formats.number(r.plan().power() * 100),
                    Formats.number(r.plan().alpha() * 100), r.plan().need()));
        }
        if (!r.thinCells().isEmpty()) {
            sb.append("## Thin cells, most expected first\n\n| cell | rows | expected share | short of minimum |")
                    .append(r.plan() != null ? " extra rows for the gap |" : "").append('\n');
            sb.append("|---|---:|---:|---:|").append(r.plan() != null ? "---:|" : "").append('\n');
            for (CoverageResult.CellReport c : r.thinCells().subList(0, Math.min(LISTED, r.thinCells().size()))) {
                sb.append("| ").append(cell(c.dimensions(), c.values()).replace("|", "\\|")).append(" | ").append(c.rows()).append(" | ")
                        .append(pct(c.expectedShare())).append(" | ").append(c.missingToMinimum()).append(" |");
                if (r.plan() != null) {
                    sb.append(' ').append(Formats.rows(c.extraRowsForGap())).append(" |");
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        for (CoverageResult.TargetComparison t : r.targets()) {
            sb.append("## Against the target shares over ").append(String.join(", ", t.dimensions())).append("\n\n");
            sb.append("Total variation ").append(Formats.number(t.totalVariation())).append(", KL(target ‖ data) ").append(Formats.numberOrInfinity(t.klTargetToData()))
                    .append(" nats.\n\n| cell | data share | target share |\n|---|---:|---:|\n");
            for (CoverageResult.CellShare s : t.overRepresented()) {
                sb.append("| ").append(String.join(" × ", s.values())).append(" (over) | ").append(pct(s.dataShare())).append(" | ")
                        .append(pct(s.targetShare())).append(" |\n");
            }
            for (CoverageResult.CellShare s : t.underRepresented()) {
                sb.append("| ").append(String.join(" × ", s.values())).append(" (under) | ").append(pct(s.dataShare())).append(" | ")
                        .append(pct(s.targetShare())).append(" |\n");
            }
            sb.append('\n');
        }
        if (!r.notices().isEmpty()) {
            sb.append("## Notices\n\n");
            r.notices().forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    public static String html(CoverageResult r) {
        Html.Page page = Html.page("Coverage of condition combinations").subtitle(r.rows() + " rows · " + r.strength()
                + "-way combinations of " + String.join(", ", r.dimensions()) + " · covered: at least " + r.minPerCell() + " rows");
        page.add(Html.element("p", null, r.coveredCells() + " of " + r.totalCells() + " cells covered (" + pct(r.coveredShare()) + "); "
                + r.thinCellCount() + " thin, of which " + r.emptyCells() + " empty."));
        if (r.plan() != null) {
            page.add(Html.element("p", null, "Plan: to detect a gap of " + Formats.number(r.plan().gap()) + " in an error rate of "
                    + Formats.number(r.plan().baseline()) + " (" + r.plan().baselineSource() + ") with " + Formats.number(r.plan().power() * 100)
                    + "% power at " + Formats.number(r.plan().alpha() * 100) + "% two-sided, a cell needs " + r.plan().need()
                    + " (two-proportion z-test, Fleiss)."));
        }
        for (CoverageResult.CombinationCounts c : r.combinations()) {
            if (c.dimensions().size() != 2) {
                continue;
            }
            List<String> rows = c.levels().get(0);
            List<String> cols = c.levels().get(1);
            Svg.Heatmap map = Svg.heatmap("Rows per cell; dashed: below " + r.minPerCell()).headers(c.dimensions().get(0), c.dimensions().get(1))
                    .rows(rows).columns(cols);
            for (int i = 0; i < c.counts().length; i++) {
                long n = c.counts()[i];
                List<String> v = c.values(i);
                map.cell(i / cols.size(), i % cols.size(), (double) n, Long.toString(n),
                        v.get(0) + " × " + v.get(1) + ": " + n + " rows" + (c.metric() == null ? "" : ", error " + Formats.number(c.metric()[i])),
                        n < r.minPerCell());
            }
            page.section(null, c.dimensions().get(0) + " × " + c.dimensions().get(1), map.render());
        }
        if (!r.thinCells().isEmpty()) {
            Html.Table t = Html.table().column("cell").numericColumn("rows").numericColumn("expected share").numericColumn("short of minimum");
            if (r.plan() != null) {
                t.numericColumn("extra rows for the gap");
            }
            for (CoverageResult.CellReport c : r.thinCells().subList(0, Math.min(LISTED, r.thinCells().size()))) {
                List<Object> row = new java.util.ArrayList<>(List.of(cell(c.dimensions(), c.values()), c.rows(), pct(c.expectedShare()),
                        c.missingToMinimum()));
                if (r.plan() != null) {
                    row.add(Formats.rows(c.extraRowsForGap()));
                }
                t.row(null, row);
            }
            page.section("thin", "Thin cells, most expected first", t.render());
        }
        for (CoverageResult.TargetComparison tc : r.targets()) {
            Html.Table t = Html.table().column("cell").column("").numericColumn("rows").numericColumn("data share").numericColumn("target share");
            for (CoverageResult.CellShare s : tc.overRepresented()) {
                t.row(String.join(" × ", s.values()), "over", s.rows(), pct(s.dataShare()), pct(s.targetShare()));
            }
            for (CoverageResult.CellShare s : tc.underRepresented()) {
                t.row(String.join(" × ", s.values()), "under", s.rows(), pct(s.dataShare()), pct(s.targetShare()));
            }
            page.section(null, "Against the target shares over " + String.join(", ", tc.dimensions()),
                    Html.raw(Html.element("p", null, "Total variation " + Formats.number(tc.totalVariation()) + ", KL(target ‖ data) "
                            + Formats.numberOrInfinity(tc.klTargetToData()) + " nats.").html() + t.render().html()));
        }
        if (!r.notices().isEmpty()) {
            StringBuilder ul = new StringBuilder("<ul>");
            r.notices().forEach(n -> ul.append("<li>").append(Html.escape(n)).append("</li>"));
            page.section("notices", "Notices", Html.raw(ul.append("</ul>").toString()));
        }
        return page.render();
    }

    private static String cell(List<String> dims, List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(dims.get(i)).append(" = ").append(values.get(i));
        }
        return sb.toString();
    }

    private static String pct(double share) {
        return Formats.share(share);
    }
}

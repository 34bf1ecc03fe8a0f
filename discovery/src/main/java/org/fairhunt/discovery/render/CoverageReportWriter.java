package org.fairhunt.discovery.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fairhunt.discovery.coverage.CoverageResult;

/** Writes a {@link CoverageResult} as JSON (schema {@value #SCHEMA}), Markdown and HTML with 2-way heatmaps. */
public final class CoverageReportWriter {
    /** Version of the JSON layout. */
    public static final String SCHEMA = "fairhunt.coverage/1";
    private static final int LISTED = 30;

    private CoverageReportWriter() {
    }

    /** Writes {@code coverage.json}, {@code coverage.md} and {@code coverage.html} into {@code dir}. */
    public static List<Path> write(CoverageResult result, Path dir) {
        return List.of(Json.writeFile(dir, "coverage.json", json(result)), Json.writeFile(dir, "coverage.md", markdown(result)),
                Json.writeFile(dir, "coverage.html", html(result)));
    }

    public static String json(CoverageResult r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("rows", r.rows());
        root.put("strength", r.strength());
        root.put("min_per_cell", r.minPerCell());
        ArrayNode dims = root.putArray("dimensions");
        for (int j = 0; j < r.dimensions().size(); j++) {
            ObjectNode d = dims.addObject();
            d.put("name", r.dimensions().get(j));
            d.set("values", Json.strings(r.levels().get(j)));
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("cells", r.totalCells());
        summary.put("covered_cells", r.coveredCells());
        Json.put(summary, "covered_share", r.coveredShare());
        summary.put("thin_cells", r.thinCellCount());
        summary.put("empty_cells", r.emptyCells());
        ArrayNode combos = root.putArray("combinations");
        for (CoverageResult.CombinationCounts c : r.combinations()) {
            ObjectNode n = combos.addObject();
            n.set("dimensions", Json.strings(c.dimensions()));
            ArrayNode cells = n.putArray("cells");
            for (int i = 0; i < c.counts().length; i++) {
                ObjectNode cell = cells.addObject();
                cell.set("values", Json.strings(c.values(i)));
                cell.put("rows", c.counts()[i]);
                if (c.metric() != null) {
                    Json.put(cell, "error", c.metric()[i]);
                }
            }
        }
        ArrayNode thin = root.putArray("thin_cells");
        for (CoverageResult.CellReport c : r.thinCells()) {
            ObjectNode n = thin.addObject();
            n.set("dimensions", Json.strings(c.dimensions()));
            n.set("values", Json.strings(c.values()));
            n.put("rows", c.rows());
            Json.put(n, "expected_share", c.expectedShare());
            Json.put(n, "expected_rows", c.expectedRows());
            n.put("rows_short_of_minimum", c.missingToMinimum());
            if (c.metric() != null) {
                Json.put(n, "error", c.metric());
            }
            if (c.rowsForGap() != null) {
                Json.put(n, "rows_for_gap", c.rowsForGap());
                Json.put(n, "extra_rows_for_gap", c.extraRowsForGap());
            }
        }
        ArrayNode targets = root.putArray("targets");
        for (CoverageResult.TargetComparison t : r.targets()) {
            ObjectNode n = targets.addObject();
            n.set("dimensions", Json.strings(t.dimensions()));
            Json.put(n, "total_variation", t.totalVariation());
            Json.put(n, "kl_target_to_data_nats", t.klTargetToData());
            n.put("kl_infinite", Double.isInfinite(t.klTargetToData()));
            n.set("over_represented", shares(t.overRepresented()));
            n.set("under_represented", shares(t.underRepresented()));
        }
        if (r.plan() != null) {
            ObjectNode p = root.putObject("plan");
            Json.put(p, "baseline", r.plan().baseline());
            p.put("baseline_source", r.plan().baselineSource());
            Json.put(p, "gap", r.plan().gap());
            p.put("alpha", r.plan().alpha());
            p.put("power", r.plan().power());
            Json.put(p, "rows_per_cell", r.plan().rowsPerCell());
            p.put("method", "two-sided two-proportion z-test, cell at baseline+gap against the rest at baseline (Fleiss, Levin and Paik 2003)");
        }
        root.set("notices", Json.strings(r.notices()));
        return Json.write(root);
    }

    private static ArrayNode shares(List<CoverageResult.CellShare> list) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (CoverageResult.CellShare s : list) {
            ObjectNode n = a.addObject();
            n.set("values", Json.strings(s.values()));
            n.put("rows", s.rows());
            Json.put(n, "data_share", s.dataShare());
            Json.put(n, "target_share", s.targetShare());
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
                    "Plan: to detect a gap of %s in an error rate of %s (%s) with %s%% power at %s%% two-sided, a cell needs about %s rows.%n%n",
                    Html.num(r.plan().gap()), Html.num(r.plan().baseline()), r.plan().baselineSource(), Html.num(r.plan().power() * 100),
                    Html.num(r.plan().alpha() * 100), Html.num(r.plan().rowsPerCell())));
        }
        if (!r.thinCells().isEmpty()) {
            sb.append("## Thin cells, most expected first\n\n| cell | rows | expected share | short of minimum |")
                    .append(r.plan() != null ? " extra rows for the gap |" : "").append('\n');
            sb.append("|---|---:|---:|---:|").append(r.plan() != null ? "---:|" : "").append('\n');
            for (CoverageResult.CellReport c : r.thinCells().subList(0, Math.min(LISTED, r.thinCells().size()))) {
                sb.append("| ").append(cell(c.dimensions(), c.values()).replace("|", "\\|")).append(" | ").append(c.rows()).append(" | ")
                        .append(pct(c.expectedShare())).append(" | ").append(c.missingToMinimum()).append(" |");
                if (r.plan() != null) {
                    sb.append(' ').append(Html.num(c.extraRowsForGap())).append(" |");
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        for (CoverageResult.TargetComparison t : r.targets()) {
            sb.append("## Against the target shares over ").append(String.join(", ", t.dimensions())).append("\n\n");
            sb.append("Total variation ").append(Html.num(t.totalVariation())).append(", KL(target ‖ data) ").append(Html.num(t.klTargetToData()))
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
        StringBuilder b = new StringBuilder();
        b.append("<p>").append(r.rows()).append(" rows; ").append(r.strength()).append("-way combinations of ")
                .append(Html.escape(String.join(", ", r.dimensions()))).append("; a cell is covered with at least ").append(r.minPerCell())
                .append(" rows.</p><p><b>").append(r.coveredCells()).append(" of ").append(r.totalCells()).append(" cells covered (")
                .append(pct(r.coveredShare())).append(")</b>; ").append(r.thinCellCount()).append(" thin, of which ").append(r.emptyCells())
                .append(" empty.</p>");
        if (r.plan() != null) {
            b.append("<p>Plan: to detect a gap of ").append(Html.num(r.plan().gap())).append(" in an error rate of ").append(Html.num(r.plan().baseline()))
                    .append(" (").append(Html.escape(r.plan().baselineSource())).append(") with ").append(Html.num(r.plan().power() * 100))
                    .append("% power at ").append(Html.num(r.plan().alpha() * 100)).append("% two-sided, a cell needs about <b>")
                    .append(Html.num(r.plan().rowsPerCell())).append("</b> rows.</p>");
        }
        // 2-way heatmaps: from the 2-way tables when strength is 2; from the 3-way ones' margins otherwise not shown.
        for (CoverageResult.CombinationCounts c : r.combinations()) {
            if (c.dimensions().size() != 2) {
                continue;
            }
            List<String> rows = c.levels().get(0);
            List<String> cols = c.levels().get(1);
            long[][] grid = new long[rows.size()][cols.size()];
            for (int i = 0; i < c.counts().length; i++) {
                grid[i / cols.size()][i % cols.size()] = c.counts()[i];
            }
            b.append("<h2>").append(Html.escape(c.dimensions().get(0) + " × " + c.dimensions().get(1))).append("</h2>");
            b.append(Html.heatmap(c.dimensions().get(0), rows, c.dimensions().get(1), cols, grid, r.minPerCell()));
        }
        if (!r.thinCells().isEmpty()) {
            b.append("<h2>Thin cells, most expected first</h2><table><tr><th>cell</th><th>rows</th><th>expected share</th><th>short of minimum</th>");
            if (r.plan() != null) {
                b.append("<th>extra rows for the gap</th>");
            }
            b.append("</tr>");
            for (CoverageResult.CellReport c : r.thinCells().subList(0, Math.min(LISTED, r.thinCells().size()))) {
                b.append("<tr><td>").append(Html.escape(cell(c.dimensions(), c.values()))).append("</td><td class=\"n\">").append(c.rows())
                        .append("</td><td class=\"n\">").append(pct(c.expectedShare())).append("</td><td class=\"n\">").append(c.missingToMinimum())
                        .append("</td>");
                if (r.plan() != null) {
                    b.append("<td class=\"n\">").append(Html.num(c.extraRowsForGap())).append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</table>");
        }
        for (CoverageResult.TargetComparison t : r.targets()) {
            b.append("<h2>Against the target shares over ").append(Html.escape(String.join(", ", t.dimensions()))).append("</h2><p>Total variation ")
                    .append(Html.num(t.totalVariation())).append(", KL(target ‖ data) ").append(Html.num(t.klTargetToData()))
                    .append(" nats.</p><table><tr><th>cell</th><th></th><th>data share</th><th>target share</th></tr>");
            for (CoverageResult.CellShare s : t.overRepresented()) {
                b.append("<tr><td>").append(Html.escape(String.join(" × ", s.values()))).append("</td><td>over</td><td class=\"n\">")
                        .append(pct(s.dataShare())).append("</td><td class=\"n\">").append(pct(s.targetShare())).append("</td></tr>");
            }
            for (CoverageResult.CellShare s : t.underRepresented()) {
                b.append("<tr><td>").append(Html.escape(String.join(" × ", s.values()))).append("</td><td>under</td><td class=\"n\">")
                        .append(pct(s.dataShare())).append("</td><td class=\"n\">").append(pct(s.targetShare())).append("</td></tr>");
            }
            b.append("</table>");
        }
        if (!r.notices().isEmpty()) {
            b.append("<h2>Notices</h2><ul>");
            r.notices().forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>"));
            b.append("</ul>");
        }
        return Html.page("Coverage of condition combinations", b.toString());
    }

    private static String cell(List<String> dims, List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(dims.get(i)).append(" = ").append(values.get(i));
        }
        return sb.toString();
    }

    private static String pct(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}

package org.fairhunt.report.lastmile;

import static org.fairhunt.report.html.Html.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairhunt.report.Formats;
import org.fairhunt.report.html.Html;

/**
 * A forest plot as inline SVG: one row per estimate, a dot at the value and a whisker over its interval,
 * a solid line at zero (no difference); significant rows in orange. Self-contained like the toolkit's
 * other charts ({@code fh-forest}, {@code fh-dot}, {@code fh-whisker} for tests and styling).
 */
final class ForestPlot {
    private static final double ROW = 22;
    private static final double TOP = 24;
    private static final double AXIS = 24;
    private static final double LABEL_CHAR = 7.2;
    private static final double PLOT_W = 320;

    record Row(String label, Double value, Double lo, Double hi, boolean highlighted, String tooltip) {
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();

    ForestPlot(String title) {
        this.title = title;
    }

    ForestPlot row(String label, Double value, Double lo, Double hi, boolean highlighted, String tooltip) {
        rows.add(new Row(label, value, lo, hi, highlighted, tooltip));
        return this;
    }

    Html.Fragment render() {
        int chars = 6;
        double extent = 0;
        for (Row r : rows) {
            chars = Math.max(chars, Math.min(40, r.label().length()));
            for (Double v : new Double[] {r.value(), r.lo(), r.hi()}) {
                if (v != null && Double.isFinite(v)) {
                    extent = Math.max(extent, Math.abs(v));
                }
            }
        }
        extent = extent == 0 ? 1 : extent * 1.1;
        double labelW = chars * LABEL_CHAR + 12;
        double valueW = 150;
        double width = labelW + PLOT_W + valueW;
        double height = TOP + rows.size() * ROW + AXIS;
        double x0 = labelW;
        double finalExtent = extent;
        java.util.function.DoubleUnaryOperator x = v -> x0 + (v + finalExtent) / (2 * finalExtent) * PLOT_W;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"fh-forest\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\" font-family=\"system-ui, sans-serif\" font-size=\"12\">",
                width, height, width, height, escape(title)));
        sb.append("<title>").append(escape(title)).append("</title>");
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1f2328\" stroke-width=\"1\"/>",
                x.applyAsDouble(0), TOP - 6, x.applyAsDouble(0), TOP + rows.size() * ROW));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double y = TOP + i * ROW + ROW / 2;
            String colour = r.highlighted() ? "#e8590c" : "#4c6ef5";
            String label = r.label().length() > 40 ? r.label().substring(0, 39) + "…" : r.label();
            sb.append("<g><title>").append(escape(r.tooltip())).append("</title>");
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#1f2328\">%s</text>",
                    labelW - 8, y + 4, escape(label)));
            if (r.lo() != null && r.hi() != null) {
                sb.append(String.format(Locale.ROOT, "<line class=\"fh-whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                        + " stroke=\"%s\" stroke-width=\"2\"/>", x.applyAsDouble(r.lo()), y, x.applyAsDouble(r.hi()), y, colour));
            }
            if (r.value() != null) {
                sb.append(String.format(Locale.ROOT, "<circle class=\"fh-dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>",
                        x.applyAsDouble(r.value()), y, colour));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#6e7781\">%s</text>", x0 + PLOT_W + 8, y + 4,
                    escape(r.value() == null ? Formats.UNDEFINED : Formats.estimate(r.value(), r.lo(), r.hi()))));
            sb.append("</g>");
        }
        double axisY = TOP + rows.size() * ROW + 14;
        for (double t : new double[] {-extent, -extent / 2, 0, extent / 2, extent}) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#6e7781\">%s</text>",
                    x.applyAsDouble(t), axisY, escape(Formats.fixed(t, 3))));
        }
        sb.append("</svg>");
        return Html.raw(sb.toString());
    }
}

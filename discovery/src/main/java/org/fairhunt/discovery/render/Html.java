package org.fairhunt.discovery.render;

import java.util.List;
import java.util.Locale;

/**
 * Small helpers for self-contained HTML pages: escaping, number formatting, and inline SVG charts
 * (a horizontal bar chart with interval whiskers, a heatmap). No scripts, no external resources.
 */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n<style>"
                + "body{font-family:system-ui,sans-serif;margin:2em;max-width:72em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;font-size:.9em}"
                + "th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}.sig{font-weight:bold;color:#a40000}"
                + ".note{color:#555;font-size:.9em}svg text{font-size:11px;font-family:system-ui,sans-serif}"
                + "</style></head><body>\n<h1>" + escape(title) + "</h1>\n" + body + "\n</body></html>\n";
    }

    /** One bar per label, with an optional whisker [lo, hi] and a dashed reference line. */
    static String barChart(List<String> labels, double[] values, double[] lo, double[] hi, double reference, String axisLabel) {
        int labelWidth = 360;
        int plotWidth = 420;
        int barHeight = 18;
        int gap = 6;
        int height = labels.size() * (barHeight + gap) + 40;
        double max = reference;
        for (int i = 0; i < values.length; i++) {
            max = Math.max(max, hi != null && !Double.isNaN(hi[i]) ? hi[i] : values[i]);
        }
        max = max <= 0 ? 1 : max * 1.05;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(labelWidth + plotWidth + 20).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(axisLabel)).append("\">");
        for (int i = 0; i < labels.size(); i++) {
            int y = 10 + i * (barHeight + gap);
            double w = values[i] / max * plotWidth;
            String label = labels.get(i).length() > 60 ? labels.get(i).substring(0, 57) + "…" : labels.get(i);
            sb.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(y + 13).append("\" text-anchor=\"end\">")
                    .append(escape(label)).append("</text>");
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#c0504d\"><title>%s: %s</title></rect>",
                    labelWidth, y, Math.max(0, w), barHeight, escape(labels.get(i)), num(values[i])));
            if (lo != null && hi != null && !Double.isNaN(lo[i]) && !Double.isNaN(hi[i])) {
                double x1 = labelWidth + lo[i] / max * plotWidth;
                double x2 = labelWidth + hi[i] / max * plotWidth;
                int ym = y + barHeight / 2;
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>", x1, ym, x2, ym));
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>", x1, ym - 4, x1, ym + 4));
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>", x2, ym - 4, x2, ym + 4));
            }
        }
        double xr = labelWidth + reference / max * plotWidth;
        int bottom = height - 28;
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1f4e79\" stroke-dasharray=\"4 3\"/>", xr, xr, bottom));
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#1f4e79\" text-anchor=\"middle\">overall %s</text>", xr, bottom + 14,
                num(reference)));
        sb.append("<text x=\"").append(labelWidth + plotWidth / 2).append("\" y=\"").append(height - 2).append("\" text-anchor=\"middle\">")
                .append(escape(axisLabel)).append("</text>");
        return sb.append("</svg>").toString();
    }

    /** A heatmap of counts: rows × columns, darker for more, red outline for cells below {@code threshold}. */
    static String heatmap(String rowName, List<String> rowLabels, String colName, List<String> colLabels, long[][] counts, long threshold) {
        int cell = 36;
        int left = 160;
        int top = 110;
        int width = left + colLabels.size() * cell + 20;
        int height = top + rowLabels.size() * cell + 20;
        long max = 1;
        for (long[] r : counts) {
            for (long v : r) {
                max = Math.max(max, v);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(rowName + " × " + colName)).append("\">");
        sb.append("<text x=\"4\" y=\"").append(top - 8).append("\" font-weight=\"bold\">").append(escape(rowName)).append(" ↓ / ")
                .append(escape(colName)).append(" →</text>");
        for (int c = 0; c < colLabels.size(); c++) {
            int x = left + c * cell + cell / 2;
            sb.append("<text transform=\"translate(").append(x).append(',').append(top - 6).append(") rotate(-55)\">")
                    .append(escape(shorten(colLabels.get(c)))).append("</text>");
        }
        for (int r = 0; r < rowLabels.size(); r++) {
            int y = top + r * cell;
            sb.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + cell / 2 + 4).append("\" text-anchor=\"end\">")
                    .append(escape(shorten(rowLabels.get(r)))).append("</text>");
            for (int c = 0; c < colLabels.size(); c++) {
                long v = counts[r][c];
                double t = Math.log1p(v) / Math.log1p(max);
                int shade = (int) Math.round(245 - t * 190);
                String fill = v == 0 ? "#ffffff" : String.format(Locale.ROOT, "rgb(%d,%d,%d)", shade, shade, 255);
                String stroke = v < threshold ? "#c00000" : "#999";
                int x = left + c * cell;
                sb.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(cell).append("\" height=\"").append(cell)
                        .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                        .append(v < threshold ? 2 : 1).append("\"><title>").append(escape(rowLabels.get(r) + " × " + colLabels.get(c) + ": " + v))
                        .append("</title></rect>");
                sb.append("<text x=\"").append(x + cell / 2).append("\" y=\"").append(y + cell / 2 + 4).append("\" text-anchor=\"middle\"")
                        .append(t > 0.6 ? " fill=\"#fff\"" : "").append(">").append(v).append("</text>");
            }
        }
        return sb.append("</svg>").toString();
    }

    private static String shorten(String s) {
        return s.length() > 22 ? s.substring(0, 21) + "…" : s;
    }
}

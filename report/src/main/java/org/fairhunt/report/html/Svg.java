package org.fairhunt.report.html;

import static org.fairhunt.report.html.Html.escape;

import java.util.ArrayList;
import java.util.List;

/**
 * Charts as inline SVG, self-contained (no ids, no external fonts, no scripts), so any number of them
 * can share a page and they print as vectors. Colours and sizes are attributes, not page CSS, so a
 * chart looks the same wherever it is pasted; class names ({@code fh-bar}, {@code fh-whisker},
 * {@code fh-ref}, {@code fh-cell}) are for tests and page styling.
 *
 * <p>Text width is estimated from character counts (SVG cannot measure text before layout); long
 * labels are shortened with an ellipsis and keep their full text in a tooltip.
 */
public final class Svg {
    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
    static final double FONT_SIZE = 12;
    /** Average glyph width of the sans font at {@link #FONT_SIZE} for numbers and short words. */
    static final double CHAR_WIDTH = 6.8;
    /** A generous glyph width for labels from user data (wide letters, underscores, italics) so they are never cut. */
    static final double LABEL_CHAR_WIDTH = 7.6;

    private static final String BAR_FILL = "#4c6ef5";
    private static final String MUTED_FILL = "#ced4da";
    private static final String INK = "#1f2328";
    private static final String SOFT_INK = "#6e7781";
    private static final String GRID = "#e9ecef";
    private static final String REFERENCE = "#e8590c";

    private Svg() {
    }

    /** A new horizontal bar chart. */
    public static BarChart barChart(String title) {
        return new BarChart(title);
    }

    /** A new heatmap. */
    public static Heatmap heatmap(String title) {
        return new Heatmap(title);
    }

    /**
     * One bar: its label, value ({@code null}: undefined, drawn as {@code —}), interval ends (either
     * {@code null}: no whisker), the text printed after it, a tooltip, and whether it is muted (a slice
     * too small to report: drawn grey and labelled in italics).
     */
    public record Bar(String label, Double value, Double lo, Double hi, String valueText, String tooltip, boolean muted) {
    }

    /**
     * Horizontal bars starting at zero (so lengths compare honestly), one row per item, with interval
     * whiskers, a dashed reference line (the overall value) and a light value axis.
     */
    public static final class BarChart {
        /** About the width of a column in a two-column grid, so charts are drawn near 1:1 and text stays legible. */
        private static final double WIDTH = 540;
        private static final double ROW = 24;
        private static final double BAR = 14;
        private static final double TOP = 20;
        private static final double AXIS = 22;
        private static final int MAX_LABEL_CHARS = 24;

        private final String title;
        private final List<Bar> bars = new ArrayList<>();
        private Double reference;
        private String referenceLabel;

        private BarChart(String title) {
            this.title = title;
        }

        public BarChart bar(Bar bar) {
            bars.add(bar);
            return this;
        }

        public BarChart bar(String label, Double value, Double lo, Double hi, String valueText, String tooltip, boolean muted) {
            return bar(new Bar(label, value, lo, hi, valueText, tooltip, muted));
        }

        /** A dashed vertical line at {@code value}, labelled (e.g. {@code overall 0.245}). */
        public BarChart reference(double value, String label) {
            this.reference = value;
            this.referenceLabel = label;
            return this;
        }

        public Html.Fragment render() {
            int labelChars = 4;
            int valueChars = 4;
            for (Bar b : bars) {
                labelChars = Math.max(labelChars, Math.min(MAX_LABEL_CHARS, len(b.label())));
                valueChars = Math.max(valueChars, len(b.valueText()));
            }
            double labelW = labelChars * LABEL_CHAR_WIDTH + 12;
            double valueW = valueChars * CHAR_WIDTH + 14;
            double x0 = labelW;
            double plotW = Math.max(150, WIDTH - labelW - valueW);
            double width = labelW + plotW + valueW;
            double height = TOP + bars.size() * ROW + AXIS;

            double lo = 0;
            double hi = 0;
            for (Bar b : bars) {
                for (Double v : new Double[] {b.value(), b.lo(), b.hi()}) {
                    if (v != null && Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (reference != null && Double.isFinite(reference)) {
                lo = Math.min(lo, reference);
                hi = Math.max(hi, reference);
            }
            Axis axis = Axis.nice(lo, hi, 5);
            Scale x = v -> x0 + (v - axis.lo) / (axis.hi - axis.lo) * plotW;

            StringBuilder sb = open("fh-bars", width, height, title);
            // grid and tick labels
            double plotBottom = TOP + bars.size() * ROW;
            for (double t : axis.ticks()) {
                double tx = x.at(t);
                line(sb, tx, TOP - 4, tx, plotBottom, t == 0 ? "#adb5bd" : GRID, 1, null, "fh-grid");
                text(sb, tx, plotBottom + 15, "middle", SOFT_INK, 11, axis.format(t), null);
            }
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                double cy = TOP + i * ROW + ROW / 2;
                sb.append("<g class=\"fh-row").append(b.muted() ? " fh-muted" : "").append("\">");
                String label = shorten(b.label(), MAX_LABEL_CHARS);
                sb.append("<text x=\"").append(f(x0 - 8)).append("\" y=\"").append(f(cy + 4))
                        .append("\" text-anchor=\"end\" fill=\"").append(b.muted() ? SOFT_INK : INK).append('"')
                        .append(b.muted() ? " font-style=\"italic\"" : "").append('>')
                        .append(label.equals(b.label()) ? "" : "<title>" + escape(b.label()) + "</title>")
                        .append(escape(label)).append("</text>");
                String tip = b.tooltip() == null ? b.label() + ": " + b.valueText() : b.tooltip();
                if (b.value() != null && Double.isFinite(b.value())) {
                    double a = x.at(Math.min(0, b.value()));
                    double e = x.at(Math.max(0, b.value()));
                    sb.append("<rect class=\"fh-bar").append(b.muted() ? " fh-muted" : "").append("\" x=\"").append(f(a))
                            .append("\" y=\"").append(f(cy - BAR / 2)).append("\" width=\"").append(f(e - a))
                            .append("\" height=\"").append(f(BAR)).append("\" rx=\"2\" fill=\"")
                            .append(b.muted() ? MUTED_FILL : BAR_FILL).append("\"")
                            .append(b.muted() ? " fill-opacity=\"0.8\"" : "").append("><title>").append(escape(tip))
                            .append("</title></rect>");
                    if (b.lo() != null && b.hi() != null && Double.isFinite(b.lo()) && Double.isFinite(b.hi())) {
                        double wl = x.at(b.lo());
                        double wh = x.at(b.hi());
                        String ink = b.muted() ? SOFT_INK : INK;
                        sb.append("<g class=\"fh-whisker\" stroke=\"").append(ink).append("\" stroke-width=\"1.4\">")
                                .append("<title>").append(escape(tip)).append("</title>");
                        line(sb, wl, cy, wh, cy, null, 0, null, null);
                        line(sb, wl, cy - 5, wl, cy + 5, null, 0, null, null);
                        line(sb, wh, cy - 5, wh, cy + 5, null, 0, null, null).append("</g>");
                    }
                }
                text(sb, x0 + plotW + 8, cy + 4, "start", b.value() == null ? SOFT_INK : INK, FONT_SIZE,
                        b.valueText(), b.value() == null || b.muted() ? tip : null);
                sb.append("</g>");
            }
            if (reference != null && Double.isFinite(reference)) {
                double rx = x.at(reference);
                line(sb.append("<g class=\"fh-ref\">"), rx, TOP - 6, rx, plotBottom, REFERENCE, 1.5, "4 3", null);
                text(sb, rx, TOP - 9, anchorFor(rx, x0, x0 + plotW), REFERENCE, 11, referenceLabel, null).append("</g>");
            }
            return close(sb);
        }
    }

    /**
     * A grid of cells, one per (row value, column value) pair, coloured on a sequential scale (light for
     * the lowest value, dark for the highest: a magnitude, so the scale presumes no direction of "better"),
     * with a legend below that marks a reference value (the overall value); or, for a signed quantity given
     * a {@link #centre}, on a diverging scale around it. Each cell writes its value and, when given, a
     * detail line (the interval) and a note line (the size and any flag). Flagged cells (too small, too few
     * speakers) keep their colour and their numbers, outlined with dashes and named in the note: a reader
     * sees the value and why to doubt it. Undefined cells are white with {@code —}.
     */
    public static final class Heatmap {
        private static final double CELL_H = 34;
        private static final double CELL_H_DETAILED = 54;
        private static final double MIN_CELL_W = 64;
        private static final int MAX_COL_CHARS = 16;
        private static final int MAX_ROW_CHARS = 24;
        private static final double DETAIL_SIZE = 10.5;

        private final String title;
        private final List<String> rowLabels = new ArrayList<>();
        private final List<String> columnLabels = new ArrayList<>();
        private final List<Cell> cells = new ArrayList<>();
        private String rowHeader = "";
        private String columnHeader = "";
        private Double centre;
        private String centreLabel;
        private Double reference;
        private String referenceLabel;

        /**
         * A cell: value ({@code null}: undefined), printed text, detail line (interval) and note line (size,
         * flag), either {@code null}, tooltip, and whether it is flagged.
         */
        public record Cell(int row, int column, Double value, String text, String detail, String note, String tooltip,
                boolean flagged) {
        }

        private Heatmap(String title) {
            this.title = title;
        }

        /** The attribute names shown above the row labels and over the columns. */
        public Heatmap headers(String rowAttribute, String columnAttribute) {
            this.rowHeader = rowAttribute;
            this.columnHeader = columnAttribute;
            return this;
        }

        public Heatmap rows(List<String> labels) {
            rowLabels.addAll(labels);
            return this;
        }

        public Heatmap columns(List<String> labels) {
            columnLabels.addAll(labels);
            return this;
        }

        /** A cell with its value only. */
        public Heatmap cell(int row, int column, Double value, String text, String tooltip, boolean flagged) {
            return cell(row, column, value, text, null, null, tooltip, flagged);
        }

        public Heatmap cell(int row, int column, Double value, String text, String detail, String note, String tooltip,
                            boolean flagged) {
            if (row < 0 || row >= rowLabels.size() || column < 0 || column >= columnLabels.size()) {
                throw new IllegalArgumentException("cell (" + row + ", " + column + ") outside a " + rowLabels.size() + " × "
                        + columnLabels.size() + " heatmap");
            }
            cells.add(new Cell(row, column, value, text, detail, note, tooltip, flagged));
            return this;
        }

        /** A reference value (the overall value) marked on the sequential scale's legend. */
        public Heatmap reference(double value, String label) {
            this.reference = value;
            this.referenceLabel = label;
            return this;
        }

        /**
         * For a signed quantity (a degradation, a difference): a diverging scale instead, white at this value,
         * purple below and orange above (PuOr).
         */
        public Heatmap centre(double value, String label) {
            this.centre = value;
            this.centreLabel = label;
            return this;
        }

        public Html.Fragment render() {
            boolean detailed = cells.stream().anyMatch(c -> c.detail() != null || c.note() != null);
            double cellH = detailed ? CELL_H_DETAILED : CELL_H;
            int colChars = 4;
            for (String c : columnLabels) {
                colChars = Math.max(colChars, Math.min(MAX_COL_CHARS, len(c)));
            }
            for (Cell c : cells) {
                colChars = Math.max(colChars, len(c.text()));
                colChars = Math.max(colChars, (int) Math.ceil(0.85 * Math.max(len(c.detail()), len(c.note()))));
            }
            int rowChars = Math.max(4, Math.min(MAX_ROW_CHARS, len(rowHeader)));
            for (String r : rowLabels) {
                rowChars = Math.max(rowChars, Math.min(MAX_ROW_CHARS, len(r)));
            }
            double cellW = Math.max(MIN_CELL_W, colChars * LABEL_CHAR_WIDTH + 10);
            double x0 = rowChars * LABEL_CHAR_WIDTH + 16;
            double y0 = 44;
            double gridW = cellW * columnLabels.size();
            double gridH = cellH * rowLabels.size();
            double legendTop = y0 + gridH + 16;
            double legendW = 9 * 22;
            double width = Math.max(x0 + gridW + 8, x0 + legendW + 60);
            double height = legendTop + 36;

            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            // the scale spans the unflagged cells when there are any: a tiny slice's extreme value would
            // otherwise wash out the colours of the slices that matter (flagged cells are clamped to the ends)
            for (boolean includeFlagged : new boolean[] {false, true}) {
                for (Cell c : cells) {
                    if (c.value() != null && Double.isFinite(c.value()) && (includeFlagged || !c.flagged())) {
                        min = Math.min(min, c.value());
                        max = Math.max(max, c.value());
                    }
                }
                if (min <= max) {
                    break;
                }
            }
            boolean any = min <= max;
            double span = any ? max - min : 0;
            boolean diverging = centre != null;
            double mid = diverging ? centre : 0;
            double extent = diverging && any ? Math.max(Math.abs(max - mid), Math.abs(min - mid)) : 0;

            StringBuilder sb = open("fh-heatmap", width, height, title);
            text(sb, x0 + gridW / 2, 14, "middle", SOFT_INK, 11.5, columnHeader, null);
            text(sb, x0 - 8, y0 - 8, "end", SOFT_INK, 11.5, shorten(rowHeader, MAX_ROW_CHARS), null);
            for (int c = 0; c < columnLabels.size(); c++) {
                String full = columnLabels.get(c);
                String label = shorten(full, MAX_COL_CHARS);
                text(sb, x0 + c * cellW + cellW / 2, y0 - 8, "middle", INK, FONT_SIZE, label,
                        label.equals(full) ? null : full);
            }
            for (int r = 0; r < rowLabels.size(); r++) {
                String full = rowLabels.get(r);
                String label = shorten(full, MAX_ROW_CHARS);
                text(sb, x0 - 8, y0 + r * cellH + cellH / 2 + 4, "end", INK, FONT_SIZE, label,
                        label.equals(full) ? null : full);
            }
            // empty grid positions (combinations absent from the data) stay visible as pale outlines
            for (int r = 0; r < rowLabels.size(); r++) {
                for (int c = 0; c < columnLabels.size(); c++) {
                    sb.append("<rect x=\"").append(f(x0 + c * cellW + 1)).append("\" y=\"").append(f(y0 + r * cellH + 1))
                            .append("\" width=\"").append(f(cellW - 2)).append("\" height=\"").append(f(cellH - 2))
                            .append("\" fill=\"#ffffff\" stroke=\"").append(GRID).append("\"/>");
                }
            }
            for (Cell c : cells) {
                double cx = x0 + c.column() * cellW;
                double cy = y0 + c.row() * cellH;
                boolean defined = c.value() != null && Double.isFinite(c.value());
                String fill = !defined ? "#ffffff" : diverging ? Colours.diverging(extent == 0 ? 0 : (c.value() - mid) / extent)
                        : Colours.sequential(span == 0 ? 0.5 : (c.value() - min) / span);
                String ink = !defined ? SOFT_INK : Colours.isDark(fill) ? "#ffffff" : INK;
                sb.append("<g class=\"fh-cell").append(c.flagged() ? " fh-flagged" : "").append(defined ? "" : " fh-undefined")
                        .append("\"><title>").append(escape(c.tooltip())).append("</title>")
                        .append("<rect x=\"").append(f(cx + 1)).append("\" y=\"").append(f(cy + 1)).append("\" width=\"")
                        .append(f(cellW - 2)).append("\" height=\"").append(f(cellH - 2)).append("\" rx=\"3\" fill=\"")
                        .append(fill).append('"')
                        .append(c.flagged() ? " stroke=\"" + INK + "\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"" : "").append("/>");
                if (detailed) {
                    text(sb, "font-weight=\"600\" ", cx + cellW / 2, cy + 17, "middle", ink, FONT_SIZE, c.text(), null);
                    if (c.detail() != null) {
                        text(sb, cx + cellW / 2, cy + 31, "middle", ink, DETAIL_SIZE, c.detail(), null);
                    }
                    if (c.note() != null) {
                        text(sb, c.flagged() ? "class=\"fh-cell-note\" font-style=\"italic\" " : "class=\"fh-cell-note\" ",
                                cx + cellW / 2, cy + 45, "middle", ink, DETAIL_SIZE, c.note(), null);
                    }
                } else {
                    text(sb, c.flagged() ? "font-style=\"italic\" " : "", cx + cellW / 2, cy + cellH / 2 + 4, "middle", ink, FONT_SIZE,
                            c.text(), null);
                }
                sb.append("</g>");
            }
            // legend: nine swatches from the lowest to the highest value, the reference value marked (diverging:
            // from centre − extent to centre + extent)
            sb.append("<g class=\"fh-legend\">");
            double lx = x0;
            for (int i = 0; i < 9; i++) {
                sb.append("<rect x=\"").append(f(lx + i * 22)).append("\" y=\"").append(f(legendTop)).append("\" width=\"22\" height=\"10\" fill=\"")
                        .append(diverging ? Colours.diverging(-1 + i * 0.25) : Colours.sequential(i / 8.0)).append("\"/>");
            }
            if (any && diverging) {
                text(sb, lx, legendTop + 24, "start", SOFT_INK, 11, Axis.plain(mid - extent), null);
                text(sb, lx + 4.5 * 22, legendTop + 24, "middle", SOFT_INK, 11, centreLabel == null ? Axis.plain(mid) : centreLabel, null);
                text(sb, lx + 9 * 22, legendTop + 24, "end", SOFT_INK, 11, Axis.plain(mid + extent), null);
            } else if (any) {
                text(sb, lx, legendTop + 24, "start", SOFT_INK, 11, Axis.plain(min), null);
                text(sb, lx + legendW, legendTop + 24, "end", SOFT_INK, 11, Axis.plain(max), null);
                if (reference != null && span > 0 && reference >= min && reference <= max) {
                    double mx = lx + legendW * (reference - min) / span;
                    line(sb, mx, legendTop - 3, mx, legendTop + 13, INK, 1.5, null, null);
                    text(sb, mx, legendTop + 24, "middle", INK, 11, referenceLabel, null);
                } else if (reference != null) {
                    text(sb, lx + legendW + 8, legendTop + 9, "start", SOFT_INK, 11, referenceLabel, null);
                }
            }
            sb.append("</g>");
            return close(sb);
        }
    }

    /** Colour arithmetic: the sequential scale (YlOrRd) and the diverging one (PuOr), both ColorBrewer, readable by colour-blind readers. */
    static final class Colours {
        private static final int[][] STOPS = {
            {0x5e, 0x3c, 0x99}, {0xb2, 0xab, 0xd2}, {0xf7, 0xf7, 0xf7}, {0xfd, 0xb8, 0x63}, {0xe6, 0x61, 0x01}};

        private static final char[] HEX = "0123456789abcdef".toCharArray();

        private Colours() {
        }

        /** {@code t} in [−1, 1] (clamped; NaN is the centre) → {@code #rrggbb}. */
        static String diverging(double t) {
            return interpolate(STOPS, Double.isNaN(t) ? 0.5 : (Math.max(-1, Math.min(1, t)) + 1) / 2);
        }

        /** {@code u} in [0, 1] → the colour that far along the stops, linearly between neighbours. */
        private static String interpolate(int[][] stops, double u) {
            double x = u * (stops.length - 1);
            int i = Math.min(stops.length - 2, (int) Math.floor(x));
            double w = x - i;
            StringBuilder sb = new StringBuilder("#");
            for (int k = 0; k < 3; k++) {
                int v = (int) Math.round(stops[i][k] * (1 - w) + stops[i + 1][k] * w);
                // what %02x writes, without a Formatter per channel (thousands of heatmap cells per report)
                sb.append(HEX[(v >> 4) & 15]).append(HEX[v & 15]);
            }
            return sb.toString();
        }

        /** The sequential scale (YlOrRd, ColorBrewer: ordered by lightness, so it reads in grey and for colour-blind readers). */
        private static final int[][] SEQUENTIAL = {
            {0xff, 0xff, 0xcc}, {0xfe, 0xd9, 0x76}, {0xfd, 0x8d, 0x3c}, {0xe3, 0x1a, 0x1c}, {0x80, 0x00, 0x26}};

        /** {@code t} in [0, 1] (clamped; NaN is the middle) → {@code #rrggbb}, light to dark. */
        static String sequential(double t) {
            return interpolate(SEQUENTIAL, Double.isNaN(t) ? 0.5 : Math.max(0, Math.min(1, t)));
        }

        /** Whether white text reads better than dark text on {@code #rrggbb} (relative luminance below 0.4). */
        static boolean isDark(String hex) {
            double r = channel(Integer.parseInt(hex.substring(1, 3), 16));
            double g = channel(Integer.parseInt(hex.substring(3, 5), 16));
            double b = channel(Integer.parseInt(hex.substring(5, 7), 16));
            return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4;
        }

        private static double channel(int v) {
            double c = v / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

    /**
     * A value axis with "nice" round ticks (steps of 1, 2, 2.5 or 5 × 10^k) covering [lo, hi], and as
     * many decimals in its labels as the step has (0.25 → 2).
     */
    record Axis(double lo, double hi, double step, int decimals) {
        /** The decimals of each step met so far: steps take few values, and every chart of a report asks. */
        private static final java.util.Map<Double, Integer> DECIMALS = new java.util.concurrent.ConcurrentHashMap<>();

        static Axis nice(double lo, double hi, int targetTicks) {
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double raw = (hi - lo) / targetTicks;
            double pow = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = pow;
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * pow >= raw) {
                    step = m * pow;
                    break;
                }
            }
            // rounding to 6 significant digits first drops binary noise such as 0.30000000000000004
            int decimals = DECIMALS.computeIfAbsent(step,
                    s -> Math.max(0, new java.math.BigDecimal(s).round(new java.math.MathContext(6)).stripTrailingZeros().scale()));
            return new Axis(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step, decimals);
        }

        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            int n = (int) Math.round((hi - lo) / step);
            for (int i = 0; i <= n; i++) {
                double t = lo + i * step;
                out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
            }
            return out;
        }

        String format(double t) {
            return org.fairhunt.report.Formats.fixed(t, decimals);
        }

        static String plain(double v) {
            return org.fairhunt.report.Formats.number(v);
        }
    }

    @FunctionalInterface
    private interface Scale {
        double at(double v);
    }

    private static StringBuilder open(String cls, double width, double height, String title) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fh-chart ").append(cls).append("\" viewBox=\"0 0 ")
                .append(f(width)).append(' ').append(f(height)).append("\" width=\"").append(f(width)).append("\" height=\"")
                .append(f(height)).append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\" font-family=\"")
                .append(FONT).append("\" font-size=\"").append(f(FONT_SIZE)).append("\"><title>").append(escape(title))
                .append("</title>");
        return sb;
    }

    private static Html.Fragment close(StringBuilder sb) {
        return Html.raw(sb.append("</svg>").toString());
    }

    /** Appends a {@code <line>} to {@code sb} (charts write straight into their builder: thousands of these per report). */
    private static StringBuilder line(StringBuilder sb, double x1, double y1, double x2, double y2, String stroke, double width,
            String dash, String cls) {
        sb.append("<line");
        if (cls != null) {
            sb.append(" class=\"").append(cls).append('"');
        }
        sb.append(" x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"").append(f(x2)).append("\" y2=\"")
                .append(f(y2)).append('"');
        if (stroke != null) {
            sb.append(" stroke=\"").append(stroke).append("\" stroke-width=\"").append(f(width)).append('"');
        }
        if (dash != null) {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        return sb.append("/>");
    }

    /** {@link #text(StringBuilder, String, double, double, String, String, double, String, String)} with no extra attributes. */
    private static StringBuilder text(StringBuilder sb, double x, double y, String anchor, String fill, double size, String content,
            String tooltip) {
        return text(sb, "", x, y, anchor, fill, size, content, tooltip);
    }

    /** Appends a {@code <text>} to {@code sb}; {@code attributes} (each followed by a space) come first. */
    private static StringBuilder text(StringBuilder sb, String attributes, double x, double y, String anchor, String fill, double size,
            String content, String tooltip) {
        sb.append("<text ").append(attributes).append("x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" fill=\"").append(fill).append('"');
        if (size != FONT_SIZE) {
            sb.append(" font-size=\"").append(f(size)).append('"');
        }
        sb.append('>');
        if (tooltip != null) {
            sb.append("<title>").append(escape(tooltip)).append("</title>");
        }
        return sb.append(escape(content)).append("</text>");
    }

    private static String anchorFor(double x, double left, double right) {
        double third = (right - left) / 3;
        return x < left + third / 2 ? "start" : x > right - third / 2 ? "end" : "middle";
    }

    static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static int len(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }

    /** Coordinates with at most one decimal, locale-independent. */
    static String f(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}

package org.fairhunt.discovery.render;

import java.util.Locale;

/** Number formatting for reports: four significant digits, scientific for very small or large, dashes for undefined. */
final class Fmt {
    private Fmt() {
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

    static String num(Double v) {
        return v == null ? "–" : num(v.doubleValue());
    }

    /** A p- or q-value; an exact 0 is a tail beyond double precision, shown as such. */
    static String p(double v) {
        return v == 0 ? "< 1e-16" : num(v);
    }

    /** A number of rows: whole, or "unreachable" for +∞ (the rest of the data is too small). */
    static String rows(Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        return v.isInfinite() ? "unreachable" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String pct(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}

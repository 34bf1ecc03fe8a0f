package org.fairhunt.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.stats.Interval;

/**
 * How reports write numbers. Values from 0.1 to 10 get three decimals ({@code 0.245}, {@code 1.000}),
 * smaller ones three significant digits ({@code 0.0123}), larger ones four ({@code 12.35}); whole
 * numbers from 2 up are written whole ({@code 412}, a count), while 1 stays {@code 1.000} beside other rates. An interval's ends get
 * as many decimals as it takes to show its width to one significant digit (more, up to one less than
 * the value's, for small values), so {@code 0.245 [0.22, 0.27]} but {@code 0.2451 [0.2448, 0.2455]}: a
 * narrow interval never collapses to {@code [0.24, 0.25]}. Undefined values are an em dash.
 */
public final class Formats {
    /** What reports print for an undefined value. */
    public static final String UNDEFINED = "—";

    private static final int MAX_DECIMALS = 8;

    private Formats() {
    }

    /** {@code v} written as described above; {@code —} if not finite. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return UNDEFINED;
        }
        return fixed(v, decimals(v));
    }

    /** An estimate with its interval when it has one: {@code 0.245 [0.22, 0.27]}; {@code —} when undefined. */
    public static String estimate(MetricEstimate e) {
        if (e == null || !e.defined()) {
            return UNDEFINED;
        }
        Interval ci = e.ci();
        return ci == null ? number(e.value()) : estimate(e.value(), ci.lo(), ci.hi());
    }

    /** {@code value [lo, hi]}; either end {@code null} or not finite gives the value alone. */
    public static String estimate(Double value, Double lo, Double hi) {
        if (value == null || !Double.isFinite(value)) {
            return UNDEFINED;
        }
        if (lo == null || hi == null || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            return number(value);
        }
        // a whole value is written whole only if its interval is whole too (a count), not a ratio that happens to be 2
        boolean whole = lo == Math.rint(lo) && hi == Math.rint(hi);
        int valueDecimals = whole ? decimals(value) : fractionalDecimals(value);
        int ends = intervalDecimals(valueDecimals, hi - lo);
        return fixed(value, Math.max(valueDecimals, ends)) + " [" + fixed(lo, ends) + ", " + fixed(hi, ends) + "]";
    }

    /** Just the interval, {@code [0.22, 0.27]}, with the decimals {@link #estimate(Double, Double, Double)} would use. */
    public static String interval(double value, double lo, double hi) {
        int ends = intervalDecimals(decimals(value), hi - lo);
        return "[" + fixed(lo, ends) + ", " + fixed(hi, ends) + "]";
    }

    /** A p- or q-value: three decimals, or {@code < 0.001}. */
    public static String pValue(Double p) {
        if (p == null || !Double.isFinite(p)) {
            return UNDEFINED;
        }
        return p < 0.001 ? "< 0.001" : fixed(p, 3);
    }

    /** A number of rows: whole, {@code unreachable} for +∞ (no number of rows will do), {@code —} when undefined. */
    public static String rows(Double v) {
        if (v == null || v.isNaN()) {
            return UNDEFINED;
        }
        return v.isInfinite() ? "unreachable" : fixed(v, 0);
    }

    /** A share of a whole as a percentage with two decimals: 0.1234 → {@code 12.34%}; {@code —} when undefined. */
    public static String share(double share) {
        return Double.isFinite(share) ? fixed(share * 100, 2) + "%" : UNDEFINED;
    }

    /** Like {@link #number(double)}, but +∞ as {@code ∞} where infinity is a meaningful value (a KL divergence). */
    public static String numberOrInfinity(double v) {
        return v == Double.POSITIVE_INFINITY ? "∞" : number(v);
    }

    /** A confidence level as a percentage: 0.95 → {@code 95%}, 0.995 → {@code 99.5%}. */
    public static String percent(double level) {
        BigDecimal pct = BigDecimal.valueOf(level).multiply(BigDecimal.valueOf(100)).stripTrailingZeros();
        return pct.toPlainString() + "%";
    }

    /**
     * Three decimals from 0.1 to 10, so a column of rates lines up ({@code 0.750}, {@code 1.000}); three
     * significant digits below 0.1 ({@code 0.0123}); fewer decimals for larger numbers ({@code 12.35},
     * {@code 123.5}, {@code 1235}); none for whole numbers of 2 or more (counts), while 1 stays {@code 1.000}
     * beside other rates.
     */
    static int decimals(double v) {
        return Math.abs(v) >= 2 && v == Math.rint(v) ? 0 : fractionalDecimals(v);
    }

    /** {@link #decimals(double)} without the whole-number rule. */
    private static int fractionalDecimals(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return 3;
        }
        if (a < 0.1) {
            return clamp(2 - (int) Math.floor(Math.log10(a)));
        }
        if (a < 10) {
            return 3;
        }
        return clamp(3 - (int) Math.floor(Math.log10(a)));
    }

    /**
     * Enough decimals to show the width to one significant digit; up to one less than the value's (so
     * {@code 0.0123 [0.010, 0.015]} lines up with its value) but never more than two beyond what the
     * width needs (so a tiny value with a wide interval gets {@code [0.000, 0.265]}, not seven decimals).
     */
    private static int intervalDecimals(int valueDecimals, double width) {
        int forWidth = width > 0 ? -(int) Math.floor(Math.log10(width)) : valueDecimals;
        return clamp(Math.max(forWidth, Math.min(valueDecimals - 1, forWidth + 2)));
    }

    private static int clamp(int d) {
        return Math.max(0, Math.min(MAX_DECIMALS, d));
    }

    private static final double[] POWERS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

    /**
     * {@code v} with {@code decimals} decimals, rounded half-up on its shortest decimal form (what
     * {@link Double#toString} prints, so 1.005 → 1.01 as a reader expects, not the binary 1.00499…),
     * and never {@code -0.00}. Reports format thousands of numbers, so the usual case is done in long
     * arithmetic; values within a hair of a rounding tie, or too large for a long, take the exact
     * {@link BigDecimal} path.
     */
    public static String fixed(double v, int decimals) {
        if (decimals < 0 || decimals >= POWERS.length || !Double.isFinite(v)) {
            return Double.isFinite(v) ? exact(v, Math.max(0, decimals)) : UNDEFINED;
        }
        double scaled = Math.abs(v) * POWERS[decimals];
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        // near a tie the binary product may fall on either side of it: settle those exactly
        if (scaled >= 1e15 || Math.abs(fraction - 0.5) < Math.max(1e-6, 16 * Math.ulp(scaled))) {
            return exact(v, decimals);
        }
        long units = (long) floor + (fraction > 0.5 ? 1 : 0);
        if (units == 0) {
            return decimals == 0 ? "0" : "0." + "0".repeat(decimals);
        }
        String digits = Long.toString(units);
        StringBuilder sb = new StringBuilder(digits.length() + 3);
        if (v < 0) {
            sb.append('-');
        }
        if (decimals == 0) {
            return sb.append(digits).toString();
        }
        if (digits.length() <= decimals) {
            sb.append("0.").append("0".repeat(decimals - digits.length())).append(digits);
        } else {
            sb.append(digits, 0, digits.length() - decimals).append('.').append(digits, digits.length() - decimals, digits.length());
        }
        return sb.toString();
    }

    /** The reference implementation of {@link #fixed(double, int)}: exact decimal rounding. */
    static String exact(double v, int decimals) {
        BigDecimal rounded = new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            rounded = rounded.abs();
        }
        return rounded.toPlainString();
    }
}

package org.fairhunt.core.stats;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Critical values and two-sided p-values of the normal and Student t distributions, and the Šidák
 * adjustment that makes {@code m} two-sided intervals simultaneous. Šidák's inequality holds for
 * two-sided tests of jointly normal statistics under any correlation (Šidák 1967), which is what the
 * pairwise differences of one attribute set are; it is slightly sharper than Bonferroni.
 */
public final class Critical {
    private Critical() {
    }

    /**
     * The two-sided critical value for error rate {@code alpha}: {@code z_{1−α/2}}, or the t quantile with
     * {@code df} degrees of freedom when {@code df > 0}.
     */
    public static double value(double alpha, int df) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        // Upper-tail form keeps precision for tiny alpha (1 − α/2 would round to 1).
        return df > 0 ? -new TDistribution(df).inverseCumulativeProbability(alpha / 2)
                : -Proportions.normalQuantile(alpha / 2);
    }

    /** Two-sided p-value of a standardized statistic {@code stat} (normal, or t with {@code df > 0}). */
    public static double twoSidedP(double stat, int df) {
        double a = -Math.abs(stat);
        double tail = df > 0 ? new TDistribution(df).cumulativeProbability(a) : Proportions.normalCdf(a);
        return Math.min(1, 2 * tail);
    }

    /** The per-interval error rate that makes {@code m} intervals simultaneous at {@code alpha}: {@code 1 − (1 − α)^{1/m}}. */
    public static double sidakAlpha(double alpha, int m) {
        return m <= 1 ? alpha : -Math.expm1(Math.log1p(-alpha) / m);
    }

    /** The family-wise p-value of the smallest of {@code m} p-values: {@code 1 − (1 − p)^m}. */
    public static double sidakP(double minP, int m) {
        return m <= 1 ? minP : Math.min(1, -Math.expm1(m * Math.log1p(-minP)));
    }

    /**
     * The two-sided p-value that agrees with a family of intervals indexed by their critical value: the
     * error rate at which the interval's nearer end reaches {@code nullValue} (found by bisection on the
     * critical value, then read off the normal or t tail). 1 when even the point (critical value 0)
     * interval holds the null; 0 beyond a critical value of 38 (p below 1e-300).
     *
     * @param atCritical the interval for a given critical value ({@code null} where it has none)
     */
    public static double invert(java.util.function.DoubleFunction<Interval> atCritical, double nullValue, int df) {
        return pAtInverted(invertedCritical(atCritical, nullValue), df);
    }

    /**
     * The critical value {@link #invert} reads its p-value at: 0 when the point interval holds {@code nullValue},
     * {@code +∞} when even the interval at 38 does not, {@code NaN} when there is no interval, else the bisection's
     * result (within 1e-10 of the crossing, and above 0). For intervals that widen with the critical value, a
     * larger result means a smaller p-value at the same {@code df}.
     */
    public static double invertedCritical(java.util.function.DoubleFunction<Interval> atCritical, double nullValue) {
        Interval zero = atCritical.apply(0);
        if (zero == null) {
            return Double.NaN;
        }
        if (zero.contains(nullValue)) {
            return 0;
        }
        double lo = 0;
        double hi = 38;
        Interval far = atCritical.apply(hi);
        if (far == null || !far.contains(nullValue)) {
            return Double.POSITIVE_INFINITY;
        }
        for (int i = 0; i < 60 && hi - lo > 1e-10; i++) {
            double mid = (lo + hi) / 2;
            Interval ci = atCritical.apply(mid);
            if (ci != null && ci.contains(nullValue)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** {@link #invert}'s p-value for the critical value {@link #invertedCritical} found. */
    public static double pAtInverted(double critical, int df) {
        if (Double.isNaN(critical)) {
            return Double.NaN;
        }
        if (critical == 0) {
            return 1;
        }
        return critical == Double.POSITIVE_INFINITY ? 0 : twoSidedP(critical, df);
    }
}

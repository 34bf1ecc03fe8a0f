package org.fairhunt.discovery.slice;

import org.fairhunt.core.stats.Interval;
import org.fairhunt.core.stats.Proportions;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Intervals for a slice's error and its test against the rest of the data, from sufficient
 * statistics alone.
 *
 * <p>For 0/1 errors with one unit per row: the Wilson interval, and the exact binomial test of the
 * slice's error count against the overall error rate ({@link #binaryPValue}). Otherwise (a loss, or errors over units such as WER) the slice error is a ratio estimator
 * {@code R = Σe/Σu} with linearized variance ({@link SliceStats#rateVariance()}); the interval is
 * {@code R ± t·se} and the test is Welch's t-test with Welch–Satterthwaite degrees of freedom. The
 * p-value is one-sided: the alternative is that the slice's error is <em>higher</em> than the rest's,
 * which is the question slice finding asks.
 */
public final class SliceTests {
    private SliceTests() {
    }

    /** The two-sided interval of the slice's error at {@code level}; {@code null} when undefined or of zero width. */
    public static Interval interval(SliceStats s, boolean binary, double level) {
        if (binary) {
            return Proportions.wilson(s.errors(), s.rows(), level);
        }
        double v = s.rateVariance();
        if (!(v > 0)) {
            // No spread (every row's error alike) shows no uncertainty, which is not certainty: no interval.
            return null;
        }
        double t = new TDistribution(s.rows() - 1.0).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = t * Math.sqrt(v);
        return new Interval(Math.max(0, s.rate() - half), s.rate() + half, level, org.fairhunt.core.stats.IntervalMethod.RATIO_T);
    }

    /**
     * The exact one-sided binomial test of {@code errors} out of {@code rows} in a slice against the
     * overall rate {@code totalErrors/totalRows}: {@code P(X ≥ errors)} for {@code X ~ Bin(rows, p₀)}. Under the null the slice's count given the total is
     * hypergeometric, whose tail is lighter than this binomial's, so the test is conservative; unlike a
     * z-test it stays valid for small slices with skewed counts, which a lattice search tests by the
     * thousand.
     */
    public static double binaryPValue(double errors, double rows, double totalErrors, double totalRows) {
        if (rows < 1 || totalRows - rows < 1 || !(totalRows > 0)) {
            return Double.NaN;
        }
        double p0 = totalErrors / totalRows;
        if (errors <= 0) {
            return 1;
        }
        if (p0 <= 0) {
            return Double.NaN;
        }
        if (p0 >= 1) {
            return 1;
        }
        return BinomialTail.upper(Math.round(errors), Math.round(rows), p0);
    }

    /**
     * One-sided p-value for "the slice's error exceeds the rest's"; {@code NaN} when the comparison
     * cannot be made (an empty rest, fewer than two rows on a side, no units).
     */
    public static double pValueHigherThanRest(SliceStats slice, SliceStats rest, boolean binary) {
        if (slice.rows() < 1 || rest.rows() < 1 || !(slice.units() > 0) || !(rest.units() > 0)) {
            return Double.NaN;
        }
        double diff = slice.rate() - rest.rate();
        if (binary) {
            return binaryPValue(slice.errors(), slice.rows(), slice.errors() + rest.errors(), slice.rows() + rest.rows());
        }
        double v1 = slice.rateVariance();
        double v2 = rest.rateVariance();
        if (Double.isNaN(v1) || Double.isNaN(v2)) {
            return Double.NaN;
        }
        double se2 = v1 + v2;
        if (!(se2 > 0)) {
            return diff > 0 ? 0 : 1;
        }
        double df = se2 * se2 / (v1 * v1 / (slice.rows() - 1) + v2 * v2 / (rest.rows() - 1));
        double t = diff / Math.sqrt(se2);
        if (!(df < 1e4)) {
            return 1 - Proportions.normalCdf(t);
        }
        return 1 - new TDistribution(Math.max(1, df)).cumulativeProbability(t);
    }
}

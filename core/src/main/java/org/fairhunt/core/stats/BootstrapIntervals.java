package org.fairhunt.core.stats;

import java.util.Arrays;

/** Percentile intervals from bootstrap replicate values. */
public final class BootstrapIntervals {
    /**
     * A replicate estimate may be undefined (a slice with no positives in that resample); when more
     * than this share of replicates is undefined, the interval is not reported.
     */
    public static final double MAX_UNDEFINED_SHARE = 0.05;

    private BootstrapIntervals() {
    }

    /**
     * The percentile interval of the defined (non-NaN) {@code replicates} at {@code level}, using
     * quantiles of type 7 (linear interpolation, as R's default). {@code null} when fewer than two
     * replicates are defined, more than {@link #MAX_UNDEFINED_SHARE} are undefined, or the interval would
     * have no width (every replicate the same: resampling shows nothing, which is not certainty); {@link
     * #noIntervalReason} says which.
     */
    public static Interval percentile(double[] replicates, double level) {
        double[] defined = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (defined.length < 2 || defined.length < (1 - MAX_UNDEFINED_SHARE) * replicates.length) {
            return null;
        }
        double alpha = 1 - level;
        double lo = quantile(defined, alpha / 2);
        double hi = quantile(defined, 1 - alpha / 2);
        return hi > lo ? new Interval(lo, hi, level, IntervalMethod.BOOTSTRAP_PERCENTILE) : null;
    }

    /** Why {@link #percentile} gives no interval for these replicates. */
    public static String noIntervalReason(double[] replicates) {
        return definedShareOk(replicates) ? SAME_IN_EVERY_REPLICATE
                : "the metric is undefined in too many bootstrap replicates (slice too small or one-sided)";
    }

    /** Why there is no interval although the replicates are defined: they all agree. */
    public static final String SAME_IN_EVERY_REPLICATE = "every bootstrap replicate gives the same value (a slice too small "
            + "or a value at its bound, such as 0 or 100%), so resampling cannot show its uncertainty; no interval rather "
            + "than one of zero width";

    /** Quantile of type 7 of sorted {@code values}. */
    public static double quantile(double[] sorted, double p) {
        return quantile(sorted.length, p, i -> sorted[(int) i]);
    }

    /**
     * {@link #quantile(double[], double)} of {@code n} sorted values given by their 0-based rank: it reads only
     * the ranks {@link #quantileRanks} names, so data too large for one array (Spark's) can fetch just those.
     */
    public static double quantile(long n, double p, java.util.function.LongToDoubleFunction sortedAt) {
        long[] r = quantileRanks(n, p);
        double h = (n - 1) * p;
        double lo = sortedAt.applyAsDouble(r[0]);
        return lo + (h - r[0]) * (sortedAt.applyAsDouble(r[1]) - lo);
    }

    /** The two ranks (0-based, equal at the end) between which the type-7 quantile at {@code p} of {@code n} values lies. */
    public static long[] quantileRanks(long n, double p) {
        double h = (n - 1) * p;
        long lo = (long) Math.floor(h);
        return new long[] {lo, Math.min(n - 1, lo + 1)};
    }

    /**
     * The sample variance (divisor {@code B − 1}) of the defined {@code replicates}, the bootstrap
     * estimate of an estimator's variance; {@code NaN} under the same rule as {@link #percentile}.
     */
    public static double variance(double[] replicates) {
        double[] defined = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).toArray();
        if (defined.length < 2 || defined.length < (1 - MAX_UNDEFINED_SHARE) * replicates.length) {
            return Double.NaN;
        }
        double mean = Arrays.stream(defined).average().orElse(0);
        double ss = 0;
        for (double v : defined) {
            ss += (v - mean) * (v - mean);
        }
        return ss / (defined.length - 1);
    }

    /** Why a quantity that cannot be negative gets no interval although its replicates are defined. */
    public static final String NO_UPPER_BOUND_REASON = "the bootstrap replicates put the value at 0 or below nearly always, "
            + "so no honest upper bound above 0 comes out; the value is indistinguishable from 0";

    /** Whether enough replicates are defined for an interval (the rule of {@link #percentile}). */
    public static boolean definedShareOk(double[] replicates) {
        long defined = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).count();
        return defined >= 2 && defined >= (1 - MAX_UNDEFINED_SHARE) * replicates.length;
    }

    /**
     * The percentile interval of an estimator whose target cannot be negative, clipped at 0:
     * {@code [max(0, q_{α/2}), q_{1−α/2}]}; it reaches 0 whenever the data cannot tell the target from 0 (the
     * replicates of a debiased estimator straddle 0). {@code null} when the upper end is not above 0 (no honest
     * width) or under the rule of {@link #percentile}.
     */
    public static Interval nonNegative(double[] replicates, double level) {
        Interval p = percentile(replicates, level);
        if (p == null || !(p.hi() > 0)) {
            return null;
        }
        return new Interval(Math.max(0, p.lo()), p.hi(), level, IntervalMethod.BOOTSTRAP_PERCENTILE_CLIPPED_AT_0);
    }

    /**
     * A one-sided upper confidence bound for a plug-in distance whose estimate is biased upward and whose
     * target may be exactly 0, so that no two-sided interval is honest (at 0 every replicate lies above the
     * truth): {@code [0, q_level]} of the replicates. {@code null} when that quantile is not above 0 or under
     * the rule of {@link #percentile}.
     */
    public static Interval upperBound(double[] replicates, double level) {
        double[] defined = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (!definedShareOk(replicates)) {
            return null;
        }
        double hi = quantile(defined, level);
        return hi > 0 ? new Interval(0, hi, level, IntervalMethod.BOOTSTRAP_ONE_SIDED_UPPER) : null;
    }
}

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
     * replicates are defined or more than {@link #MAX_UNDEFINED_SHARE} are undefined.
     */
    public static Interval percentile(double[] replicates, double level) {
        double[] defined = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (defined.length < 2 || defined.length < (1 - MAX_UNDEFINED_SHARE) * replicates.length) {
            return null;
        }
        double alpha = 1 - level;
        return new Interval(quantile(defined, alpha / 2), quantile(defined, 1 - alpha / 2), level, "bootstrap_percentile");
    }

    /** Quantile of type 7 of sorted {@code values}. */
    public static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
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
}

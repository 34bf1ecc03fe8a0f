package org.fairhunt.core.stats;

/**
 * p-values read off the same bootstrap replicates that give the intervals, so that an interval and its
 * p-value never disagree about the data they come from.
 */
public final class BootstrapTests {
    private BootstrapTests() {
    }

    /**
     * Two-sided p-value for "the statistic equals {@code nullValue}" by inverting the percentile
     * interval: {@code p = 2 (min(#below, #above) + 1) / (B + 1)}, capped at 1, where replicates equal to
     * the null count half on each side and {@code B} counts the defined (non-NaN) replicates. Then
     * {@code p < α} exactly when the null value lies outside the {@code 1 − α} percentile interval (up
     * to the +1 that keeps a finite bootstrap from reporting {@code p = 0}). {@code NaN} when fewer than
     * two replicates are defined.
     */
    public static double percentilePValue(double[] replicates, double nullValue) {
        double below = 0;
        int defined = 0;
        for (double v : replicates) {
            if (Double.isNaN(v)) {
                continue;
            }
            defined++;
            if (v < nullValue) {
                below += 1;
            } else if (v == nullValue) {
                below += 0.5;
            }
        }
        if (defined < 2) {
            return Double.NaN;
        }
        double above = defined - below;
        return Math.min(1, 2 * (Math.min(below, above) + 1) / (defined + 1));
    }

    /**
     * One-sided p-value {@code (1 + #{T* ≥ observed}) / (B + 1)} for a statistic whose bootstrap
     * replicates were centred so that they follow its distribution under the null (Hall and Wilson 1991:
     * resample, then subtract the estimate). Used for the max–min gap, which is never below 0, so that a
     * percentile interval cannot test it. {@code NaN} when fewer than two centred replicates are defined.
     */
    public static double centredPValue(double[] centredReplicates, double observed) {
        int defined = 0;
        int extreme = 0;
        for (double v : centredReplicates) {
            if (Double.isNaN(v)) {
                continue;
            }
            defined++;
            if (v >= observed) {
                extreme++;
            }
        }
        if (defined < 2) {
            return Double.NaN;
        }
        return (1.0 + extreme) / (defined + 1);
    }
}

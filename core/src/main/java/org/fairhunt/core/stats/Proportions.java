package org.fairhunt.core.stats;

import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;

/** Closed-form confidence intervals for a binomial proportion. */
public final class Proportions {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private Proportions() {
    }

    /** The standard normal quantile {@code z} with {@code P(Z <= z) = p}. */
    public static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /** The standard normal distribution function. */
    public static double normalCdf(double z) {
        return STANDARD_NORMAL.cumulativeProbability(z);
    }

    /**
     * Wilson's score interval (Wilson 1927) for {@code successes} out of {@code trials} at {@code level}:
     * {@code (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)}. Good coverage even for small n and p
     * near 0 or 1, unlike the Wald interval. Returns {@code null} when {@code trials} is 0.
     */
    public static Interval wilson(double successes, double trials, double level) {
        if (trials <= 0) {
            return null;
        }
        double z = normalQuantile(1 - (1 - level) / 2);
        double p = successes / trials;
        double z2 = z * z;
        double denominator = 1 + z2 / trials;
        double centre = (p + z2 / (2 * trials)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half), level, IntervalMethod.WILSON);
    }

    /**
     * The Clopper–Pearson ("exact") interval from beta quantiles; conservative. {@code successes} and
     * {@code trials} are rounded to whole numbers. Returns {@code null} when {@code trials} is 0.
     */
    public static Interval clopperPearson(double successes, double trials, double level) {
        long n = Math.round(trials);
        long x = Math.round(successes);
        if (n <= 0) {
            return null;
        }
        double alpha = 1 - level;
        double lo = x == 0 ? 0 : new BetaDistribution(x, n - x + 1).inverseCumulativeProbability(alpha / 2);
        double hi = x == n ? 1 : new BetaDistribution(x + 1, n - x).inverseCumulativeProbability(1 - alpha / 2);
        return new Interval(lo, hi, level, IntervalMethod.CLOPPER_PEARSON);
    }
}

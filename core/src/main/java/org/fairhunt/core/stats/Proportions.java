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
        return wilson(successes / trials, trials, normalQuantile(1 - (1 - level) / 2), level, IntervalMethod.WILSON);
    }

    /**
     * Wilson's score interval for an estimate {@code p} from {@code trials} (possibly an effective, not
     * whole, number) with critical value {@code z} (a normal or t quantile). {@code null} when
     * {@code trials} is not positive.
     */
    public static Interval wilson(double p, double trials, double z, double level, IntervalMethod method) {
        if (!(trials > 0)) {
            return null;
        }
        double z2 = z * z;
        double denominator = 1 + z2 / trials;
        double centre = (p + z2 / (2 * trials)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half), level, method);
    }

    /**
     * The effective sample size of a proportion estimated from clustered rows (Kish's design effect, as in
     * Korn and Graubard 1998): {@code n / deff}, {@code deff = v / (p(1−p)/n)} from a variance {@code v}
     * that honours the clusters (the cluster bootstrap's, scaled by {@code G/(G−1)} for the usual
     * small-sample correction of a variance from {@code G} clusters). {@code deff} is floored at 1, so
     * clustering never narrows the interval. At {@code p} = 0 or 1 the variance says nothing, and the
     * worst case applies: every cluster counts once ({@code n_eff = G}).
     *
     * @param p        the estimate
     * @param n        rows (or trials) behind it
     * @param variance its cluster-robust variance
     * @param clusters the number of clusters {@code G} (at least 2)
     */
    public static double effectiveSize(double p, double n, double variance, int clusters) {
        return effectiveSize(p, n, variance, clusters, 0);
    }

    /**
     * As {@link #effectiveSize(double, double, double, int)}, with the design effect at least
     * {@code 1 + (n/G − 1) icc} for an intra-cluster correlation {@code icc} estimated on more clusters
     * (the whole audit's): with few clusters the slice's own variance is noisy and, for rare outcomes,
     * smallest exactly when the estimate is (few of the rare high clusters were drawn), which would make the
     * interval short where it should be long.
     */
    public static double effectiveSize(double p, double n, double variance, int clusters, double icc) {
        double binomial = p * (1 - p) / n;
        if (!(binomial > 0)) {
            return Math.min(n, clusters);
        }
        double deff = Math.max(1, variance * clusters / (clusters - 1.0) / binomial);
        deff = Math.max(deff, 1 + Math.max(0, n / clusters - 1) * icc);
        return n / deff;
    }

    /**
     * The intra-cluster correlation implied by a design effect, {@code (deff − 1)/(n/G − 1)} (Kish), at least
     * 0; 0 when clusters hold one row on average or the estimate is 0 or 1.
     */
    public static double intraclassCorrelation(double p, double n, double variance, int clusters) {
        double binomial = p * (1 - p) / n;
        double size = n / clusters;
        if (!(binomial > 0) || !(size > 1) || clusters < 2 || Double.isNaN(variance)) {
            return 0;
        }
        double deff = variance * clusters / (clusters - 1.0) / binomial;
        return Math.max(0, (deff - 1) / (size - 1));
    }

    /**
     * The cluster-robust interval of a proportion: Wilson's score interval at the effective sample size
     * ({@link #effectiveSize}) with the t quantile on {@code G − 1} degrees of freedom in place of z (Korn
     * and Graubard 1998). It keeps its coverage with 15 clusters and rare outcomes, where percentile
     * intervals of the cluster bootstrap fall short.
     *
     * @param icc the audit-wide intra-cluster correlation of the metric (a floor on the design effect)
     */
    public static Interval clusteredWilson(double p, double n, double variance, int clusters, double icc, double level) {
        if (clusters < 2 || !(n > 0)) {
            return null;
        }
        double t = Critical.value(1 - level, clusters - 1);
        return wilson(p, effectiveSize(p, n, variance, clusters, icc), t, level, IntervalMethod.WILSON_DESIGN_EFFECT);
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

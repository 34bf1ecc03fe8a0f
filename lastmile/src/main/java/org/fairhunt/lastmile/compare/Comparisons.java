package org.fairhunt.lastmile.compare;

import org.fairhunt.core.stats.Proportions;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * The statistics of a last-mile test, on bootstrap replicates. The card's and the customer's samples are
 * independent (different speakers, different rows), so the variance of a difference between them is
 * the sum of the two variances; within one sample, a difference of two slices is taken replicate by
 * replicate, so speakers that the slices share (a speaker in two conditions) carry their correlation
 * into the variance — this is what makes the condition × group interaction speaker-clustered.
 */
public final class Comparisons {
    private Comparisons() {
    }

    /** An estimate with its standard error, normal interval and two-sided p-value against 0. */
    public record Estimate(double value, double se, double lo, double hi, double p) {
        /** Whether the estimate and its standard error are finite. */
        public boolean defined() {
            return Double.isFinite(value) && Double.isFinite(se);
        }
    }

    /**
     * Sample standard deviation (n − 1) of the defined (non-NaN) values; NaN with fewer than two or when
     * more than 5 % are undefined (the slice is then too thin for its replicates to mean anything).
     */
    public static double sd(double[] values) {
        int n = 0;
        double mean = 0;
        double m2 = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            n++;
            double d = v - mean;
            mean += d / n;
            m2 += d * (v - mean);
        }
        if (n < 2 || n < 0.95 * values.length) {
            return Double.NaN;
        }
        return Math.sqrt(m2 / (n - 1));
    }

    /** {@code a[r] − b[r]} replicate by replicate (same sample, same cluster weights), over the shorter length. */
    public static double[] minus(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        double[] out = new double[n];
        for (int r = 0; r < n; r++) {
            out[r] = a[r] - b[r];
        }
        return out;
    }

    /** The normal interval {@code value ± z·se} and the p-value of {@code value = 0}. */
    public static Estimate normal(double value, double se, double level) {
        if (!Double.isFinite(value) || !Double.isFinite(se)) {
            return new Estimate(value, se, Double.NaN, Double.NaN, Double.NaN);
        }
        double z = Proportions.normalQuantile(1 - (1 - level) / 2);
        double p = se > 0 ? 2 * (1 - Proportions.normalCdf(Math.abs(value) / se)) : (value == 0 ? 1 : 0);
        return new Estimate(value, se, value - z * se, value + z * se, Math.min(1, p));
    }

    /**
     * A difference between two independent samples: {@code customer − card}, standard error
     * {@code √(sd(customer*)² + sd(card*)²)}.
     */
    public static Estimate independent(double customer, double[] customerReps, double card, double[] cardReps, double level) {
        double a = sd(customerReps);
        double b = sd(cardReps);
        return normal(customer - card, Math.sqrt(a * a + b * b), level);
    }

    /**
     * Cochran's Q test that {@code k} independent estimates share one value: {@code Q = Σ w(y − ȳ_w)²},
     * {@code w = 1/se²}, compared with χ²(k − 1); also Higgins' I² = max(0, (Q − df)/Q).
     *
     * @return {Q, df, p, I²}; p NaN with fewer than two estimates with a positive standard error
     */
    public static double[] cochranQ(double[] y, double[] se) {
        double sw = 0;
        double swy = 0;
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && se[i] > 0 && Double.isFinite(se[i])) {
                double w = 1 / (se[i] * se[i]);
                sw += w;
                swy += w * y[i];
                k++;
            }
        }
        if (k < 2) {
            return new double[] {Double.NaN, k - 1, Double.NaN, Double.NaN};
        }
        double mean = swy / sw;
        double q = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i]) && se[i] > 0 && Double.isFinite(se[i])) {
                q += (y[i] - mean) * (y[i] - mean) / (se[i] * se[i]);
            }
        }
        int df = k - 1;
        double p = 1 - new ChiSquaredDistribution(df).cumulativeProbability(q);
        double i2 = q > 0 ? Math.max(0, (q - df) / q) : 0;
        return new double[] {q, df, p, i2};
    }

    /**
     * The factor by which the customer's sample must grow for a test at {@code level} to reach the
     * bound at 80 % power: the total standard error must fall to {@code |bound − d| / (z₁₋α/₂ + z₀.₈)};
     * the card's share of the variance is fixed, the customer's shrinks as 1/n. {@code +∞} when the
     * card's own uncertainty is already too large (no customer sample settles it) or {@code d} sits on the bound.
     */
    public static double growthFactor(double d, double bound, double seCustomer, double seCard, double level, double power) {
        double za = Proportions.normalQuantile(1 - (1 - level) / 2);
        double zb = Proportions.normalQuantile(power);
        double target = Math.abs(bound - d) / (za + zb);
        double customerVariance = target * target - seCard * seCard;
        if (!(customerVariance > 0) || !(seCustomer > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(1, seCustomer * seCustomer / customerVariance);
    }
}

package org.fairhunt.core.stats;

/**
 * Power and sample size of the two-sided two-proportion z-test (normal approximation, pooled
 * variance under the null, unpooled under the alternative, no continuity correction; Fleiss, Levin
 * and Paik, <i>Statistical Methods for Rates and Proportions</i>, 3rd ed., 2003, §4.2). With equal
 * groups this is what R's {@code power.prop.test} computes.
 */
public final class TwoProportionPower {
    private TwoProportionPower() {
    }

    /**
     * The power to detect {@code p1 ≠ p2} with {@code n1} and {@code n2} observations at two-sided
     * level {@code alpha}: {@code Φ((|p1 − p2| − z_{1−α/2}·√(p̄q̄(1/n1 + 1/n2))) / √(p1q1/n1 + p2q2/n2))},
     * {@code p̄ = (n1·p1 + n2·p2)/(n1 + n2)}; the far tail is ignored, as is usual.
     */
    public static double power(double p1, double p2, double n1, double n2, double alpha) {
        checkProportions(p1, p2);
        double pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
        double z = Proportions.normalQuantile(1 - alpha / 2);
        double null0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        double alt = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        return Proportions.normalCdf((Math.abs(p1 - p2) - z * null0) / alt);
    }

    /**
     * The size of the first group when the second is {@code ratio} times as large, for the given
     * power (Fleiss, Tytun and Ury 1980, without continuity correction):
     * {@code n1 = [z_{1−α/2}·√(p̄q̄(1 + 1/r)) + z_{power}·√(p1q1 + p2q2/r)]² / (p1 − p2)²},
     * {@code p̄ = (p1 + r·p2)/(1 + r)}. With {@code r = 1}: the classic equal-groups formula.
     */
    public static double sampleSizeWithRatio(double p1, double p2, double ratio, double alpha, double power) {
        checkProportions(p1, p2);
        if (!(ratio > 0)) {
            throw new IllegalArgumentException("ratio must be positive, got " + ratio);
        }
        double pooled = (p1 + ratio * p2) / (1 + ratio);
        double za = Proportions.normalQuantile(1 - alpha / 2);
        double zb = Proportions.normalQuantile(power);
        double root = za * Math.sqrt(pooled * (1 - pooled) * (1 + 1 / ratio)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / ratio);
        double d = p1 - p2;
        return root * root / (d * d);
    }

    /**
     * The smallest (real) size of the first group that reaches {@code power} against a second group of
     * fixed size {@code n2}, by bisection on {@link #power}; {@code +∞} when even an infinite first
     * group would not reach it (the second group is too small).
     */
    public static double sampleSizeAgainstFixedGroup(double p1, double p2, double n2, double alpha, double power) {
        checkProportions(p1, p2);
        double hi = 1;
        while (power(p1, p2, hi, n2, alpha) < power) {
            hi *= 2;
            if (hi > 1e13) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double lo = hi / 2 < 1 ? 0 : hi / 2;
        for (int i = 0; i < 200 && hi - lo > 1e-9 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (mid > 0 && power(p1, p2, mid, n2, alpha) >= power) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static void checkProportions(double p1, double p2) {
        if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) || p1 == p2) {
            throw new IllegalArgumentException("need two different proportions in [0, 1], got " + p1 + " and " + p2);
        }
    }
}

package org.fairhunt.core.stats;

/**
 * Closed-form comparisons of independent binomial proportions, for audits run without the bootstrap.
 * Each method returns {@code null} where its formula is undefined (an empty group, a zero count for a
 * ratio); callers report the reason.
 */
public final class TwoProportions {
    private TwoProportions() {
    }

    /**
     * Newcombe's hybrid score interval for {@code p1 − p2} (Newcombe 1998, method 10): it combines the
     * two Wilson intervals, {@code d − √((p1−l1)² + (u2−p2)²)} to {@code d + √((u1−p1)² + (p2−l2)²)}.
     * Unlike the Wald interval it stays inside [−1, 1] and keeps its coverage for small groups.
     */
    public static Interval newcombeDifference(double x1, double n1, double x2, double n2, double level) {
        Interval w1 = Proportions.wilson(x1, n1, level);
        Interval w2 = Proportions.wilson(x2, n2, level);
        if (w1 == null || w2 == null) {
            return null;
        }
        return mover(x1 / n1, w1, x2 / n2, w2, IntervalMethod.NEWCOMBE);
    }

    /**
     * The difference {@code p1 − p2} from one interval for each side (the method of variance estimates
     * recovery, Zou and Donner 2008, of which Newcombe's hybrid score interval is the case with Wilson
     * intervals): {@code d − √((p1−l1)² + (u2−p2)²)} to {@code d + √((u1−p1)² + (p2−l2)²)}, within [−1, 1].
     * The sides are taken as independent (slices of one attribute set share no rows).
     */
    public static Interval mover(double p1, Interval w1, double p2, Interval w2, IntervalMethod method) {
        double d = p1 - p2;
        double lo = d - Math.sqrt(sq(p1 - w1.lo()) + sq(w2.hi() - p2));
        double hi = d + Math.sqrt(sq(w1.hi() - p1) + sq(p2 - w2.lo()));
        return new Interval(Math.max(-1, lo), Math.min(1, hi), w1.level(), method);
    }

    /**
     * The Katz log interval for the ratio {@code p1 / p2}: {@code exp(log R ± z √(1/x1 − 1/n1 + 1/x2 − 1/n2))}.
     * {@code null} when either count of successes is 0 (the log ratio is then unbounded).
     */
    public static Interval katzRatio(double x1, double n1, double x2, double n2, double level) {
        if (!(x1 > 0 && x2 > 0 && n1 > 0 && n2 > 0)) {
            return null;
        }
        double z = Proportions.normalQuantile(1 - (1 - level) / 2);
        double logRatio = Math.log((x1 / n1) / (x2 / n2));
        double se = Math.sqrt(Math.max(0, 1 / x1 - 1 / n1 + 1 / x2 - 1 / n2));
        return new Interval(Math.exp(logRatio - z * se), Math.exp(logRatio + z * se), level, IntervalMethod.KATZ_LOG);
    }

    /**
     * Two-sided p-value of the pooled two-proportion z-test of {@code p1 = p2}. When the pooled
     * proportion is 0 or 1 both groups agree exactly and the p-value is 1. {@code NaN} for an empty group.
     */
    public static double zTestPValue(double x1, double n1, double x2, double n2) {
        if (!(n1 > 0 && n2 > 0)) {
            return Double.NaN;
        }
        double pooled = (x1 + x2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
        if (!(variance > 0)) {
            return 1;
        }
        double z = Math.abs(x1 / n1 - x2 / n2) / Math.sqrt(variance);
        return Math.min(1, 2 * (1 - Proportions.normalCdf(z)));
    }

    private static double sq(double v) {
        return v * v;
    }
}

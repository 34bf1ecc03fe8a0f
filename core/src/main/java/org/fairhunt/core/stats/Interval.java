package org.fairhunt.core.stats;

/**
 * A two-sided confidence interval.
 *
 * @param lo     lower end
 * @param hi     upper end
 * @param level  nominal coverage, e.g. 0.95
 * @param method how it was computed
 */
public record Interval(double lo, double hi, double level, IntervalMethod method) {

    public Interval {
        java.util.Objects.requireNonNull(method, "method");
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("interval ends must be finite: [" + lo + ", " + hi + "]");
        }
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("interval ends out of order: [" + lo + ", " + hi + "]");
        }
    }

    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }

    public double width() {
        return hi - lo;
    }
}

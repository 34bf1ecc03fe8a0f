package org.fairhunt.core.metric;

/**
 * A metric's value, or the reason it is undefined ({@code value} {@code NaN}, {@code reason} set).
 * Undefined is never reported as 0. Defined means finite: a computation that yields NaN or ±∞ (an
 * overflow, a division the caller did not guard) becomes undefined with a reason, so no infinite value
 * ever reaches a result, a disparity or a policy.
 */
public record MetricValue(double value, String reason) {

    public MetricValue {
        if (reason == null && !Double.isFinite(value)) {
            reason = Double.isNaN(value) ? "the computation is undefined (0/0)" : "the value is not finite (it overflows)";
            value = Double.NaN;
        }
    }

    /** {@code value}, or undefined with a generic reason when it is not finite. */
    public static MetricValue of(double value) {
        return new MetricValue(value, null);
    }

    public static MetricValue undefined(String reason) {
        return new MetricValue(Double.NaN, reason);
    }

    /** Whether the value is a finite number (then {@code reason} is {@code null}). */
    public boolean defined() {
        return reason == null;
    }

    /** {@code numerator / denominator}, undefined with {@code reason} when the denominator is 0. */
    public static MetricValue ratio(double numerator, double denominator, String reason) {
        return denominator > 0 ? of(numerator / denominator) : undefined(reason);
    }
}

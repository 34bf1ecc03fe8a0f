package org.fairhunt.core.metric;

/**
 * A metric's value, or the reason it is undefined ({@code value} {@code NaN}, {@code reason} set).
 * Undefined is never reported as 0.
 */
public record MetricValue(double value, String reason) {

    public static MetricValue of(double value) {
        return new MetricValue(value, null);
    }

    public static MetricValue undefined(String reason) {
        return new MetricValue(Double.NaN, reason);
    }

    public boolean defined() {
        return reason == null && !Double.isNaN(value);
    }

    /** {@code numerator / denominator}, undefined with {@code reason} when the denominator is 0. */
    public static MetricValue ratio(double numerator, double denominator, String reason) {
        return denominator > 0 ? of(numerator / denominator) : undefined(reason);
    }
}

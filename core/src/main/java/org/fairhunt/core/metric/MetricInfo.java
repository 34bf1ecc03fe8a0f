package org.fairhunt.core.metric;

/** What reports need to know of a metric: its name, a one-line description, and its direction. */
public interface MetricInfo {

    /** The fixed name reports, policies and other tools refer to ({@code error_rate}, {@code wer}). */
    String metricName();

    /** One line saying what the metric is, for reports. */
    String description();

    /** Whether a higher value is better (accuracy) rather than worse (error rate); {@code null} if neither. */
    default Boolean higherIsBetter() {
        return null;
    }

    /**
     * Whether an interval means something for this metric. Not for a count of the sample's own rows:
     * the sample size is fixed, and a bootstrap interval on it would only show the resampling noise.
     */
    default boolean hasInterval() {
        return true;
    }
}

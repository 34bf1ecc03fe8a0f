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
     * Whether the metric is a size (a count of the sample's own rows), not a rate: it gets no interval (the
     * sample size is fixed, and a bootstrap interval on it would only show the resampling noise), and
     * comparing it between slices says nothing about fairness, so it gets no disparities, no policy bound but
     * {@code value}, no chart and no gap.
     */
    default boolean isSize() {
        return false;
    }

    /**
     * For a target that cannot be negative and is estimated with upward bias (ECE), the metric whose replicates'
     * lower percentile, clipped at 0, is a valid lower end (an unbiased estimator of a smaller quantity), or
     * {@code null} for the usual interval. Such an interval reaches 0 when the data cannot tell the target from 0.
     */
    default String lowerBoundSeries() {
        return null;
    }

    /** With {@link #lowerBoundSeries}, the metric whose replicates' upper percentile is the upper end. */
    default String upperBoundSeries() {
        return null;
    }

    /**
     * Whether the true value cannot be negative (a distance, a calibration error): its interval is clipped at
     * 0, and reaches 0 when the data cannot tell the value from 0.
     */
    default boolean nonNegative() {
        return false;
    }

    /** Whether an interval means something for this metric: not for a size. */
    default boolean hasInterval() {
        return !isSize();
    }
}

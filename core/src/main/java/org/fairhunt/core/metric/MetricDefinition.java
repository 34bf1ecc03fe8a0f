package org.fairhunt.core.metric;

/** A named metric computed from the slot sums of one {@link Statistic}. */
public interface MetricDefinition extends MetricInfo {

    /**
     * Evaluates the metric from the statistic's sums of one slice and replicate:
     * {@code sums[offset] … sums[offset + width - 1]}.
     */
    MetricValue evaluate(double[] sums, int offset);

    /**
     * For a metric that is a proportion of counted events, its numerator and denominator, so that
     * closed-form intervals (Wilson, Clopper–Pearson) apply; {@code null} for any other metric.
     */
    default double[] proportion(double[] sums, int offset) {
        return null;
    }

    /**
     * For a metric whose target is 0 exactly when a model is perfect in some sense (ECE: calibrated), the
     * p-value of a closed-form test of that null on unweighted, unclustered rows; {@code NaN} when there is
     * none. An interval that reaches 0 uses it: 0 stays inside unless the test rejects.
     */
    default double zeroPValue(double[] sums, int offset) {
        return Double.NaN;
    }
}

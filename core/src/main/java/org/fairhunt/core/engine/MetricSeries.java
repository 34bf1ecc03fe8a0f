package org.fairhunt.core.engine;

import org.fairhunt.core.metric.MetricInfo;
import org.fairhunt.core.metric.MetricValue;

/** One metric's values for every slice and replicate of an {@link AuditRun}. */
public interface MetricSeries {

    MetricInfo info();

    /** The value for {@code slice} in {@code replicate} (0 = the data as given). */
    MetricValue value(int slice, int replicate);

    /** Numerator and denominator when the metric is a proportion of counts, else {@code null}. */
    default double[] proportion(int slice, int replicate) {
        return null;
    }

    /** The closed-form p-value of "the target is 0" for {@code slice} (data as given), or {@code NaN}. */
    default double zeroPValue(int slice) {
        return Double.NaN;
    }
}

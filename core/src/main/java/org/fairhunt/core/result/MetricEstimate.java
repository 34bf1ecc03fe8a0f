package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.fairhunt.core.stats.Interval;

/**
 * One metric of one slice.
 *
 * @param value     the estimate, or {@code null} when undefined
 * @param reason    why it is undefined ({@code null} when defined)
 * @param ci        the reported confidence interval, or {@code null}
 * @param ciReason  why there is no interval, when there is none although one was asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricEstimate(@JsonInclude(JsonInclude.Include.ALWAYS) Double value, String reason, Interval ci,
        @JsonProperty("ci_reason") String ciReason) {

    /** Why a slice with fewer than two bootstrap clusters has no bootstrap interval. */
    public static final String SINGLE_CLUSTER_REASON =
            "the slice holds fewer than 2 bootstrap clusters, so resampling cannot show its variability";

    public MetricEstimate {
        if (value != null && !Double.isFinite(value)) {
            // JSON has no infinity: an estimate is a finite number or null with a reason, nothing else.
            reason = reason != null ? reason : "the value is not finite";
            value = null;
        }
    }

    public static MetricEstimate undefined(String reason) {
        return new MetricEstimate(null, reason, null, null);
    }

    /** Whether there is a value (always finite). */
    public boolean defined() {
        return value != null;
    }
}

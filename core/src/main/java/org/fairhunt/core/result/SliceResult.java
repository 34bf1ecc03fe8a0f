package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One slice: the attributes fixed (empty for the overall population), its size, whether it is below
 * the minimum reportable size, and its metrics by name in catalogue order.
 */
public record SliceResult(Map<String, String> attributes, long n, @JsonProperty("too_small") boolean tooSmall,
        Map<String, MetricEstimate> metrics) {

    public SliceResult {
        attributes = ResultMaps.copy(attributes);
        metrics = ResultMaps.copy(metrics);
    }

    /** Number of attributes fixed. */
    public int depth() {
        return attributes.size();
    }

    /** {@code sex=female & age_band=<25}, or {@code (all)}. */
    public String label() {
        if (attributes.isEmpty()) {
            return "(all)";
        }
        StringBuilder sb = new StringBuilder();
        attributes.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " & ").append(k).append('=').append(v));
        return sb.toString();
    }

    public MetricEstimate metric(String name) {
        return metrics.get(name);
    }
}

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
        return label(attributes);
    }

    /**
     * The label of a slice given by its attributes in order: {@code sex=female & age_band=<25}, or {@code (all)} for none
     * (or null). The one spelling of a slice that every report, message and listing uses.
     */
    public static String label(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return "(all)";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (sb.length() > 0) {
                sb.append(" & ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    public MetricEstimate metric(String name) {
        return metrics.get(name);
    }
}

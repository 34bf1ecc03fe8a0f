package org.fairhunt.core.engine;

import java.util.List;
import java.util.Map;
import org.fairhunt.core.result.ResultMaps;
import org.fairhunt.core.result.SliceResult;

/**
 * Identifies a slice: the attributes fixed and their values, in attribute order. The overall population
 * is the slice with no attributes. A missing value shows as {@code "(missing)"}.
 */
public record SliceKey(List<String> attributes, List<String> values) {

    public SliceKey {
        attributes = List.copyOf(attributes);
        values = List.copyOf(values);
        if (attributes.size() != values.size()) {
            throw new IllegalArgumentException("attributes and values differ in length: " + attributes + " vs " + values);
        }
    }

    public static final SliceKey OVERALL = new SliceKey(List.of(), List.of());

    /** Number of attributes fixed: 0 for the overall population. */
    public int depth() {
        return attributes.size();
    }

    public boolean isOverall() {
        return attributes.isEmpty();
    }

    /** Attribute → value, in attribute order (read-only; a result's slice or comparison holds it without a copy). */
    public Map<String, String> asMap() {
        return ResultMaps.of(attributes, values);
    }

    /** {@code sex=female & age_band=<25}, or {@code (all)}. */
    public String label() {
        return SliceResult.label(asMap());
    }

    @Override
    public String toString() {
        return label();
    }
}

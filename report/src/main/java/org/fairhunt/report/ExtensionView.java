package org.fairhunt.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.result.MetricEstimate;

/**
 * Extension sections of a result ({@code clarify}, {@code speech}, …) cut into parts every renderer can
 * lay out without knowing the section: a grid of estimates (row → column → {@code {value, ci, reason}},
 * e.g. Clarify's facet → code), lists of plain key/value pairs, and, for anything else, the JSON
 * itself, so nothing a tool adds is ever dropped from a report.
 */
public final class ExtensionView {
    private static final Set<String> ESTIMATE_FIELDS = Set.of("value", "reason", "ci", "ci_reason");

    private ExtensionView() {
    }

    /** A part of a section; {@code title} is {@code null} for the section's own top level. */
    public sealed interface Part permits KeyValues, EstimateGrid, Json {
        String title();
    }

    /** Plain values by key, in order, as display text. */
    public record KeyValues(String title, List<Map.Entry<String, String>> rows) implements Part {
    }

    /** Estimates by row and column (a missing combination is {@code null}). */
    public record EstimateGrid(String title, List<String> rows, List<String> columns,
            Map<String, Map<String, MetricEstimate>> cells) implements Part {
        public MetricEstimate cell(String row, String column) {
            Map<String, MetricEstimate> r = cells.get(row);
            return r == null ? null : r.get(column);
        }
    }

    /** A part shown as indented JSON. */
    public record Json(String title, String json) implements Part {
    }

    /** The parts of one section, in its order. */
    public static List<Part> parts(JsonNode section) {
        List<Part> out = new ArrayList<>();
        if (section == null || !section.isObject()) {
            out.add(new Json(null, json(section)));
            return out;
        }
        EstimateGrid grid = grid(null, section);
        if (grid != null) {
            out.add(grid);
            return out;
        }
        List<Map.Entry<String, String>> scalars = new ArrayList<>();
        List<Part> nested = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (isScalar(v)) {
                scalars.add(Map.entry(e.getKey(), scalarText(v)));
            } else if (v.isArray() && allScalars(v)) {
                List<String> items = new ArrayList<>();
                v.forEach(x -> items.add(scalarText(x)));
                scalars.add(Map.entry(e.getKey(), String.join(", ", items)));
            } else if (v.isObject() && allScalars(v)) {
                List<Map.Entry<String, String>> rows = new ArrayList<>();
                v.fields().forEachRemaining(f -> rows.add(Map.entry(f.getKey(), scalarText(f.getValue()))));
                nested.add(new KeyValues(e.getKey(), rows));
            } else {
                EstimateGrid g = v.isObject() ? grid(e.getKey(), v) : null;
                nested.add(g != null ? g : new Json(e.getKey(), json(v)));
            }
        }
        if (!scalars.isEmpty()) {
            out.add(new KeyValues(null, scalars));
        }
        out.addAll(nested);
        return out;
    }

    /**
     * One-line descriptions of the codes a section uses, when the audit's settings give them under
     * {@code settings.<section>.codes} (as Clarify's do); empty otherwise.
     */
    public static Map<String, String> codes(Map<String, Object> settings, String section) {
        Map<String, String> out = new LinkedHashMap<>();
        if (settings.get(section) instanceof Map<?, ?> s && s.get("codes") instanceof Map<?, ?> codes) {
            codes.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    private static EstimateGrid grid(String title, JsonNode node) {
        if (node.isEmpty()) {
            return null;
        }
        List<String> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        Map<String, Map<String, MetricEstimate>> cells = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> row = it.next();
            if (!row.getValue().isObject() || row.getValue().isEmpty()) {
                return null;
            }
            Map<String, MetricEstimate> byColumn = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> c = row.getValue().fields(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> cell = c.next();
                MetricEstimate e = estimate(cell.getValue());
                if (e == null) {
                    return null;
                }
                byColumn.put(cell.getKey(), e);
                columns.add(cell.getKey());
            }
            rows.add(row.getKey());
            cells.put(row.getKey(), byColumn);
        }
        return new EstimateGrid(title, rows, new ArrayList<>(columns), cells);
    }

    /** The node as an estimate if it has that shape ({@code value} plus only estimate fields), else {@code null}. */
    private static MetricEstimate estimate(JsonNode node) {
        if (!node.isObject() || !node.has("value") || !(node.get("value").isNumber() || node.get("value").isNull())) {
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!ESTIMATE_FIELDS.contains(names.next())) {
                return null;
            }
        }
        try {
            return AuditJson.mapper().treeToValue(node, MetricEstimate.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isScalar(JsonNode v) {
        return v.isValueNode() || v.isNull();
    }

    private static boolean allScalars(JsonNode container) {
        for (JsonNode x : container) {
            if (!isScalar(x)) {
                return false;
            }
        }
        return true;
    }

    private static String scalarText(JsonNode v) {
        if (v.isNull()) {
            return Formats.UNDEFINED;
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return Formats.number(v.asDouble());
        }
        return v.asText();
    }

    private static String json(JsonNode node) {
        try {
            return AuditJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return String.valueOf(node);
        }
    }
}

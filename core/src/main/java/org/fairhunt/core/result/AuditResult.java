package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The immutable result of one audit. Field names are the JSON schema {@value #SCHEMA}; add fields,
 * never rename them.
 *
 * @param schema      always {@value #SCHEMA}
 * @param source      the audited data (file name)
 * @param rows        rows audited
 * @param settings    what was audited (label, prediction, groups, bootstrap …) as written in the JSON
 * @param metrics     the metrics reported, name → one-line description, in catalogue order
 * @param warnings    things the reader must know (excluded rows, clusters with missing keys)
 * @param slices      the overall population first, then each attribute, then intersections
 * @param disparities comparisons between slices (may be empty)
 * @param verdicts    policy verdicts (may be empty)
 * @param extensions  further sections by name (for example {@code clarify}), as JSON trees
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AuditResult(@JsonInclude(JsonInclude.Include.ALWAYS) String schema, String source,
        @JsonInclude(JsonInclude.Include.ALWAYS) long rows, Map<String, Object> settings, Map<String, String> metrics,
        List<String> warnings, @JsonInclude(JsonInclude.Include.ALWAYS) List<SliceResult> slices,
        List<Disparity> disparities, List<Verdict> verdicts,
        @JsonProperty("extensions") Map<String, JsonNode> extensions) {
    public static final String SCHEMA = "fairhunt.audit/v1";

    public AuditResult {
        settings = ResultMaps.deepCopy(settings);
        metrics = ResultMaps.copy(metrics);
        warnings = List.copyOf(warnings);
        slices = List.copyOf(slices);
        disparities = List.copyOf(disparities);
        verdicts = List.copyOf(verdicts);
        if (!(extensions instanceof Sections)) {
            extensions = Sections.copyOf(extensions, Map.of());
        }
    }

    /**
     * The extension sections, each a deep copy made when it was added and referenced by nothing but results: a
     * JSON tree cannot be made read-only, so only this class may see the nodes. A {@code with…} copy of the result
     * shares them instead of copying every section again (the {@code speech} section of a WER audit holds a node
     * per slice).
     */
    private static final class Sections extends java.util.AbstractMap<String, JsonNode> {
        private final Map<String, JsonNode> view;

        private Sections(Map<String, JsonNode> own) {
            this.view = Collections.unmodifiableMap(own);
        }

        /** {@code shared}'s nodes as they are (already owned), then deep copies of {@code added}'s. */
        static Sections copyOf(Map<String, JsonNode> added, Map<String, JsonNode> shared) {
            Map<String, JsonNode> own = new LinkedHashMap<>(shared);
            added.forEach((k, v) -> own.put(k, v.deepCopy()));
            return new Sections(own);
        }

        @Override
        public Set<Entry<String, JsonNode>> entrySet() {
            return view.entrySet();
        }

        @Override
        public JsonNode get(Object key) {
            return view.get(key);
        }

        @Override
        public Set<String> keySet() {
            return view.keySet();
        }

        @Override
        public int size() {
            return view.size();
        }
    }

    /** The extension sections; each a copy, since a JSON tree cannot be made read-only. */
    @Override
    @JsonProperty("extensions")
    public Map<String, JsonNode> extensions() {
        Map<String, JsonNode> ext = new LinkedHashMap<>();
        extensions.forEach((k, v) -> ext.put(k, v.deepCopy()));
        return Collections.unmodifiableMap(ext);
    }

    /** The extension sections' names, in order (read-only; no copies of the sections). */
    public Set<String> extensionNames() {
        return extensions.keySet();
    }

    /** One extension section itself, not a copy: the JSON writer only reads it. */
    JsonNode extension(String name) {
        return extensions.get(name);
    }

    /**
     * A copy of the node at {@code pointer} (a JSON Pointer such as {@code /few_speakers}) in extension section
     * {@code name}, or {@code null} when the section or the node is missing: a reader of a few fields of a large
     * section copies those, not the section.
     */
    public JsonNode extension(String name, String pointer) {
        JsonNode section = extensions.get(name);
        JsonNode at = section == null ? null : section.at(pointer);
        return at == null || at.isMissingNode() ? null : at.deepCopy();
    }

    /** The overall population's slice. */
    /** The settings key listing the metrics that are sizes, not rates ({@code MetricInfo.isSize}). */
    public static final String SIZE_METRICS = "size_metrics";

    /** The metrics that are sizes, not rates (a count of rows), as the settings record them. */
    public List<String> sizeMetrics() {
        Object v = settings == null ? null : settings.get(SIZE_METRICS);
        return v instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    public SliceResult overall() {
        return slices.get(0);
    }

    /** A copy with {@code disparities} replaced. */
    public AuditResult withDisparities(List<Disparity> newDisparities) {
        return new AuditResult(schema, source, rows, settings, metrics, warnings, slices, newDisparities, verdicts, extensions);
    }

    /** A copy with {@code verdicts} replaced. */
    public AuditResult withVerdicts(List<Verdict> newVerdicts) {
        return new AuditResult(schema, source, rows, settings, metrics, warnings, slices, disparities, newVerdicts, extensions);
    }

    /** A copy with one more extension section. */
    public AuditResult withExtension(String name, JsonNode section) {
        Map<String, JsonNode> added = new LinkedHashMap<>();
        added.put(name, section);
        return new AuditResult(schema, source, rows, settings, metrics, warnings, slices, disparities, verdicts,
                Sections.copyOf(added, extensions));
    }
}

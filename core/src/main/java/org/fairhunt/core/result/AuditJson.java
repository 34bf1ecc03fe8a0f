package org.fairhunt.core.result;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairhunt.core.io.AtomicFiles;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.stats.Interval;

/**
 * Writes an {@link AuditResult} as JSON (schema {@value AuditResult#SCHEMA}, published as
 * {@code org/fairhunt/schemas/audit-v1.schema.json} and named by {@code $schema}): extension sections
 * such as {@code clarify} appear as top-level keys. Non-finite numbers never appear: undefined values
 * are {@code null} with a reason.
 *
 * <p>The text is streamed field by field through {@link Json#generator}, with the inclusion
 * rules the records' annotations state, rather than through data binding: binding reflects over every
 * record on first use and goes through a tree, which cost a short audit more than its whole pass (a
 * 100-row audit's 1.6 MB of JSON: 100 ms CPU against 15 ms). The bytes are the binding's, checked
 * against it in {@code AuditJsonTest}; a result holding something this writer does not know (a settings
 * value other than text, number, boolean, list or map; an extension named like a field) is written
 * through the binding as before.
 */
public final class AuditJson {
    /** The top-level fields of the binding, in order; an extension with one of these names replaces it in place. */
    private static final Set<String> FIELDS = Set.of("$schema", "schema", "source", "rows", "settings", "metrics",
            "warnings", "slices", "disparities", "verdicts", "extensions");

    private AuditJson() {
    }

    /** The shared mapper ({@link Json#mapper()}). */
    public static ObjectMapper mapper() {
        return Json.mapper();
    }

    /** The result as a JSON tree, {@code $schema} first. */
    public static ObjectNode toTree(AuditResult result) {
        ObjectNode body = Json.mapper().valueToTree(result);
        body.remove("extensions");
        ObjectNode node = Json.object();
        node.put("$schema", ResultKind.AUDIT.uri());
        node.setAll(body);
        for (Map.Entry<String, JsonNode> e : result.extensions().entrySet()) {
            node.set(e.getKey(), e.getValue());
        }
        return node;
    }

    /** The result as indented JSON text, without a final newline. */
    public static String toJson(AuditResult result) {
        if (!streamable(result)) {
            String text = Json.toText(toTree(result));
            return text.substring(0, text.length() - 1);
        }
        StringWriter out = new StringWriter(1 << 16);
        try (JsonGenerator g = Json.generator(out)) {
            write(g, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * {@link #toJson} and a final newline as UTF-8 bytes, written by Jackson's UTF-8 generator straight into
     * bytes: the text of an audit holds characters outside Latin-1 (−, ≥, ×), so as a {@code String} it would
     * be built, copied and encoded in two-byte chars (1.8 MB of them for 88 slices).
     */
    public static byte[] toUtf8(AuditResult result) {
        if (!streamable(result)) {
            return (toJson(result) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator g = Json.generator(out)) {
            write(g, result);
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the result to {@code file} atomically (the previous file stays whole on any failure). */
    public static void write(AuditResult result, Path file) {
        if (!streamable(result)) {
            Json.write(file, toTree(result));
            return;
        }
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = Json.generator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                write(g, result);
                g.writeRaw('\n');
            }
        });
    }

    /** Whether {@link #write(JsonGenerator, AuditResult)} gives the binding's bytes for {@code result}. */
    static boolean streamable(AuditResult result) {
        for (String name : result.extensionNames()) {
            if (FIELDS.contains(name)) {
                return false;
            }
        }
        return result.settings() == null || plain(result.settings());
    }

    /** Text, numbers the binding writes as they are, booleans, and lists and maps of them. */
    private static boolean plain(Object v) {
        if (v == null || v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Double
                || v instanceof Boolean) {
            return true;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !plain(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object x : l) {
                if (!plain(x)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    // The records' inclusion rules, as their annotations state them: AuditResult NON_EMPTY (schema, rows and
    // slices always); MetricEstimate, Disparity, Verdict and Check NON_NULL (value and too_small always,
    // checks NON_EMPTY); SliceResult and Interval every field. Map entries are written whatever their value.

    static void write(JsonGenerator g, AuditResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("$schema", ResultKind.AUDIT.uri());
        g.writeFieldName("schema");
        string(g, r.schema());
        if (r.source() != null && !r.source().isEmpty()) {
            g.writeStringField("source", r.source());
        }
        g.writeNumberField("rows", r.rows());
        if (r.settings() != null && !r.settings().isEmpty()) {
            g.writeFieldName("settings");
            plainValue(g, r.settings());
        }
        if (r.metrics() != null && !r.metrics().isEmpty()) {
            g.writeFieldName("metrics");
            stringMap(g, r.metrics());
        }
        if (r.warnings() != null && !r.warnings().isEmpty()) {
            g.writeFieldName("warnings");
            g.writeStartArray();
            for (String w : r.warnings()) {
                string(g, w);
            }
            g.writeEndArray();
        }
        g.writeFieldName("slices");
        if (r.slices() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (SliceResult s : r.slices()) {
                slice(g, s);
            }
            g.writeEndArray();
        }
        if (r.disparities() != null && !r.disparities().isEmpty()) {
            g.writeFieldName("disparities");
            g.writeStartArray();
            for (Disparity d : r.disparities()) {
                disparity(g, d);
            }
            g.writeEndArray();
        }
        if (r.verdicts() != null && !r.verdicts().isEmpty()) {
            g.writeFieldName("verdicts");
            g.writeStartArray();
            for (Verdict v : r.verdicts()) {
                verdict(g, v);
            }
            g.writeEndArray();
        }
        for (String name : r.extensionNames()) {
            g.writeFieldName(name);
            node(g, r.extension(name));
        }
        g.writeEndObject();
    }

    private static void slice(JsonGenerator g, SliceResult s) throws IOException {
        if (s == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeFieldName("attributes");
        stringMap(g, s.attributes());
        g.writeNumberField("n", s.n());
        g.writeBooleanField("too_small", s.tooSmall());
        g.writeFieldName("metrics");
        if (s.metrics() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            for (Map.Entry<String, MetricEstimate> e : s.metrics().entrySet()) {
                g.writeFieldName(e.getKey());
                estimate(g, e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void estimate(JsonGenerator g, MetricEstimate m) throws IOException {
        if (m == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeFieldName("value");
        number(g, m.value());
        optional(g, "reason", m.reason());
        if (m.ci() != null) {
            g.writeFieldName("ci");
            interval(g, m.ci());
        }
        optional(g, "ci_reason", m.ciReason());
        g.writeEndObject();
    }

    private static void interval(JsonGenerator g, Interval i) throws IOException {
        g.writeStartObject();
        g.writeNumberField("lo", i.lo());
        g.writeNumberField("hi", i.hi());
        g.writeNumberField("level", i.level());
        g.writeFieldName("method");
        string(g, i.method() == null ? null : i.method().word());
        g.writeEndObject();
    }

    private static void disparity(JsonGenerator g, Disparity d) throws IOException {
        if (d == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        optional(g, "metric", d.metric());
        optional(g, "attributes", d.attributes());
        optional(g, "reference", d.reference());
        if (d.kind() != null) {
            g.writeStringField("kind", d.kind().word());
        }
        g.writeFieldName("value");
        number(g, d.value());
        optional(g, "lo", d.lo());
        optional(g, "hi", d.hi());
        optional(g, "p_value", d.pValue());
        optional(g, "q_value", d.qValue());
        optional(g, "reason", d.reason());
        optional(g, "n", d.n());
        optional(g, "reference_n", d.referenceN());
        g.writeBooleanField("too_small", d.tooSmall());
        optional(g, "method", d.method());
        optional(g, "highest", d.highest());
        optional(g, "lowest", d.lowest());
        g.writeEndObject();
    }

    private static void verdict(JsonGenerator g, Verdict v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        optional(g, "constraint", v.constraint());
        if (v.outcome() != null) {
            g.writeStringField("outcome", v.outcome().word());
        }
        optional(g, "detail", v.detail());
        optional(g, "value", v.value());
        optional(g, "lo", v.lo());
        optional(g, "hi", v.hi());
        optional(g, "more_rows_needed", v.moreRowsNeeded());
        optional(g, "name", v.name());
        if (v.checks() != null && !v.checks().isEmpty()) {
            g.writeFieldName("checks");
            g.writeStartArray();
            for (Verdict.Check c : v.checks()) {
                check(g, c);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void check(JsonGenerator g, Verdict.Check c) throws IOException {
        if (c == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        optional(g, "attributes", c.attributes());
        optional(g, "reference", c.reference());
        optional(g, "n", c.n());
        if (c.outcome() != null) {
            g.writeStringField("outcome", c.outcome().word());
        }
        g.writeFieldName("value");
        number(g, c.value());
        optional(g, "lo", c.lo());
        optional(g, "hi", c.hi());
        optional(g, "more_rows_needed", c.moreRowsNeeded());
        optional(g, "reason", c.reason());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }

    private static void optional(JsonGenerator g, String name, Double v) throws IOException {
        if (v != null) {
            g.writeNumberField(name, v.doubleValue());
        }
    }

    private static void optional(JsonGenerator g, String name, Long v) throws IOException {
        if (v != null) {
            g.writeNumberField(name, v.longValue());
        }
    }

    private static void optional(JsonGenerator g, String name, Map<String, String> v) throws IOException {
        if (v != null) {
            g.writeFieldName(name);
            stringMap(g, v);
        }
    }

    private static void string(JsonGenerator g, String v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v);
        }
    }

    private static void number(JsonGenerator g, Double v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v.doubleValue());
        }
    }

    private static void stringMap(JsonGenerator g, Map<String, String> m) throws IOException {
        if (m == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, String> e : m.entrySet()) {
            g.writeFieldName(e.getKey());
            string(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** A value {@link #plain} accepts. */
    private static void plainValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i.intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                plainValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object x : (Collection<?>) v) {
                plainValue(g, x);
            }
            g.writeEndArray();
        }
    }

    /** A JSON tree as its own {@code serialize} writes it; node kinds other than the common ones through the mapper. */
    private static void node(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    node(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode x : n) {
                    node(g, x);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            default -> {
                if (n.isInt()) {
                    g.writeNumber(n.intValue());
                } else if (n.isLong()) {
                    g.writeNumber(n.longValue());
                } else if (n.isDouble()) {
                    g.writeNumber(n.doubleValue());
                } else {
                    Json.mapper().writeTree(g, n);
                }
            }
        }
    }
}

package org.fairhunt.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes an {@link AuditResult} as JSON (schema {@value AuditResult#SCHEMA}): extension sections such
 * as {@code clarify} appear as top-level keys. Non-finite numbers never appear: undefined values are
 * {@code null} with a reason.
 */
public final class AuditJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private AuditJson() {
    }

    /** The shared mapper (indenting, no NaN). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The result as a JSON tree. */
    public static ObjectNode toTree(AuditResult result) {
        ObjectNode node = MAPPER.valueToTree(result);
        node.remove("extensions");
        for (Map.Entry<String, JsonNode> e : result.extensions().entrySet()) {
            node.set(e.getKey(), e.getValue());
        }
        return node;
    }

    public static String toJson(AuditResult result) {
        try {
            return MAPPER.writeValueAsString(toTree(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(AuditResult result, Path file) {
        try {
            Files.writeString(file, toJson(result) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

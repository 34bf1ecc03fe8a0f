package org.fairhunt.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.fairhunt.core.json.Json;
import org.fairhunt.core.json.ResultKind;

/**
 * Writes an {@link AuditResult} as JSON (schema {@value AuditResult#SCHEMA}, published as
 * {@code org/fairhunt/schemas/audit-v1.schema.json} and named by {@code $schema}): extension sections
 * such as {@code clarify} appear as top-level keys. Non-finite numbers never appear: undefined values
 * are {@code null} with a reason.
 */
public final class AuditJson {
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
        String text = Json.toText(toTree(result));
        return text.substring(0, text.length() - 1);
    }

    /** Writes the result to {@code file} atomically (the previous file stays whole on any failure). */
    public static void write(AuditResult result, Path file) {
        Json.write(file, toTree(result));
    }
}

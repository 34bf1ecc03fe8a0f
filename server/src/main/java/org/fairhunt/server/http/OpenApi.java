package org.fairhunt.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.server.Role;

/**
 * The OpenAPI 3.1 document, generated from the routes the app registers; each JSON response refers to its
 * definition in the published {@code service-v1.schema.json} (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 */
public final class OpenApi {
    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");
    /** The published schema of every JSON response (one definition per response under {@code $defs}). */
    public static final String SCHEMA = ResultKind.SERVICE.uri();

    private OpenApi() {
    }

    public static ObjectNode document(List<Route> routes, String version) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode doc = m.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Fairhunt bias bounty service");
        info.put("version", version);
        info.put("description", "Teams submit (group, model) pairs; one worker verifies them in arrival order on a protected holdout. "
                + "Errors are RFC 9457 problem details (application/problem+json) whose 'field' names the input at fault. "
                + "Authenticate with 'Authorization: Bearer <token>' (team tokens fht_…, organizer tokens fho_…).");
        ObjectNode comps = doc.putObject("components");
        ObjectNode sec = comps.putObject("securitySchemes").putObject("bearer");
        sec.put("type", "http");
        sec.put("scheme", "bearer");
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            if (!r.api()) {
                continue;
            }
            String path = r.path();
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            ObjectNode op = item.putObject(r.method().name().toLowerCase(Locale.ROOT));
            op.put("summary", r.summary());
            op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + path.replaceAll("[^A-Za-z0-9]+", "_"));
            ArrayNode tags = op.putArray("tags");
            tags.add(r.roles().contains(Role.PUBLIC) ? "public" : r.roles().get(0).name().toLowerCase(Locale.ROOT));
            if (!r.roles().contains(Role.PUBLIC)) {
                op.putArray("security").addObject().putArray("bearer");
                op.put("x-roles", String.join(",", r.roles().stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList()));
            }
            Matcher pm = PARAM.matcher(path);
            ArrayNode params = null;
            while (pm.find()) {
                if (params == null) {
                    params = op.putArray("parameters");
                }
                ObjectNode p = params.addObject();
                p.put("name", pm.group(1));
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "integer");
            }
            if (r.body() != null) {
                String[] kind = r.body().split(":", 2);
                String media = kind[0].equals("json") ? "application/json" : "multipart/form-data";
                ObjectNode schema = op.putObject("requestBody").put("required", true).putObject("content").putObject(media)
                        .putObject("schema");
                schema.put("type", "object");
                ObjectNode fp = schema.putObject("properties");
                for (String f : kind[1].split(",")) {
                    boolean file = f.endsWith("@");
                    String name = file ? f.substring(0, f.length() - 1) : f;
                    ObjectNode s = fp.putObject(name);
                    s.put("type", "string");
                    if (file) {
                        s.put("format", "binary");
                    }
                }
                op.put("x-max-body-bytes", r.bodyLimit());
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode success = responses.putObject(r.method().name().equals("POST") && r.summary().startsWith("Submit") ? "202" : "200")
                    .put("description", "success").putObject("content").putObject(r.produces());
            if (r.schema() != null) {
                success.putObject("schema").put("$ref", SCHEMA + "#/$defs/" + r.schema());
            }
            responses.putObject("default").put("description", "a problem detail (RFC 9457)").putObject("content")
                    .putObject("application/problem+json").putObject("schema").put("$ref", SCHEMA + "#/$defs/problem");
        }
        return doc;
    }
}

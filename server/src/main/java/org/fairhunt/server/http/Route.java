package org.fairhunt.server.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import org.fairhunt.server.Role;

/**
 * One route: method, path, who may call it, and what it does. The app registers these and the OpenAPI
 * document is generated from the same list, so the document cannot drift from the routes.
 *
 * @param api         part of the REST API (documented in OpenAPI) rather than a page
 * @param summary     one line for the OpenAPI document
 * @param body        the request body: {@code null}, {@code json:f1,f2}, or {@code multipart:f1,f2} (fields)
 * @param produces    response media type
 * @param bodyLimit   largest request body, bytes (checked on Content-Length before the body is read)
 * @param schema      the definition its JSON success response follows in the published {@code service-v1.schema.json}
 *                    ({@code $defs/<schema>}); null for pages and non-JSON answers
 */
public record Route(HandlerType method, String path, List<Role> roles, boolean api, String summary, String body, String produces,
        long bodyLimit, Handler handler, String schema) {
}

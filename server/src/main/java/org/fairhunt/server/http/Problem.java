package org.fairhunt.server.http;

/**
 * A typed HTTP error, rendered in one place as an RFC 9457 problem detail
 * ({@code application/problem+json}) for the API and as an error page for browsers.
 * {@code field} names the form or JSON field at fault, when there is one.
 */
public final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final String field;
    private final transient java.util.Map<String, String> headers;

    public Problem(int status, String title, String detail, String field) {
        this(status, title, detail, field, java.util.Map.of());
    }

    public Problem(int status, String title, String detail, String field, java.util.Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.headers = headers;
    }

    public static Problem badRequest(String field, String detail) {
        return new Problem(400, "Invalid input", detail, field);
    }

    public static Problem unauthorized(String detail) {
        return new Problem(401, "Authentication required", detail, null, java.util.Map.of("WWW-Authenticate", "Bearer"));
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "Forbidden", detail, null);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail, null);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail, null);
    }

    public static Problem tooLarge(String detail) {
        return new Problem(413, "Payload too large", detail, null);
    }

    public static Problem tooMany(String detail, long retryAfterSeconds) {
        return new Problem(429, "Too many requests", detail, null, java.util.Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "Service unavailable", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    /** The problem type URI: a stable, documented name per status (see server/README.md). */
    public String type() {
        return "https://fairhunt.org/problems/" + switch (status) {
            case 400 -> "invalid-input";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 411 -> "length-required";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 503 -> "unavailable";
            default -> "error";
        };
    }
}

package org.fairhunt.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.fairhunt.core.UserInputException;

/**
 * The REST API from Java: submit a pair, poll its verdict, run a free check. Errors from the service
 * (RFC 9457 problem details) become {@link UserInputException}s carrying the service's detail, so a
 * command-line user sees one clear line.
 */
public final class BountyClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    public BountyClient(String baseUrl, String token) {
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new UserInputException("--server must be an http:// or https:// URL, got " + baseUrl);
        }
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /** Queues a submission and returns the receipt (id, status, url). */
    public JsonNode submit(long program, String cel, byte[] groupModel, byte[] model, String modelName) {
        return send(multipart("/api/programs/" + program + "/submissions", cel, groupModel, model, modelName));
    }

    /** The free check on public rows. */
    public JsonNode check(long program, String cel, byte[] groupModel, byte[] model, String modelName) {
        return send(multipart("/api/programs/" + program + "/check", cel, groupModel, model, modelName));
    }

    public JsonNode submission(long id) {
        return send(request("/api/submissions/" + id).GET());
    }

    public JsonNode get(String path) {
        return send(request(path).GET());
    }

    /** Polls until the submission is decided or refused, or {@code timeout} passes (then the last state). */
    public JsonNode awaitVerdict(long id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleep = 100;
        while (true) {
            JsonNode s = submission(id);
            if (!"queued".equals(s.path("status").asText()) || System.nanoTime() > deadline) {
                return s;
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return s;
            }
            sleep = Math.min(2000, sleep * 2);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private HttpRequest.Builder multipart(String path, String cel, byte[] groupModel, byte[] model, String modelName) {
        String boundary = "fairhunt" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (cel != null) {
            part(out, boundary, "group", null, cel.getBytes(StandardCharsets.UTF_8));
        }
        if (groupModel != null) {
            part(out, boundary, "group_model", "group.onnx", groupModel);
        }
        part(out, boundary, "model", modelName == null ? "model.onnx" : modelName, model);
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String fileName, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName.replace("\"", "") + "\"\r\nContent-Type: application/octet-stream")
                + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode send(HttpRequest.Builder b) {
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UserInputException("cannot reach the bounty service at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserInputException("interrupted while talking to " + base);
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UserInputException(base + " answered " + r.statusCode() + " with something that is not JSON");
        }
        if (r.statusCode() >= 400) {
            String field = body.hasNonNull("field") ? " (field " + body.get("field").asText() + ")" : "";
            throw new UserInputException("the service refused the request: " + r.statusCode() + " " + body.path("title").asText() + ": "
                    + body.path("detail").asText() + field);
        }
        return body;
    }
}

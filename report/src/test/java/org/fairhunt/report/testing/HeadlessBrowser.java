package org.fairhunt.report.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol with nothing but the JDK's
 * {@link HttpClient} WebSocket and Jackson: no WebDriver, no extra dependency. Typical use:
 *
 * <pre>{@code
 * assumeTrue(HeadlessBrowser.available(), "chromium is not installed");
 * try (HeadlessBrowser browser = HeadlessBrowser.start()) {
 *     browser.open(htmlFile);
 *     assertEquals(List.of(), browser.errors());
 *     int bars = browser.evaluate("document.querySelectorAll('rect.fh-bar').length").asInt();
 *     browser.screenshot(Path.of("target/report.png"));
 * }
 * }</pre>
 *
 * <p>Errors are console calls of type {@code error}/{@code assert}, uncaught exceptions, and log
 * entries of level {@code error} (which include resources that failed to load and content security
 * policy violations, so a page that tries to reach the network fails the test). The browser runs in a
 * throw-away profile with networking extras off, and is ended (with its child processes) on close.
 */
public final class HeadlessBrowser implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    /** The Chromium (or Chrome) executable: {@code $CHROME_BIN}, else the usual Debian/Ubuntu paths. */
    public static Optional<Path> executable() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("CHROME_BIN");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                "/usr/bin/google-chrome-stable"));
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Whether a browser is installed (tests use this in {@code assumeTrue}). */
    public static boolean available() {
        return executable().isPresent();
    }

    /** Starts a headless browser with an empty page. */
    public static HeadlessBrowser start() throws IOException {
        Path exe = executable().orElseThrow(() -> new IOException("no chromium found (set CHROME_BIN)"));
        Path profile = Files.createTempDirectory("fairhunt-chromium-");
        List<String> command = List.of(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--mute-audio", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            return new HeadlessBrowser(process, profile);
        } catch (IOException | RuntimeException e) {
            stop(process);
            deleteTree(profile);
            throw e;
        }
    }

    private HeadlessBrowser(Process process, Path profile) throws IOException {
        this.process = process;
        this.profile = profile;
        int port = waitForPort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        String pageSocket = pageWebSocketUrl(http, port);
        try {
            this.socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(URI.create(pageSocket), new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to chromium", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to chromium's DevTools at " + pageSocket + ": " + e, e);
        }
        listeners.add(this::collectErrors);
        send("Runtime.enable", null);
        send("Log.enable", null);
        send("Page.enable", null);
    }

    /** The DevTools port, which Chromium writes to {@code DevToolsActivePort} in its profile once listening. */
    private int waitForPort() throws IOException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("chromium exited with status " + process.exitValue() + ": " + log());
            }
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            sleep(50);
        }
        throw new IOException("chromium did not open its DevTools port within " + TIMEOUT.toSeconds() + " s: " + log());
    }

    private static String pageWebSocketUrl(HttpClient http, int port) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode target : JSON.readTree(r.body())) {
                    if ("page".equals(target.path("type").asText())) {
                        return target.path("webSocketDebuggerUrl").asText();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking chromium for its page", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("chromium has no page target on port " + port);
            }
            sleep(50);
        }
    }

    /**
     * Loads a file and waits for its load event (and one animation frame, so layout is done). Errors
     * seen so far are cleared first, so {@link #errors()} tells about this page only.
     */
    public void open(Path file) throws IOException {
        errors.clear();
        CompletableFuture<JsonNode> loaded = event("Page.loadEventFired");
        ObjectNode params = JSON.createObjectNode().put("url", file.toAbsolutePath().toUri().toString());
        JsonNode nav = send("Page.navigate", params);
        if (nav.hasNonNull("errorText")) {
            throw new IOException("cannot open " + file + ": " + nav.get("errorText").asText());
        }
        await(loaded, "the load event of " + file);
        evaluate("new Promise(function (resolve) { requestAnimationFrame(function () { resolve(true); }); })");
    }

    /** Console errors, uncaught exceptions and error log entries since the last {@link #open(Path)}. */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /**
     * Evaluates a JavaScript expression in the page (promises are awaited) and returns its value as JSON;
     * an exception in the expression is an {@link IOException} with its description.
     */
    public JsonNode evaluate(String expression) throws IOException {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode r = send("Runtime.evaluate", params);
        if (r.has("exceptionDetails")) {
            JsonNode d = r.get("exceptionDetails");
            throw new IOException("the page threw: " + d.path("exception").path("description").asText(d.path("text").asText()));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the whole page at the given width (CSS pixels), written to {@code png}. */
    public void screenshot(Path png, int width) throws IOException {
        setViewport(width, 800);
        int height = Math.max(1, evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt());
        setViewport(width, height);
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", width).put("height", height).put("scale", 1);
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        JsonNode r = send("Page.captureScreenshot", params);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    }

    /** The page printed to PDF (A4, backgrounds on), as print media would lay it out. */
    public byte[] printToPdf() throws IOException {
        ObjectNode params = JSON.createObjectNode().put("printBackground", true).put("paperWidth", 8.27).put("paperHeight", 11.69);
        return Base64.getDecoder().decode(send("Page.printToPDF", params).path("data").asText());
    }

    private void setViewport(int width, int height) throws IOException {
        send("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    /** Sends a command and waits for its result; a protocol error is an {@link IOException}. */
    public JsonNode send(String method, ObjectNode params) throws IOException {
        int id = nextId.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(message.toString(), true).join();
        JsonNode r = await(reply, method);
        if (r.has("error")) {
            throw new IOException(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    private CompletableFuture<JsonNode> event(String method) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        Consumer<JsonNode> once = new Consumer<>() {
            @Override
            public void accept(JsonNode m) {
                if (method.equals(m.path("method").asText())) {
                    f.complete(m.path("params"));
                    listeners.remove(this);
                }
            }
        };
        listeners.add(once);
        return f;
    }

    private JsonNode await(CompletableFuture<JsonNode> f, String what) throws IOException {
        try {
            return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new IOException("failed waiting for " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from chromium within " + TIMEOUT.toSeconds() + " s for " + what);
        }
    }

    private void collectErrors(JsonNode m) {
        JsonNode p = m.path("params");
        switch (m.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    List<String> args = new ArrayList<>();
                    for (JsonNode a : p.path("args")) {
                        args.add(a.has("value") ? a.get("value").asText() : a.path("description").asText());
                    }
                    errors.add("console." + type + ": " + String.join(" ", args));
                }
            }
            case "Runtime.exceptionThrown" -> {
                JsonNode d = p.path("exceptionDetails");
                errors.add("uncaught: " + d.path("exception").path("description").asText(d.path("text").asText()));
            }
            case "Log.entryAdded" -> {
                JsonNode e = p.path("entry");
                if ("error".equals(e.path("level").asText())) {
                    errors.add("log (" + e.path("source").asText() + "): " + e.path("text").asText()
                            + (e.hasNonNull("url") ? " " + e.get("url").asText() : ""));
                }
            }
            default -> {
            }
        }
    }

    /** Assembles fragmented frames and routes replies to their callers and events to the listeners. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode m = JSON.readTree(text);
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                        if (f != null) {
                            f.complete(m);
                        }
                    } else {
                        listeners.forEach(l -> l.accept(m));
                    }
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            pending.values().forEach(f -> f.completeExceptionally(new IOException("DevTools connection closed: " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            stop(process);
            deleteTree(profile);
        }
    }

    /** Ends the browser and the helper processes it started (renderer, GPU, zygote), ours by descent. */
    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String log() {
        try {
            String s = Files.readString(profile.resolve("chromium.log"));
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover file in the temp folder is harmless
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

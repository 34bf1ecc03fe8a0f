package org.fairhunt.report.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.print.PrintOptions;

/**
 * A real headless Chromium driven through Selenium and Debian's {@code chromium-driver}
 * ({@code /usr/bin/chromedriver}, which matches the installed browser's version). Typical use:
 *
 * <pre>{@code
 * assumeTrue(HeadlessBrowser.available(), "chromium or chromedriver is not installed");
 * try (HeadlessBrowser browser = HeadlessBrowser.start()) {
 *     browser.open(htmlFile);
 *     assertEquals(List.of(), browser.errors());
 *     int bars = browser.evaluate("document.querySelectorAll('rect.fh-bar').length").asInt();
 *     browser.screenshot(Path.of("target/report.png"), 1200);
 * }
 * }</pre>
 *
 * <p>Errors are the browser log's entries of level SEVERE: console errors, uncaught exceptions, and
 * resources refused or failed to load (content security policy violations included), so a page that
 * tries to reach the network fails the test. Scripts are evaluated with the DevTools command
 * {@code Runtime.evaluate} (through chromedriver), which, unlike WebDriver's {@code executeScript},
 * returns the value of a sequence of statements and awaits promises, and is not subject to the page's
 * content security policy. Selenium Manager is never asked to download anything: the driver and the
 * browser are named explicitly.
 */
public final class HeadlessBrowser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

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

    /** The chromedriver: {@code $CHROMEDRIVER}, else Debian's {@code /usr/bin/chromedriver}. */
    public static Optional<Path> driverExecutable() {
        String env = System.getenv("CHROMEDRIVER");
        Path p = env != null && !env.isBlank() ? Path.of(env) : CHROMEDRIVER;
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** Whether a browser and its driver are installed (tests use this in {@code assumeTrue}). */
    public static boolean available() {
        return executable().isPresent() && driverExecutable().isPresent();
    }

    /** Starts a headless browser with an empty page. */
    public static HeadlessBrowser start() throws IOException {
        Path exe = executable().orElseThrow(() -> new IOException("no chromium found (set CHROME_BIN)"));
        Path chromedriver = driverExecutable().orElseThrow(() -> new IOException("no chromedriver found (apt-get install "
                + "chromium-driver, or set CHROMEDRIVER)"));
        Path profile = Files.createTempDirectory("fairhunt-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(exe.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().withLogFile(profile.resolve("chromedriver.log").toFile()).build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            return new HeadlessBrowser(driver, profile);
        } catch (WebDriverException e) {
            deleteTree(profile);
            throw new IOException("cannot start chromium through " + chromedriver + ": " + e.getMessage(), e);
        }
    }

    private HeadlessBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** The WebDriver itself, for tests that navigate a live site and fill its forms (the bounty service's pages). */
    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Loads a file and waits for its load event (and one animation frame, so layout is done). Errors
     * seen so far are cleared first, so {@link #errors()} tells about this page only.
     */
    public void open(Path file) throws IOException {
        driver.manage().logs().get(LogType.BROWSER); // reading the log empties it
        try {
            driver.get(file.toAbsolutePath().toUri().toString());
        } catch (WebDriverException e) {
            throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
        }
        evaluate("new Promise(function (resolve) { requestAnimationFrame(function () { resolve(true); }); })");
    }

    /** Console errors, uncaught exceptions and failed or refused loads since the last {@link #open(Path)}. */
    public List<String> errors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    /**
     * Evaluates JavaScript in the page (statements allowed, the last one's value returned; promises are
     * awaited) and returns the value as JSON; an exception is an {@link IOException} with its description.
     */
    public JsonNode evaluate(String expression) throws IOException {
        Map<String, Object> r;
        try {
            r = driver.executeCdpCommand("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                    "awaitPromise", true));
        } catch (WebDriverException e) {
            throw new IOException("cannot evaluate in the page: " + e.getMessage(), e);
        }
        JsonNode node = JSON.valueToTree(r);
        if (node.has("exceptionDetails")) {
            JsonNode d = node.get("exceptionDetails");
            throw new IOException("the page threw: " + d.path("exception").path("description").asText(d.path("text").asText()));
        }
        return node.path("result").path("value");
    }

    /** A PNG of the whole page at the given width (CSS pixels), written to {@code png}. */
    public void screenshot(Path png, int width) throws IOException {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 800,
                "deviceScaleFactor", 1, "mobile", false));
        int height = Math.max(1, evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt());
        driver.manage().window().setSize(new Dimension(width, height));
        Map<String, Object> r = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode((String) r.get("data")));
    }

    /** The page printed to PDF (A4, backgrounds on), as print media would lay it out. */
    public byte[] printToPdf() {
        PrintOptions options = new PrintOptions();
        options.setBackground(true);
        options.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
        return Base64.getDecoder().decode(driver.print(options).getContent());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary profile; the OS cleans /tmp
        }
    }
}

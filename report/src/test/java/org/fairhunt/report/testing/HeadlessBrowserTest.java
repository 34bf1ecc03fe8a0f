package org.fairhunt.report.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.report.html.Html;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver itself: it must see the errors a broken page makes, or the report tests prove nothing. */
class HeadlessBrowserTest {

    @Test
    void console_errors_uncaught_exceptions_and_blocked_requests_are_all_reported(@TempDir Path tmp) throws IOException {
        assumeTrue(HeadlessBrowser.available(), "chromium or chromedriver is not installed");
        // a page built with the toolkit, so its content security policy is the one reports ship with
        String page = Html.page("broken").add(Html.raw("<p id=\"p\">hello</p><img src=\"https://example.invalid/x.png\">"))
                .script("console.error('deliberate'); undefinedFunction();").render();
        Path file = Files.writeString(tmp.resolve("broken.html"), page);
        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            browser.open(file);
            List<String> errors = browser.errors();
            assertTrue(errors.stream().anyMatch(e -> e.endsWith(" \"deliberate\"")), errors.toString());
            assertTrue(errors.stream().anyMatch(e -> e.contains("Uncaught ReferenceError: undefinedFunction")), errors.toString());
            assertTrue(errors.stream().anyMatch(e -> e.contains("Content Security Policy") && e.contains("example.invalid")),
                    errors.toString());
            assertEquals("hello", browser.evaluate("document.getElementById('p').textContent").asText());
            IOException thrown = assertThrows(IOException.class, () -> browser.evaluate("null.x"));
            assertTrue(thrown.getMessage().startsWith("the page threw: TypeError"), thrown.getMessage());
        }
    }
}

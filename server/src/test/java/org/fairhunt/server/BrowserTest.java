package org.fairhunt.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.fairhunt.core.testing.Slow;
import org.fairhunt.report.testing.HeadlessBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A real headless Chromium (Debian's chromium and chromedriver, through the report module's test
 * client) drives the pages as people would: the organizer signs in and creates a program through the
 * form (file inputs included), invites a team, the team signs in and submits through the form, and the
 * public page's leaderboard and heatmap render without a console error; the screenshot must show the
 * heatmap's coloured cells.
 */
@Slow
class BrowserTest {
    @TempDir
    Path tmp;

    @Test
    void an_organizer_creates_a_program_a_team_submits_through_the_form_and_the_heatmap_renders() throws Exception {
        assumeTrue(HeadlessBrowser.available(), "chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
        Fixtures fx = Fixtures.create(tmp.resolve("fx"));
        Path base = Files.write(tmp.resolve("base.onnx"), fx.baseModel);
        Path candidate = Files.write(tmp.resolve("candidate.onnx"), fx.candidate);
        try (BountyServer server = BountyServer.create(ServerConfig.builder(tmp.resolve("data")).build()).start("127.0.0.1", 0);
                HeadlessBrowser browser = HeadlessBrowser.start()) {
            String organizer = server.bootstrapOrganizer("alice").orElseThrow();
            Driver d = new Driver(browser, "http://127.0.0.1:" + server.port());
            List<String> errors = new ArrayList<>();

            d.go("/login");
            d.type("token", organizer);
            d.submit("form[action='/login']", "/organizer");
            d.type("name", "lending");
            d.type("label", "deny");
            d.type("alpha", "0.003");
            d.type("train", fx.train.toString());
            d.type("holdout", fx.holdout.toString());
            d.type("test", fx.test.toString());
            d.type("base_model", base.toString());
            d.submit("#create-program", "/organizer/programs/1");
            d.type("team-name", "red");
            d.submit("#invite-team", "/organizer/programs/1/teams");
            String token = d.w().findElement(By.id("token")).getText().trim();
            assertTrue(token.startsWith("fht_"), token);
            d.submit("nav form[action='/logout']", "/");
            errors.addAll(browser.errors());

            d.go("/login");
            d.type("token", token);
            d.submit("form[action='/login']", "/team");
            d.type("group", Fixtures.SOUTHERN_WOMEN);
            d.type("model", candidate.toString());
            d.submit("#submit-form", "/team");
            // the page reloads itself (meta refresh) while a verdict is pending, so read it until it settles
            d.awaitText("Receipt: submission 1 is queued", null);
            d.awaitText("accepted", "/team");
            errors.addAll(browser.errors());

            d.go("/programs/1");
            errors.addAll(browser.errors());
            assertEquals(List.of(), errors, "no console errors on any page");
            assertEquals(2, browser.evaluate("document.querySelectorAll('svg.fh-heatmap g.fh-cell').length").asInt(),
                    "one team x two features (sex, region)");
            assertEquals("red", browser.evaluate("document.querySelector('#leaderboard tbody td').textContent").asText());
            d.w().findElement(By.cssSelector("svg.fh-heatmap g.fh-cell")).click();
            assertTrue(d.w().findElement(By.id("fh-heat-detail")).getText().contains("red used"),
                    "the inline chart script ran (its hash is in the CSP)");
            Path png = tmp.resolve("program.png");
            browser.screenshot(png, 1000);
            assertTrue(colouredPixels(png) > 2000, "the heatmap's coloured cells are on the screenshot");
            d.go("/programs/1/audit");
            assertTrue(d.text().contains("bounty group #1=in"), d.text());
            assertEquals(List.of(), browser.errors());
        }
    }

    /** Pixels that are clearly coloured (the heatmap's diverging scale), not grey, black or white text and lines. */
    static int colouredPixels(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Navigation and form filling with WebDriver. */
    record Driver(HeadlessBrowser b, String root) {
        WebDriver w() {
            return b.driver();
        }

        void go(String path) {
            w().get(root + path);
            waitFor(path);
        }

        String path() {
            return URI.create(w().getCurrentUrl()).getPath();
        }

        void waitFor(String path) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (path().equals(path)) {
                    return;
                }
                sleep(50);
            }
            throw new AssertionError("the browser did not reach " + path + "; it is at " + w().getCurrentUrl() + ": " + text());
        }

        /** Types into the input with this id (for a file input: the file's path). */
        void type(String id, String value) {
            w().findElement(By.id(id)).sendKeys(value);
        }

        void submit(String formSelector, String expectedPath) {
            w().findElement(By.cssSelector(formSelector)).submit();
            waitFor(expectedPath);
        }

        /** Waits until the page shows {@code s}, reloading {@code path} every half second when given. */
        void awaitText(String s, String path) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            String t = "";
            while (System.nanoTime() < deadline) {
                t = text();
                if (t.contains(s)) {
                    return;
                }
                sleep(500);
                if (path != null) {
                    go(path);
                }
            }
            throw new AssertionError("the page never showed '" + s + "': " + t);
        }

        String text() {
            try {
                return w().findElement(By.tagName("body")).getText();
            } catch (org.openqa.selenium.WebDriverException e) {
                return "";
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
}

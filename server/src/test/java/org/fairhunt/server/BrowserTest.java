package org.fairhunt.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.fairhunt.report.testing.HeadlessBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real headless Chromium drives the pages as people would: the organizer signs in and creates a
 * program through the form (file inputs included), invites a team, the team signs in and submits
 * through the form, and the public page's leaderboard and heatmap render without a console error; the
 * screenshot must show the heatmap's coloured cells.
 */
class BrowserTest {
    @TempDir
    Path tmp;

    @Test
    void an_organizer_creates_a_program_a_team_submits_through_the_form_and_the_heatmap_renders() throws Exception {
        assumeTrue(HeadlessBrowser.available(), "chromium is not installed (apt-get install chromium)");
        Fixtures fx = Fixtures.create(tmp.resolve("fx"));
        Path base = Files.write(tmp.resolve("base.onnx"), fx.baseModel);
        Path candidate = Files.write(tmp.resolve("candidate.onnx"), fx.candidate);
        try (BountyServer server = BountyServer.create(ServerConfig.builder(tmp.resolve("data")).build()).start("127.0.0.1", 0);
                HeadlessBrowser browser = HeadlessBrowser.start()) {
            String organizer = server.bootstrapOrganizer("alice").orElseThrow();
            String root = "http://127.0.0.1:" + server.port();
            Driver d = new Driver(browser, root);

            d.go("/login");
            d.fill("#token", organizer);
            d.submit("form[action='/login']", "/organizer");
            d.fill("#name", "lending");
            d.fill("#label", "deny");
            d.fill("#alpha", "0.003");
            d.file("#train", fx.train);
            d.file("#holdout", fx.holdout);
            d.file("#test", fx.test);
            d.file("#base_model", base);
            d.submit("#create-program", "/organizer/programs/1");
            d.fill("#team-name", "red");
            d.submit("#invite-team", "/organizer/programs/1/teams");
            String token = browser.evaluate("document.getElementById('token').textContent").asText();
            assertTrue(token.startsWith("fht_"), token);
            d.submit("nav form[action='/logout']", "/");

            d.go("/login");
            d.fill("#token", token);
            d.submit("form[action='/login']", "/team");
            d.fill("#group", Fixtures.SOUTHERN_WOMEN);
            d.file("#model", candidate);
            d.submit("#submit-form", "/team");
            // the page reloads itself (meta refresh) while a verdict is pending, so read it until it settles
            d.awaitText("Receipt: submission 1 is queued", null);
            d.awaitText("accepted", "/team");

            d.go("/programs/1");
            assertEquals(List.of(), browser.errors(), "no console errors on any page so far");
            assertEquals(2, browser.evaluate("document.querySelectorAll('svg.fh-heatmap g.fh-cell').length").asInt(),
                    "one team x two features (sex, region)");
            assertEquals("red", browser.evaluate("document.querySelector('#leaderboard tbody td').textContent").asText());
            browser.evaluate("document.querySelector('svg.fh-heatmap g.fh-cell').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
            assertTrue(browser.evaluate("document.getElementById('fh-heat-detail').textContent").asText().contains("red used"),
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

    /** Navigation and form filling over the DevTools protocol. */
    record Driver(HeadlessBrowser b, String root) {
        void go(String path) throws Exception {
            ObjectNode p = Http.JSON.createObjectNode().put("url", root + path);
            b.send("Page.navigate", p);
            waitFor(path);
        }

        void waitFor(String path) throws Exception {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode r = b.evaluate("[location.pathname, document.readyState]");
                if (r.get(0).asText().equals(path) && r.get(1).asText().equals("complete")) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the browser did not reach " + path + "; it is at " + b.evaluate("location.href") + ": " + text());
        }

        void fill(String selector, String value) throws Exception {
            b.evaluate("document.querySelector(" + js(selector) + ").value = " + js(value));
        }

        void file(String selector, Path file) throws Exception {
            int doc = b.send("DOM.getDocument", null).path("root").path("nodeId").asInt();
            int node = b.send("DOM.querySelector", Http.JSON.createObjectNode().put("nodeId", doc).put("selector", selector))
                    .path("nodeId").asInt();
            ObjectNode p = Http.JSON.createObjectNode().put("nodeId", node);
            p.putArray("files").add(file.toAbsolutePath().toString());
            b.send("DOM.setFileInputFiles", p);
        }

        void submit(String formSelector, String expectedPath) throws Exception {
            b.evaluate("document.querySelector(" + js(formSelector) + ").submit()");
            waitFor(expectedPath);
        }

        /** Waits until the page shows {@code s}, reloading {@code path} every half second when given. */
        void awaitText(String s, String path) throws Exception {
            long deadline = System.nanoTime() + 60_000_000_000L;
            String t = "";
            while (System.nanoTime() < deadline) {
                t = text();
                if (t.contains(s)) {
                    return;
                }
                Thread.sleep(500);
                if (path != null) {
                    go(path);
                }
            }
            throw new AssertionError("the page never showed '" + s + "': " + t);
        }

        String text() throws Exception {
            return b.evaluate("document.body ? document.body.innerText : ''").asText();
        }

        static String js(String s) {
            return Http.JSON.getNodeFactory().textNode(s).toString();
        }
    }
}

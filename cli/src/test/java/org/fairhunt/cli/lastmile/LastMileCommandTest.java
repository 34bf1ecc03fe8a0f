package org.fairhunt.cli.lastmile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.cli.CliRun;
import org.fairhunt.core.testing.MustRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's and the customer's commands end to end, and the bad inputs of issue 16. */
@MustRun
class LastMileCommandTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;
    Path card;
    Path pub;

    /** Ten-word utterances whose first {@code errors} words are substituted; speakers vary around their accent's rate. */
    private Path speechCsv(String name, String prefix, Map<String, Double> rates, Map<String, Double> siteShift, String siteColumn,
            long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("speaker,accent," + siteColumn + ",reference,hypothesis\n");
        for (var a : rates.entrySet()) {
            for (int s = 0; s < 8; s++) {
                double factor = 0.7 + 0.6 * r.nextDouble();
                for (var site : siteShift.entrySet()) {
                    for (int u = 0; u < 6; u++) {
                        double p = Math.min(0.9, a.getValue() * factor + site.getValue());
                        StringBuilder ref = new StringBuilder();
                        StringBuilder hyp = new StringBuilder();
                        for (int w = 0; w < 10; w++) {
                            ref.append(w == 0 ? "" : " ").append("word").append(w);
                            hyp.append(w == 0 ? "" : " ").append(r.nextDouble() < p ? "other" + w : "word" + w);
                        }
                        sb.append(prefix).append(a.getKey()).append(s).append(',').append(a.getKey()).append(',').append(site.getKey())
                                .append(',').append(ref).append(',').append(hyp).append('\n');
                    }
                }
            }
        }
        Path file = dir.resolve(name);
        Files.writeString(file, sb.toString());
        return file;
    }

    @BeforeEach
    void provider() throws IOException {
        Path eval = speechCsv("eval.csv", "p", Map.of("us", 0.08, "scottish", 0.12), Map.of("clean", 0.0, "noise", 0.05), "condition", 1);
        Path about = dir.resolve("card.yaml");
        Files.writeString(about, "name: Test ASR\nversion: \"2\"\nprovider: Test Provider\nclaims:\n  - \"max_gap(wer) <= 0.2 over [accent]\"\n");
        CliRun wer = CliRun.of("wer", eval.toString(), "--ref-col", "reference", "--hyp-col", "hypothesis", "--speaker", "speaker",
                "--group", "accent", "--group", "condition", "--intersections", "2", "--bootstrap", "200", "--out",
                dir.resolve("eval").toString());
        assertEquals(0, wer.exit(), wer.err());
        CliRun build = CliRun.of("card", "build", dir.resolve("eval/audit.json").toString(), "--about", about.toString(), "--out",
                dir.resolve("card").toString());
        assertEquals(0, build.exit(), build.err());
        assertTrue(Files.exists(dir.resolve("card/card.md")) && Files.exists(dir.resolve("card/card.html")));
        card = dir.resolve("card/card.json");
        assertEquals(0, CliRun.of("card", "keygen", "--out", dir.resolve("provider").toString()).exit());
        pub = dir.resolve("provider.pub");
    }

    @Test
    void signed_card_verifies_and_a_changed_byte_fails() throws IOException {
        CliRun sign = CliRun.of("card", "sign", card.toString(), "--key", dir.resolve("provider.key").toString());
        assertEquals(0, sign.exit(), sign.err());
        CliRun ok = CliRun.of("card", "verify", card.toString(), "--pubkey", pub.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("signed by Test Provider"), ok.out());
        byte[] bytes = Files.readAllBytes(card);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("\"payload\":\"") + 40;
        bytes[at] = (byte) (bytes[at] == 'A' ? 'B' : 'A');
        Path changed = dir.resolve("changed.json");
        Files.write(changed, bytes);
        CliRun bad = CliRun.of("card", "verify", changed.toString(), "--pubkey", pub.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("FAILED"), bad.err());
    }

    @Test
    void customer_test_finds_the_accent_that_degrades_more_on_the_site() throws IOException {
        assertEquals(0, CliRun.of("card", "sign", card.toString(), "--key", dir.resolve("provider.key").toString()).exit());
        Path mine = speechCsv("mine.csv", "c", Map.of("us", 0.08, "scottish", 0.12), Map.of("quiet", 0.0, "floor3", 0.15), "site", 2);
        // the floor hurts scottish speakers more: add errors to their floor3 utterances
        String text = Files.readString(mine);
        StringBuilder worse = new StringBuilder();
        for (String line : text.split("\n")) {
            worse.append(line.contains(",scottish,floor3,") ? line.replaceFirst(",word1 word2 word3 ", ",word1 word2 word3 ")
                    .replaceAll("(,[^,]*)$", "$1").replace(" word4 word5", " other4 other5") : line).append('\n');
        }
        Files.writeString(mine, worse.toString());
        Path out = dir.resolve("lm");
        CliRun run = CliRun.of("lastmile", "--card", card.toString(), "--pubkey", pub.toString(), "--require-signed", mine.toString(),
                "--ref-col", "reference", "--hyp-col", "hypothesis", "--speaker", "speaker", "--group", "accent", "--condition",
                "site", "--tolerance", "wer=0.02", "--out", out.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        JsonNode r = M.readTree(out.resolve("lastmile.json").toFile());
        assertEquals("fairhunt.lastmile/v1", r.path("schema").asText());
        assertTrue(r.path("card").path("signed").asBoolean());
        // the DiD is the difference of the two groups' degradations, each customer - card (hand check on the report's own rows)
        Map<String, JsonNode> marginal = new HashMap<>();
        for (JsonNode c : r.path("comparisons")) {
            if (c.path("slice").size() == 1 && c.path("slice").has("accent")) {
                marginal.put(c.path("slice").path("accent").asText(), c);
            }
        }
        JsonNode d = r.path("differences").get(0);
        String g = d.path("group").asText();
        String ref = d.path("reference").asText();
        double expected = (marginal.get(g).path("customer").asDouble() - marginal.get(g).path("card").asDouble())
                - (marginal.get(ref).path("customer").asDouble() - marginal.get(ref).path("card").asDouble());
        assertEquals(expected, d.path("value").asDouble(), 1e-12);
        // the site column is the customer's own: not covered by the card
        assertTrue(r.path("coverage").toString().contains("site=floor3"), r.path("coverage").toString());
        assertTrue(Files.exists(out.resolve("lastmile.md")) && Files.exists(out.resolve("lastmile.html"))
                && Files.exists(out.resolve("findings.json")));
        String html = Files.readString(out.resolve("lastmile.html"));
        assertTrue(html.contains("fh-forest") && html.contains("fh-cell") || html.contains("<svg"), "charts in the page");
        JsonNode findings = M.readTree(out.resolve("findings.json").toFile());
        assertEquals("fairhunt.findings/v1", findings.path("schema").asText());
    }

    private void assertUserError(CliRun run, String fragment) {
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().startsWith("fairhunt: error: ") && run.err().contains(fragment), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace for a user mistake");
    }

    private CliRun lastmile(Path data, String... extra) {
        String[] base = {"lastmile", "--card", card.toString(), data.toString(), "--ref-col", "reference", "--hyp-col", "hypothesis",
            "--speaker", "speaker", "--group", "accent", "--condition", "site"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRun.of(all);
    }

    @Test
    void bad_inputs_are_clear_errors_with_exit_status_2() throws IOException {
        Path mine = speechCsv("mine.csv", "c", Map.of("us", 0.08, "scottish", 0.12), Map.of("quiet", 0.0, "floor3", 0.1), "site", 3);
        // a card of another schema version
        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, Files.readString(card).replace("fairhunt.card/v1", "fairhunt.card/v2"));
        assertUserError(CliRun.of("lastmile", "--card", v2.toString(), mine.toString(), "--ref-col", "reference", "--hyp-col",
                "hypothesis", "--group", "accent"), "schema is 'fairhunt.card/v2'");
        // a metric the card does not publish
        assertUserError(lastmile(mine, "--tolerance", "auc=0.01"), "the card has no metric 'auc'");
        // a group value the card never saw
        Path welsh = dir.resolve("welsh.csv");
        Files.writeString(welsh, Files.readString(mine).replace(",scottish,", ",welsh,"));
        assertUserError(lastmile(welsh), "value 'welsh' of the customer's data was never seen by the card");
        // mismatched normalization
        assertUserError(lastmile(mine, "--normalize", "case,punctuation"), "mismatched normalization");
        // an unsigned card where a signature is required
        assertUserError(lastmile(mine, "--require-signed"), "not signed");
        // a noise file that is not audio
        Path clean = dir.resolve("clean");
        Files.createDirectories(clean);
        float[] tone = new float[16000];
        for (int k = 0; k < tone.length; k++) {
            tone[k] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * k / 16000.0));
        }
        org.fairhunt.speech.audio.WavFile.write(clean.resolve("u.wav"), new org.fairhunt.speech.audio.Audio(tone, 16000), "test");
        Path notes = dir.resolve("floor3.wav");
        Files.writeString(notes, "minutes of the meeting");
        assertUserError(CliRun.of("augment", clean.toString(), "--condition", "noise-file:" + notes + ",snr=10", "--out",
                dir.resolve("aug").toString()), "floor3.wav");
        assertFalse(Files.exists(dir.resolve("aug")), "nothing written before the noise file is refused");
    }
}

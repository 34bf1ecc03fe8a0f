package org.fairhunt.cli.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.fairhunt.cli.CliRun;
import org.fairhunt.core.testing.MustRun;
import org.fairhunt.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryCommandsTest {
    @TempDir
    Path dir;

    /**
     * 4000 rows: accent (3) × noise (2) × device (4) × a constant column; predictions wrong 5% of the
     * time, 60% for scottish speakers in loud noise; one id column with a distinct value per row.
     */
    private Path data(boolean anyErrors) throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder("id,accent,noise,device,site,y,p\n");
        String[] accents = {"us", "scottish", "indian"};
        String[] noises = {"quiet", "loud"};
        for (int i = 0; i < 4000; i++) {
            String a = accents[rnd.nextInt(3)];
            String n = noises[rnd.nextInt(2)];
            int d = rnd.nextInt(4);
            double pErr = a.equals("scottish") && n.equals("loud") ? 0.6 : 0.05;
            int y = rnd.nextInt(2);
            int p = anyErrors && rnd.nextDouble() < pErr ? 1 - y : y;
            sb.append("u").append(i).append(',').append(a).append(',').append(n).append(",d").append(d).append(",lab1,").append(y).append(',')
                    .append(p).append('\n');
        }
        Path file = dir.resolve(anyErrors ? "data.csv" : "perfect.csv");
        Files.writeString(file, sb.toString());
        return file;
    }

    @Test
    void slices_finds_the_planted_slice_and_writes_three_reports() throws IOException {
        Path out = dir.resolve("reports");
        CliRun run = CliRun.of("slices", data(true).toString(), "--label", "y", "--prediction", "p", "--features", "accent,noise,device,site",
                "--max-depth", "3", "--min-support", "50", "--top", "5", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("accent = scottish AND noise = loud"), run.out());
        assertTrue(run.out().contains("feature 'site' skipped: it has a single value"), run.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("slices.json").toFile());
        assertEquals("fairhunt.slices/v1", json.get("schema").asText());
        JsonNode first = json.get("slices").get(0);
        assertEquals("accent = scottish", first.get("predicates").get(0).asText());
        assertEquals("noise = loud", first.get("predicates").get(1).asText());
        assertTrue(first.get("q_value").asDouble() < 0.05);
        String html = Files.readString(out.resolve("slices.html"));
        assertTrue(html.contains("<svg") && html.contains("accent = scottish AND noise = loud"));
        assertTrue(Files.readString(out.resolve("slices.md")).contains("| 1 | accent = scottish AND noise = loud"));
    }

    @Test
    void slices_refuses_a_feature_with_thousands_of_values() throws IOException {
        CliRun run = CliRun.of("slices", data(true).toString(), "--label", "y", "--prediction", "p", "--features", "accent,id");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("feature 'id' has 4000 distinct values (at most 100 allowed)"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace for a user mistake");
    }

    @Test
    void slices_with_no_errors_at_all_says_there_is_nothing_to_find() throws IOException {
        CliRun run = CliRun.of("slices", data(false).toString(), "--label", "y", "--prediction", "p", "--features", "accent,noise");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("No slice found."), run.out());
        assertTrue(run.out().contains("no errors at all in 4000 rows"), run.out());
    }

    @Test
    void slices_without_an_error_definition_is_a_user_error() throws IOException {
        CliRun run = CliRun.of("slices", data(true).toString(), "--features", "accent");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("say what a row's error is"), run.err());
    }

    @Test
    void slices_on_speech_errors_over_words() throws IOException {
        Path f = dir.resolve("asr.csv");
        StringBuilder sb = new StringBuilder("voice,condition,errors,ref_words\n");
        for (int i = 0; i < 400; i++) {
            boolean bad = i % 4 == 0 && i % 8 == 0;
            sb.append(i % 2 == 0 ? "awb" : "slt").append(',').append(i % 4 < 2 ? "noise" : "clean").append(',')
                    .append(bad ? 6 : 1).append(',').append(10).append('\n');
        }
        Files.writeString(f, sb.toString());
        CliRun run = CliRun.of("slices", f.toString(), "--errors-col", "errors", "--units-col", "ref_words", "--features", "voice,condition",
                "--min-support", "20", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        // awb & noise rows: i ≡ 0 (mod 4); half of them (i ≡ 0 mod 8) have 6 errors, the rest 1: WER (50·6 + 50·1)/1000 = 0.35
        JsonNode first = json.get("slices").get(0);
        assertEquals("voice = awb", first.get("predicates").get(0).asText());
        assertEquals("condition = noise", first.get("predicates").get(1).asText());
        assertEquals(0.35, first.get("error").asDouble(), 1e-12);
        assertEquals("ratio", json.get("error_kind").asText());
    }

    @Test
    void coverage_counts_cells_compares_with_targets_and_plans() throws IOException {
        Path targets = dir.resolve("population.csv");
        Files.writeString(targets, "accent,share\nus,0.5\nscottish,0.2\nindian,0.2\nwelsh,0.1\n");
        Path out = dir.resolve("cov");
        CliRun run = CliRun.of("coverage", data(true).toString(), "--dimensions", "accent,noise,device", "--strength", "2",
                "--min-per-cell", "200", "--target-shares", targets.toString(), "--detect-gap", "0.03", "--label", "y", "--prediction", "p",
                "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("coverage.json").toFile());
        // accent has 4 values (welsh from the targets), noise 2, device 4: 4·2 + 4·4 + 2·4 = 32 cells
        assertEquals(32, json.get("summary").get("cells").asInt());
        assertTrue(json.get("targets").get(0).get("kl_infinite").asBoolean(), "welsh has a share but no rows");
        assertTrue(json.get("plan").get("rows_per_cell").asDouble() > 0);
        assertTrue(Files.readString(out.resolve("coverage.html")).contains("accent × noise"));
    }

    @Test
    void coverage_refuses_target_shares_missing_a_value_of_the_data() throws IOException {
        Path targets = dir.resolve("population.csv");
        Files.writeString(targets, "accent,share\nus,0.5\nscottish,0.5\n");
        CliRun run = CliRun.of("coverage", data(true).toString(), "--dimensions", "accent,noise", "--target-shares", targets.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("give no share for these values of accent that occur in the data: indian"), run.err());
    }

    @Test
    void coverage_uses_explicit_cut_points_for_a_numeric_dimension() throws IOException {
        Path f = dir.resolve("ages.csv");
        Files.writeString(f, "age,sex\n20,f\n35,m\n41,f\n67,m\n52,f\n");
        CliRun run = CliRun.of("coverage", f.toString(), "--dimensions", "age,sex", "--bin", "age=40", "--min-per-cell", "1", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("<40", json.get("dimensions").get(0).get("values").get(0).asText());
        assertEquals(">=40", json.get("dimensions").get(0).get("values").get(1).asText());
        // <40: f, m; >=40: f, m, f → all 4 cells have rows
        assertEquals(4, json.get("summary").get("covered_cells").asInt());
    }

    @Test
    @MustRun
    void slices_of_the_real_speech_set_from_its_transcripts() throws IOException {
        Path asr = SharedData.shipped(SharedData.SPEECH_FIXTURES).resolve("asr_eval.csv");
        CliRun run = CliRun.of("slices", asr.toString(), "--ref-col", "reference", "--hyp-col", "hypothesis",
                "--features", "voice,condition,accent,sex,engine", "--max-depth", "2", "--min-support", "20", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        // sclite (shared/data/speech/README.md): all utterances 76.3 % WER; telephone 97.5 %.
        assertEquals(0.763, json.get("overall_error").asDouble(), 0.0005);
        JsonNode first = json.get("slices").get(0);
        assertEquals("condition = telephone", first.get("predicates").get(0).asText());
        assertEquals(0.975, first.get("error").asDouble(), 0.0005);
        assertEquals(2808, first.get("units").asDouble(), 0);
    }

    /** Six utterances: a case difference, a substitution, a missing reference, a missing hypothesis, an insertion. */
    private Path transcripts() throws IOException {
        Path file = dir.resolve("w.csv");
        Files.writeString(file, "utterance_id,voice,reference,hypothesis\n"
                + "u1,a,the cat sat,The cat sat\n"
                + "u2,a,hello world,hello word\n"
                + "u3,b,,spurious words\n"
                + "u4,b,good morning all,\n"
                + "u5,a,One Two three,one two three four\n"
                + "u6,b,it is ok,it is okay\n");
        return file;
    }

    private static double werOf(CliRun wer) throws IOException {
        assertEquals(0, wer.exit(), wer.err());
        return new ObjectMapper().readTree(wer.out()).get("slices").get(0).get("metrics").get("wer").get("value").asDouble();
    }

    @Test
    void wer_and_slices_give_the_same_wer_for_the_same_rows_with_sclites_rule_for_a_missing_side() throws IOException {
        Path w = transcripts();
        // By hand, case folded: 14 reference words; errors 0 + 1 (sub) + 2 (ins, no reference) + 3 (del, no hypothesis)
        // + 1 (ins) + 1 (sub) = 8. Without normalization u1's "The" and u5's "One", "Two" are substitutions too: 11.
        for (String[] normalize : new String[][] {{}, {"--normalize", "none"}}) {
            double expected = normalize.length == 0 ? 8 / 14.0 : 11 / 14.0;
            java.util.List<String> werArgs = new java.util.ArrayList<>(java.util.List.of("wer", w.toString(), "--ref-col", "reference",
                    "--hyp-col", "hypothesis", "--group", "voice", "--min-group-size", "1", "--json"));
            werArgs.addAll(java.util.List.of(normalize));
            double fromWer = werOf(CliRun.of(werArgs.toArray(String[]::new)));
            java.util.List<String> slicesArgs = new java.util.ArrayList<>(java.util.List.of("slices", w.toString(), "--ref-col",
                    "reference", "--hyp-col", "hypothesis", "--features", "voice", "--min-support", "1", "--json"));
            slicesArgs.addAll(java.util.List.of(normalize));
            CliRun slices = CliRun.of(slicesArgs.toArray(String[]::new));
            assertEquals(0, slices.exit(), slices.err());
            JsonNode json = new ObjectMapper().readTree(slices.out());
            assertEquals(expected, fromWer, 1e-12);
            assertEquals(expected, json.get("overall_error").asDouble(), 1e-12);
            assertEquals(0, json.get("excluded_rows").asInt(), "a missing side is scored as empty text, not dropped");
        }
    }

    @Test
    void a_label_yes_no_with_predictions_Yes_No_is_the_same_clear_error_as_in_audit() throws IOException {
        Path file = dir.resolve("case.csv");
        StringBuilder sb = new StringBuilder("g,y,p\n");
        for (int i = 0; i < 200; i++) {
            sb.append(i % 2 == 0 ? "a" : "b").append(',').append(i % 3 == 0 ? "yes" : "no").append(',').append(i % 3 == 0 ? "Yes" : "No")
                    .append('\n');
        }
        Files.writeString(file, sb.toString());
        CliRun slices = CliRun.of("slices", file.toString(), "--label", "y", "--prediction", "p", "--features", "g");
        CliRun audit = CliRun.of("audit", file.toString(), "--label", "y", "--prediction", "p", "--group", "g");
        assertEquals(2, slices.exit(), slices.out());
        assertEquals(2, audit.exit(), audit.out());
        assertTrue(slices.err().contains("prediction column 'p' never takes the positive value 'yes'"), slices.err());
        assertTrue(audit.err().contains("prediction column 'p' never takes the positive value 'yes'"), audit.err());
        assertFalse(slices.err().contains("Exception"), slices.err());
    }

    @Test
    void help_of_slices_coverage_and_wer_prints_no_picocli_warnings() {
        for (String command : new String[] {"slices", "coverage", "wer"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exit(), command + ": " + run.err());
            assertFalse((run.out() + run.err()).contains("WARN"), command + ": " + run.err());
            assertTrue(run.out().contains("Usage"), command);
        }
        assertTrue(CliRun.of("coverage", "--help").out().contains("(80% power"));
    }

    @Test
    void a_gap_no_cell_size_can_detect_is_explained_not_about_infinity_rows() throws IOException {
        Path file = dir.resolve("small.csv");
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i % 3 == 0 ? "x" : "y").append(',').append(i % 2 == 0 ? "p" : "q").append('\n');
        }
        Files.writeString(file, sb.toString());
        // 60 rows at the default baseline 0.5: detecting a gap of 0.01 needs about 19,600 rows outside the cell
        // ((1.96 + 0.84)² · 0.25 / 0.01²), so no cell size reaches 80% power.
        CliRun run = CliRun.of("coverage", file.toString(), "--dimensions", "a,b", "--strength", "2", "--min-per-cell", "30",
                "--detect-gap", "0.01", "--out", dir.resolve("cov").toString());
        assertEquals(0, run.exit(), run.err());
        assertFalse(run.out().contains("Infinity"), run.out());
        assertTrue(run.out().contains("more rows than any cell can have"), run.out());
        for (String f : new String[] {"coverage.md", "coverage.html"}) {
            String text = Files.readString(dir.resolve("cov").resolve(f));
            assertFalse(text.contains("Infinity") || text.contains("about unreachable"), f);
        }
    }

    @Test
    void coverage_values_and_heatmap_axes_are_in_natural_order_with_target_only_values_in_place() throws IOException {
        Path file = dir.resolve("order.csv");
        StringBuilder sb = new StringBuilder("site,band\n");
        String[] sites = {"s10", "s2", "s1"};
        for (int i = 0; i < 90; i++) {
            sb.append(sites[i % 3]).append(',').append(i % 2 == 0 ? "b" : "a").append('\n');
        }
        Files.writeString(file, sb.toString());
        Path target = dir.resolve("target.csv");
        Files.writeString(target, "site,share\ns1,0.2\ns2,0.2\ns10,0.2\ns3,0.4\n");
        CliRun run = CliRun.of("coverage", file.toString(), "--dimensions", "site,band", "--strength", "2", "--target-shares",
                target.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode values = new ObjectMapper().readTree(run.out()).get("dimensions").get(0).get("values");
        assertEquals("[\"s1\",\"s2\",\"s3\",\"s10\"]", values.toString());
    }
}

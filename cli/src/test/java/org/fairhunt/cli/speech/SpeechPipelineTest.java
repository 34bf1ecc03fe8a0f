package org.fairhunt.cli.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairhunt.cli.CliRun;
import org.fairhunt.cli.Main;
import org.fairhunt.speech.audio.Audio;
import org.fairhunt.speech.audio.WavFile;
import org.fairhunt.speech.tools.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speech pipeline as the README writes it (augment → transcribe → wer), the id convention that
 * joins its steps, the speaker on every route, and transcribe's journal surviving a SIGKILL.
 */
class SpeechPipelineTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs the commands of the README's speech block as written there (all but the demo, which
     * {@code SpeechDemoTest} covers at a smaller size), in a folder holding what they name: clean/ with two
     * speakers, clean.trn, and data.csv (the shipped set with its voice column as the speaker).
     */
    @Test
    void readmeSpeechCommandsRunAsWritten() throws Exception {
        assumeTrue(ExternalTools.pocketsphinxContinuous().isPresent(), "pocketsphinx is not installed");
        Path d = SpeechCommandsTest.speechData();
        Path clean = Files.createDirectories(tmp.resolve("clean"));
        Files.copy(d.resolve("wav/awb_clean_s01.wav"), clean.resolve("awb-s01.wav"));
        Files.copy(d.resolve("wav/slt_clean_s01.wav"), clean.resolve("slt-s01.wav"));
        Files.writeString(tmp.resolve("clean.trn"), "the birch canoe slid on the smooth planks (awb-s01)\n"
                + "the birch canoe slid on the smooth planks (slt-s01)\n");
        List<String> csv = new ArrayList<>(Files.readAllLines(d.resolve("asr_eval.csv")));
        csv.set(0, csv.get(0).replace("voice", "speaker"));
        Files.write(tmp.resolve("data.csv"), csv);

        String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        String block = readme.substring(readme.indexOf("## Speech"));
        block = block.substring(block.indexOf("```") + 3);
        block = block.substring(block.indexOf('\n') + 1, block.indexOf("```"));
        List<String> commands = new ArrayList<>();
        for (String line : block.replace("\\\n", " ").split("\n")) {
            if (line.startsWith("./fairhunt ") && !line.startsWith("./fairhunt demo")) {
                commands.add(line.substring("./fairhunt ".length()).strip());
            }
        }
        assertEquals(4, commands.size(), block);
        for (String command : commands) {
            // Paths are relative to the folder prepared above.
            String[] args = command.split("\\s+");
            for (int k = 0; k < args.length; k++) {
                if (args[k].contains("/") || args[k].endsWith(".trn") || args[k].endsWith(".csv")) {
                    args[k] = tmp.resolve(args[k]).toString();
                }
            }
            CliRun run = CliRun.of(args);
            assertEquals(0, run.exit(), command + "\n" + run.out() + run.err());
            if (command.startsWith("wer --ref")) {
                assertTrue(run.out().contains("speaker=awb") && run.out().contains("speaker=slt")
                        && run.out().contains("condition=white-noise-snr10") && run.out().contains("condition=telephone"), run.out());
            }
        }
        assertTrue(Files.isRegularFile(tmp.resolve("noisy/white-noise-snr10/awb-white-noise-snr10_s01.wav")));
        assertTrue(Files.isRegularFile(tmp.resolve("reports/asr/audit.html")));
    }

    @Test
    void speakerIsTheIdFieldNamedOnTrnInputAndTheReportSaysSo() throws Exception {
        Path ref = Files.writeString(tmp.resolve("ref.trn"), "a b c (awb-white-noise-snr10_s01)\nd e f (awb-clean_s02)\n"
                + "a b (rms-clean_s01)\nd e (rms-white-noise-snr10_s02)\n");
        Path hyp = Files.writeString(tmp.resolve("hyp.trn"), "a x c (awb-white-noise-snr10_s01)\nd e (awb-clean_s02)\n"
                + "a b (rms-clean_s01)\nd (rms-white-noise-snr10_s02)\n");
        CliRun bySpeaker = CliRun.of("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--bootstrap", "20", "--json");
        assertEquals(0, bySpeaker.exit(), bySpeaker.err());
        JsonNode speech = JSON.readTree(bySpeaker.out()).get("speech");
        assertTrue(speech.get("speaker_source").asText().contains("id field 'speaker'"), speech.toString());
        List<String> labels = new ArrayList<>();
        JSON.readTree(bySpeaker.out()).get("slices").forEach(s -> labels.add(s.get("attributes").toString()));
        assertTrue(labels.contains("{\"speaker\":\"awb\"}") && labels.contains("{\"speaker\":\"rms\"}"), labels.toString());

        CliRun byCondition = CliRun.of("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--id-fields",
                "voice,condition,sentence", "--speaker", "voice", "--group", "condition", "--bootstrap", "20", "--json");
        assertEquals(0, byCondition.exit(), byCondition.err());
        JsonNode root = JSON.readTree(byCondition.out());
        assertEquals("voice", root.get("settings").get("bootstrap").get("cluster").asText());
        assertTrue(root.get("speech").get("speaker_source").asText().contains("id field 'voice'"));

        CliRun mismatch = CliRun.of("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--id-fields", "a,b,c,d");
        assertEquals(2, mismatch.exit());
        assertTrue(mismatch.err().contains("does not have the 4 parts"), mismatch.err());
        CliRun unknown = CliRun.of("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--speaker", "talker");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--speaker 'talker' is not a field"), unknown.err());
    }

    @Test
    void perSpeakerTotalsEqualScliteOnIdsWithDashesAndOptionalWords() throws Exception {
        var exe = ExternalTools.sclite();
        assumeTrue(exe.isPresent(), "sclite is not installed");
        // '-' in the ids, and optional words and an alternation in the references (sclite -D).
        Path ref = Files.writeString(tmp.resolve("ref.trn"), "a b (uh) c (awb_white-noise_s01)\nd e f (awb-clean_s02)\n"
                + "a { b / d } (rms-x_s03)\ng h i j (m_n-o_p)\n");
        Path hyp = Files.writeString(tmp.resolve("hyp.trn"), "a x c (awb_white-noise_s01)\nd e (awb-clean_s02)\n"
                + "a d q (rms-x_s03)\ng i j (m_n-o_p)\n");
        Process p = new ProcessBuilder(exe.get().toString(), "-r", ref.toString(), "trn", "-h", hyp.toString(), "trn", "-i", "rm",
                "-D", "-o", "sum", "stdout").redirectErrorStream(true).start();
        String sclite = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        CliRun ours = CliRun.of("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--min-group-size", "1");
        assertEquals(0, ours.exit(), ours.err());
        // sclite's speakers: awb_white (up to the first '-'), awb, rms, m_n; the same rows in ours.
        // Each speaker's #Snt #Wrd | Corr Sub Del Ins Err, as sclite prints them.
        for (String[] row : new String[][] {{"awb_white", "1", "4", "75.0", "25.0", "0.0", "0.0", "25.0"},
                {"awb", "1", "3", "66.7", "0.0", "33.3", "0.0", "33.3"}, {"rms", "1", "2", "100.0", "0.0", "0.0", "50.0", "50.0"},
                {"m_n", "1", "4", "75.0", "0.0", "25.0", "0.0", "25.0"}}) {
            String numbers = row[1] + "\\s+" + row[2] + " \\|\\s*" + String.join("\\s+", List.of(row).subList(3, 8)).replace(".", "\\.");
            assertTrue(sclite.matches("(?s).*\\| " + row[0] + "\\s+\\|\\s+" + numbers + ".*"), row[0] + "\n" + sclite);
            assertTrue(ours.out().matches("(?s).*speaker=" + row[0] + "\\s+" + numbers + ".*"), row[0] + "\n" + ours.out());
        }
    }

    @Test
    void aSingleSpeakerPairAndATableWithoutGroupsGiveTheOverallWer() throws Exception {
        Path ref = Files.writeString(tmp.resolve("ref.trn"), "a b c d (spk-u1)\ne f (spk-u2)\n");
        Path hyp = Files.writeString(tmp.resolve("hyp.trn"), "a b x d (spk-u1)\ne (spk-u2)\n");
        CliRun trn = CliRun.of("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--bootstrap", "20");
        assertEquals(0, trn.exit(), trn.err());
        // 6 reference words, 1 substitution and 1 deletion: 33.3 %
        assertTrue(trn.out().matches("(?s).*\\(all\\)\\s+2\\s+6 \\|\\s+66\\.7\\s+16\\.7\\s+16\\.7\\s+0\\.0\\s+33\\.3.*"), trn.out());
        Path csv = Files.writeString(tmp.resolve("t.csv"), "reference,hypothesis\na b c d,a b x d\ne f,e\n");
        CliRun table = CliRun.of("wer", csv.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().matches("(?s).*\\(all\\)\\s+2\\s+6 \\|.*33\\.3.*"), table.out());
        assertTrue(table.out().contains("speakers: none"), table.out());
    }

    @Test
    void transcribeRefusesABadOutBeforeDecoding() throws Exception {
        Path audio = Files.createDirectories(tmp.resolve("audio"));
        WavFile.write(audio.resolve("spk-u1.wav"), new Audio(new float[160], 16000), null);
        Path marker = tmp.resolve("decoded");
        Path asr = script("touch " + marker + "; echo hi");
        Path existing = Files.writeString(tmp.resolve("hyp.trn"), "old (x-y)\n");
        for (String[] c : new String[][] {{existing.toString(), "already exists; add --force"}, {tmp.toString(), "is a folder"},
                {tmp.resolve("no/such/dir/h.trn").toString(), "does not exist"}}) {
            CliRun run = CliRun.of("transcribe", audio.toString(), "--engine", "command", "--command", asr + " {wav}", "--out", c[0]);
            assertEquals(2, run.exit(), run.err());
            assertTrue(run.err().contains(c[1]), run.err());
        }
        assertFalse(Files.exists(marker), "nothing may be decoded before --out is known to be writable");
        assertEquals("old (x-y)\n", Files.readString(existing));
        CliRun forced = CliRun.of("transcribe", audio.toString(), "--engine", "command", "--command", asr + " {wav}", "--out",
                existing.toString(), "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertEquals("hi (spk-u1)\n", Files.readString(existing));
    }

    @Test
    void transcribeKilledWithSigkillKeepsItsWorkAndResumes() throws Exception {
        Path audio = Files.createDirectories(tmp.resolve("audio"));
        int n = 12;
        for (int k = 0; k < n; k++) {
            WavFile.write(audio.resolve(String.format("spk-u%02d.wav", k)), new Audio(new float[160], 16000), null);
        }
        Path calls = tmp.resolve("calls.log");
        Path asr = script("echo \"$1\" >> " + calls + "; sleep 0.4; echo words of $(basename \"$1\" .wav)");
        Path out = tmp.resolve("hyp.trn");
        List<String> command = List.of(javaBin(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "transcribe",
                audio.toString(), "--engine", "command", "--command", asr + " {wav}", "--out", out.toString(), "--threads", "1");
        Process first = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("first.log").toFile()).start();
        Path journal = tmp.resolve("hyp.trn.partial.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (!Files.exists(journal) || Files.readAllLines(journal).size() < 5)) {
            Thread.sleep(50);
        }
        first.destroyForcibly(); // SIGKILL
        first.waitFor(10, TimeUnit.SECONDS);
        assertFalse(Files.exists(out), "no trn before the run finishes");
        int journalled = Files.readAllLines(journal).size() - 1;
        assertTrue(journalled >= 4 && journalled < n, "journalled " + journalled);

        Process second = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(second.getInputStream().readAllBytes());
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue(), log);
        assertTrue(log.contains("Resuming from") && log.contains(journalled + " of " + n), log);
        List<String> lines = Files.readAllLines(out);
        assertEquals(n, lines.size());
        for (int k = 0; k < n; k++) {
            assertEquals(String.format("words of spk-u%02d (spk-u%02d)", k, k), lines.get(k));
        }
        assertFalse(Files.exists(journal));
        // Only the files not journalled (and at most the one in flight at the kill) were decoded again.
        int decoded = Files.readAllLines(calls).size();
        assertTrue(decoded <= n + 1, "decoded " + decoded + " times for " + n + " files");
    }

    @Test
    void werKilledWithSigkillLeavesEveryReportOldOrNewNeverHalfWritten() throws Exception {
        Path csv = SpeechCommandsTest.speechData().resolve("asr_eval.csv");
        Path out = tmp.resolve("reports");
        List<String> files = List.of("audit.json", "audit.md", "audit.html", "summary.txt", "alignments.txt", "ref.norm.trn",
                "hyp.norm.trn");
        java.util.function.Function<String, List<String>> command = seed -> List.of(javaBin(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "wer", csv.toString(), "--speaker", "voice", "--group",
                "accent", "--group", "condition", "--bootstrap", "100", "--seed", seed, "--out", out.toString());
        java.util.Map<String, List<String>> old = complete(command.apply("1"), out, files);
        Path fresh = tmp.resolve("fresh");
        long started = System.nanoTime();
        java.util.Map<String, List<String>> neu = complete(command.apply("2").stream()
                .map(a -> a.equals(out.toString()) ? fresh.toString() : a).toList(), fresh, files);
        // Kill moments are drawn inside the measured length of a complete run, so a quiet machine (a short run)
        // is killed as surely as a loaded one.
        long runMillis = Math.max(200, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        java.util.Random random = new java.util.Random(11);
        int kills = 0;
        for (int round = 0; round < 6; round++) {
            Process p = new ProcessBuilder(command.apply("2")).redirectErrorStream(true).redirectOutput(tmp.resolve("kill.log").toFile())
                    .start();
            Thread.sleep((long) (runMillis * (0.2 + 0.75 * random.nextDouble())));
            if (p.isAlive()) {
                p.destroyForcibly(); // SIGKILL at a random moment
                kills++;
            }
            p.waitFor(10, TimeUnit.SECONDS);
            for (String f : files) {
                List<String> now = Files.readAllLines(out.resolve(f));
                assertTrue(now.equals(old.get(f)) || now.equals(neu.get(f)), f + " is neither the old nor the new complete file");
            }
        }
        assertTrue(kills > 0, "no run was killed; the random moments were all too late");
    }

    private static java.util.Map<String, List<String>> complete(List<String> command, Path dir, List<String> files) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        java.util.Map<String, List<String>> out = new java.util.HashMap<>();
        for (String f : files) {
            out.put(f, Files.readAllLines(dir.resolve(f)));
        }
        return out;
    }

    private Path script(String body) throws Exception {
        Path s = Files.createTempFile(tmp, "asr", ".sh");
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString() + (File.separatorChar == '\\' ? ".exe" : "");
    }
}

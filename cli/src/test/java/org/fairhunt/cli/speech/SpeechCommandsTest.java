package org.fairhunt.cli.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.fairhunt.cli.CliRun;
import org.fairhunt.speech.audio.Audio;
import org.fairhunt.speech.audio.Signals;
import org.fairhunt.speech.audio.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wer}, {@code augment} and {@code transcribe} through the real command line. */
class SpeechCommandsTest {

    @TempDir
    Path tmp;

    /** The speech set shipped with speech's tests (no ../shared needed). */
    static Path speechData() {
        return org.fairhunt.core.testing.SharedData.shipped(org.fairhunt.core.testing.SharedData.SPEECH_FIXTURES);
    }

    @Test
    void werOnTrnFilesPrintsScliteFiguresPerVoiceAndWritesReports() throws Exception {
        Path d = speechData();
        CliRun run = CliRun.of("wer", "--ref", d.resolve("ref.trn").toString(), "--hyp", d.resolve("hyp.trn").toString(),
                "--id-fields", "voice,condition,sentence", "--group", "voice", "--group", "condition", "--out",
                tmp.resolve("asr").toString(), "--worst", "2");
        assertEquals(0, run.exit(), run.err());
        // sclite's row for awb: 160 1248 | 27.9 39.7 32.4 2.8 74.9 98.8
        assertTrue(run.out().matches("(?s).*voice=awb\\s+160\\s+1248 \\|\\s+27\\.9\\s+39\\.7\\s+32\\.4\\s+2\\.8\\s+74\\.9\\s+98\\.8.*"), run.out());
        for (String f : List.of("audit.json", "summary.txt", "alignments.txt", "ref.norm.trn", "hyp.norm.trn")) {
            assertTrue(Files.isRegularFile(tmp.resolve("asr").resolve(f)), f);
        }
    }

    @Test
    void werOnTheCsvRunsThroughTheEngineWithSpeakerClusteredBootstrap() {
        Path d = speechData();
        CliRun run = CliRun.of("wer", d.resolve("asr_eval.csv").toString(), "--ref-col", "reference", "--hyp-col", "hypothesis",
                "--speaker", "voice", "--group", "accent", "--group", "condition", "--intersections", "2", "--bootstrap", "50",
                "--json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"cluster\" : \"voice\""), run.out().substring(0, 800));
        assertTrue(run.out().contains("\"accent\" : \"scottish\""));
        assertTrue(run.out().contains("\"wer\""));
    }

    @Test
    void hypothesisIdsWithoutReferenceAreAUserErrorUnlessScoredAll() throws Exception {
        Path ref = Files.writeString(tmp.resolve("ref.trn"), "a b c (s1_u1)\nd e (s2_u3)\n");
        Path hyp = Files.writeString(tmp.resolve("hyp.trn"), "a b c (s1_u1)\nx y (s1_u2)\nd e (s2_u3)\n");
        CliRun refused = CliRun.of("wer", "--ref", ref.toString(), "--hyp", hyp.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("s1_u2") && refused.err().contains("--missing score-all"), refused.err());
        CliRun scored = CliRun.of("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--missing", "score-all",
                "--min-group-size", "1");
        assertEquals(0, scored.exit(), scored.err());
        // 5 reference words, 2 insertions: Err 40 %; 1 of 3 utterances wrong
        assertTrue(scored.out().matches("(?s).*\\(all\\)\\s+3\\s+5 \\|\\s+100\\.0\\s+0\\.0\\s+0\\.0\\s+40\\.0\\s+40\\.0\\s+33\\.3.*"),
                scored.out());
    }

    @Test
    void aCorpusWithMoreSpeakersThanTheGroupCapIsAuditedPerSpeakerByDefault() throws Exception {
        // --max-levels (1000) guards against an id column named as a group; the default slices are the speakers,
        // and a corpus has thousands of them: 1,200 speakers, each with one utterance of 2 words, every 4th one wrong.
        StringBuilder ref = new StringBuilder();
        StringBuilder hyp = new StringBuilder();
        for (int s = 0; s < 1200; s++) {
            ref.append("good morning (spk").append(s).append("_u1)\n");
            hyp.append(s % 4 == 0 ? "good evening" : "good morning").append(" (spk").append(s).append("_u1)\n");
        }
        Path r = Files.writeString(tmp.resolve("ref.trn"), ref);
        Path h = Files.writeString(tmp.resolve("hyp.trn"), hyp);
        CliRun run = CliRun.of("wer", "--ref", r.toString(), "--hyp", h.toString(), "--min-group-size", "1");
        assertEquals(0, run.exit(), run.err());
        // 2,400 reference words, 300 substitutions: 12.5 %
        assertTrue(run.out().matches("(?s).*\\(all\\)\\s+1200\\s+2400 \\|.*\\s12\\.5\\s.*"), run.out());
        // A named group is still capped.
        CliRun capped = CliRun.of("wer", "--ref", r.toString(), "--hyp", h.toString(), "--group", "speaker", "--max-levels", "100");
        assertEquals(2, capped.exit(), capped.err());
        assertTrue(capped.err().contains("1200 distinct values"), capped.err());
    }

    @Test
    void aDifferenceWithBothSidesAtTheCeilingOrTheFloorIsNotedAsBounded() throws Exception {
        // Four speakers of 6-word utterances, each either wholly wrong (6 substitutions: WER 100 %) or right (0 %); the
        // largest speaker is the reference of the differences. WER >= 90 % on both sides is the ceiling, <= 2 % the floor.
        String[] expected = {
            "speaker=sp1 vs speaker=sp0: both at the ceiling (WER 100.0% and 100.0%); the difference is bounded by it",
            "speaker=sp1 vs speaker=sp0: both at the floor (WER 0.0% and 0.0%); the difference is bounded by it"};
        for (int largest = 0; largest < 2; largest++) {
            boolean wrongLargest = largest == 0; // sp0 (the largest) and sp1 wholly wrong in the first run, right in the second
            StringBuilder ref = new StringBuilder();
            StringBuilder hyp = new StringBuilder();
            for (int s = 0; s < 4; s++) {
                boolean wrong = (s < 2) == wrongLargest;
                for (int u = 0; u < (s == 0 ? 40 : 30); u++) {
                    String id = " (sp" + s + "-u" + u + ")\n";
                    ref.append("the cat sat on the mat").append(id);
                    hyp.append(wrong ? "a b c d e f" : "the cat sat on the mat").append(id);
                }
            }
            Path r = Files.writeString(tmp.resolve("ref" + largest + ".trn"), ref);
            Path h = Files.writeString(tmp.resolve("hyp" + largest + ".trn"), hyp);
            Path out = tmp.resolve("bounded" + largest);
            CliRun run = CliRun.of("wer", "--ref", r.toString(), "--hyp", h.toString(), "--out", out.toString());
            assertEquals(0, run.exit(), run.err());
            var notes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("audit.json").toFile())
                    .path("speech").path("bounded_comparisons");
            assertEquals("[\"" + expected[largest] + "\"]", notes.toString(), wrongLargest ? "ceiling" : "floor");
        }
    }

    @Test
    void malformedTrnIsReportedWithFileAndLine() throws Exception {
        Path ref = Files.writeString(tmp.resolve("ref.trn"), "a b c (s1_u1)\nno id here\n");
        CliRun run = CliRun.of("wer", "--ref", ref.toString(), "--hyp", ref.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("ref.trn:2"), run.err());
    }

    @Test
    void augmentWritesEachConditionAndRecordsItsMeasuredSnr() throws Exception {
        Path clean = Files.createDirectories(tmp.resolve("clean"));
        float[] x = new float[16000];
        for (int k = 4000; k < 12000; k++) {
            x[k] = (float) (0.1 * Math.sin(2 * Math.PI * 300 * k / 16000.0));
        }
        WavFile.write(clean.resolve("spk_a.wav"), new Audio(x, 16000), null);
        CliRun run = CliRun.of("augment", clean.toString(), "--condition", "white-noise:snr=10", "--condition", "telephone",
                "--out", tmp.resolve("noisy").toString(), "--seed", "4");
        assertEquals(0, run.exit(), run.err());
        Audio noisy = WavFile.read(tmp.resolve("noisy/white-noise-snr10/spk-white-noise-snr10_a.wav"));
        Audio cleanBack = WavFile.read(clean.resolve("spk_a.wav"));
        float[] noise = new float[noisy.length()];
        for (int k = 0; k < noise.length; k++) {
            noise[k] = noisy.samples()[k] - cleanBack.samples()[k];
        }
        assertEquals(10.0, Signals.db(Signals.speechRms(cleanBack.samples()) / Signals.rms(noise)), 0.05);
        assertTrue(Files.isRegularFile(tmp.resolve("noisy/telephone-low300-high3400-rate8000/spk-telephone-low300-high3400-rate8000_a.wav")));
        List<String> meta = Files.readAllLines(tmp.resolve("noisy/conditions.jsonl"));
        assertEquals(2, meta.size());
        assertTrue(meta.get(0).contains("\"spec\":\"white-noise:snr=10\"") && meta.get(0).contains("\"signal_to_distortion_db\":10.0"),
                meta.get(0));
    }

    @Test
    void augmentRejectsAnUnknownCondition() throws Exception {
        CliRun run = CliRun.of("augment", tmp.toString(), "--condition", "echo-chamber:rt60=1", "--out", tmp.resolve("o").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown condition 'echo-chamber'"), run.err());
    }

    @Test
    void transcribeWithACommandWritesTrnAndReportsTheFileThatFailed() throws Exception {
        Path audio = Files.createDirectories(tmp.resolve("audio"));
        WavFile.write(audio.resolve("spk_ok.wav"), new Audio(new float[160], 16000), null);
        WavFile.write(audio.resolve("spk_bad.wav"), new Audio(new float[160], 16000), null);
        Path asr = tmp.resolve("asr.sh");
        Files.writeString(asr, "#!/bin/sh\ncase \"$1\" in *bad*) echo 'decoder crashed' >&2; exit 9;; esac\necho hello there\n");
        Files.setPosixFilePermissions(asr, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = tmp.resolve("hyp.trn");
        CliRun run = CliRun.of("transcribe", audio.toString(), "--engine", "command", "--command", asr + " {wav}", "--out",
                out.toString(), "--timeout", "20");
        assertEquals(1, run.exit(), run.err());
        // The failed file is an empty hypothesis (sclite scores it as all deletions) and is listed beside the trn.
        assertEquals("(spk_bad)\nhello there (spk_ok)\n", Files.readString(out));
        assertTrue(run.err().contains("spk_bad.wav") && run.err().contains("decoder crashed"), run.err());
        assertTrue(Files.readString(tmp.resolve("hyp.trn.failed.jsonl")).contains("\"id\":\"spk_bad\""));
        assertTrue(Files.notExists(tmp.resolve("hyp.trn.partial.jsonl")));
        // wer names the failed utterance in its report and scores it as deletions.
        Path ref = Files.writeString(tmp.resolve("ref.trn"), "hello there (spk_ok)\nsay it again (spk_bad)\n");
        CliRun wer = CliRun.of("wer", "--ref", ref.toString(), "--hyp", out.toString(), "--min-group-size", "1");
        assertEquals(0, wer.exit(), wer.err());
        assertTrue(wer.out().matches("(?s).*\\(all\\)\\s+2\\s+5 \\|\\s+40\\.0\\s+0\\.0\\s+60\\.0\\s+0\\.0\\s+60\\.0.*"), wer.out());
        assertTrue(wer.out().contains("failed on, scored as all deletions") && wer.out().contains("spk_bad: ") && wer.out().contains("decoder crashed"), wer.out());
    }

    @Test
    void compareRunsScliteMatchedPairTestOnTwoSystems() throws Exception {
        Path d = speechData();
        List<String> ref = Files.readAllLines(d.resolve("ref.trn")).stream().filter(l -> l.contains("_clean_")).toList();
        List<String> a = Files.readAllLines(d.resolve("hyp.trn")).stream().filter(l -> l.contains("_clean_")).toList();
        List<String> b = Files.readAllLines(d.resolve("hyp.trn")).stream().filter(l -> l.contains("_imaging_"))
                .map(l -> l.replace("_imaging_", "_clean_")).toList();
        Path r = Files.write(tmp.resolve("ref.trn"), ref);
        Path ha = Files.write(tmp.resolve("a.trn"), a);
        Path hb = Files.write(tmp.resolve("b.trn"), b);
        CliRun run = CliRun.of("wer", "--ref", r.toString(), "--hyp", ha.toString(), "--compare", hb.toString());
        assertEquals(0, run.exit(), run.err());
        // sclite's sc_stats on the same files: 435 segments, mean -1.103, sd 1.844, Z -12.478
        assertTrue(run.out().contains("435 segments; errors A 1326, B 1806; mean(A-B) -1.103, sd 1.844; W = -12.478"), run.out());
    }

    @Test
    void aFailedPolicyGivesExitStatusOne() {
        Path d = speechData();
        CliRun run = CliRun.of("wer", d.resolve("asr_eval.csv").toString(), "--speaker", "voice", "--group", "condition",
                "--bootstrap", "50", "--cluster", "sentence_id", "--require", "max_gap(wer) <= 0.02 over [condition]");
        // clean 47.2 % vs telephone 97.5 %: a 50-point gap whose interval is far above 0.02
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL") && run.out().contains("max_gap(wer) <= 0.02 over [condition]"), run.out());
    }
}

package org.fairhunt.speech.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.audio.AcousticCondition;
import org.fairhunt.speech.audio.Audio;
import org.fairhunt.speech.audio.Conditions;
import org.fairhunt.speech.audio.Signals;
import org.fairhunt.speech.audio.WavFile;
import org.fairhunt.speech.format.MissingPolicy;
import org.fairhunt.speech.format.SpeakerIds;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.format.UtterancePairs;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.tools.ExternalTools;
import org.fairhunt.speech.transcribe.BatchTranscription;
import org.fairhunt.speech.transcribe.PocketsphinxTranscriber;

/**
 * Synthesize → condition → transcribe → audit. Sentences are Harvard sentences (IEEE 1969, public
 * domain); voices are flite's built-in CMU ARCTIC voices: awb (Scottish-accented English, male), rms
 * (US male), slt (US female). Each clean utterance is set to a speech RMS of −26 dBFS and padded
 * with 0.3 s of silence at each end, as in the shared evaluation set.
 */
public final class SpeechDemo {

    /** A flite voice with its documented accent and sex. */
    public record Voice(String id, String accent, String sex) {
    }

    public static final List<Voice> VOICES = List.of(new Voice("awb", "scottish", "male"), new Voice("rms", "us", "male"),
            new Voice("slt", "us", "female"));

    /** Harvard sentences, list 1 (IEEE Recommended Practice for Speech Quality Measurements, 1969). */
    public static final List<String> SENTENCES = List.of("The birch canoe slid on the smooth planks.",
            "Glue the sheet to the dark blue background.", "It's easy to tell the depth of a well.",
            "These days a chicken leg is a rare dish.", "Rice is often served in round bowls.",
            "The juice of lemons makes fine punch.", "The box was thrown beside the parked truck.",
            "The hogs were fed chopped corn and garbage.", "Four hours of steady work faced us.",
            "Large size in stockings is hard to sell.");

    /** The default last-mile conditions: the imaging machine's 1 kHz beeps and white noise at 20 dB SNR. */
    public static final List<String> CONDITIONS = List.of("tone:freq=1000,on=0.1,off=0.4,level=-5", "white-noise:snr=20");

    /** What the demo produced. */
    public record Outcome(WerAudit.Result result, Path referenceTrn, Path hypothesisTrn, List<String> failures) {
    }

    private SpeechDemo() {
    }

    public static Outcome run(Path outDir, int sentenceCount, List<Voice> voices, List<String> conditionSpecs, int bootstrap,
                              long seed, int threads, PrintStream log) throws IOException {
        Path flite = ExternalTools.flite().orElseThrow(() -> new UserInputException(
                "flite not found on the PATH: install the Debian package flite (the demo synthesizes its speech with it)"));
        PocketsphinxTranscriber recognizer = PocketsphinxTranscriber.installed();
        if (sentenceCount < 1 || sentenceCount > SENTENCES.size()) {
            throw new UserInputException("sentences must be between 1 and " + SENTENCES.size() + ", got " + sentenceCount);
        }
        Files.createDirectories(outDir);
        Path clean = Files.createDirectories(outDir.resolve("clean"));
        List<Utterance> refs = new ArrayList<>();
        List<Path> wavs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<AcousticCondition> conditions = new ArrayList<>();
        for (String spec : conditionSpecs) {
            conditions.add(Conditions.parse(spec));
        }
        log.println("Synthesizing " + sentenceCount + " sentence(s) x " + voices.size() + " voice(s) with " + flite);
        for (Voice v : voices) {
            for (int s = 0; s < sentenceCount; s++) {
                String sentence = String.format("s%02d", s + 1);
                Path raw = clean.resolve(v.id() + "_" + sentence + ".raw.wav");
                synthesize(flite, v.id(), SENTENCES.get(s), raw);
                Audio audio = levelAndPad(WavFile.read(raw));
                Files.delete(raw);
                Path cleanWav = clean.resolve(v.id() + "_" + sentence + ".wav");
                WavFile.write(cleanWav, audio, "flite voice " + v.id() + ", speech RMS -26 dBFS, 0.3 s padding");
                String reference = SENTENCES.get(s);
                add(refs, wavs, ids, v.id() + "_clean_" + sentence, reference, cleanWav);
                for (AcousticCondition c : conditions) {
                    Path dir = Files.createDirectories(outDir.resolve(c.label()));
                    Path wav = dir.resolve(v.id() + "_" + sentence + ".wav");
                    long fileSeed = seed * 1_000_003L + (v.id() + sentence + c.spec()).hashCode();
                    WavFile.write(wav, c.apply(audio, fileSeed), "fairhunt condition " + c.spec() + " seed " + fileSeed);
                    add(refs, wavs, ids, v.id() + "_" + c.label() + "_" + sentence, reference, wav);
                }
            }
        }
        log.println("Transcribing " + wavs.size() + " file(s) with " + recognizer.describe());
        List<BatchTranscription.Outcome> outcomes = new BatchTranscription(recognizer, threads, Duration.ofSeconds(120))
                .run(wavs, log);
        List<Utterance> hyps = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < outcomes.size(); k++) {
            BatchTranscription.Outcome o = outcomes.get(k);
            if (o.ok()) {
                hyps.add(Utterance.of(ids.get(k), "", o.text()));
            } else {
                failures.add(o.file() + ": " + o.failure());
            }
        }
        Path refTrn = outDir.resolve("ref.trn");
        Path hypTrn = outDir.resolve("hyp.trn");
        // The reference keeps its capitals and punctuation; the audit's normalization (case, punctuation) is explicit.
        TrnFormat.write(refTrn, refs);
        TrnFormat.write(hypTrn, hyps);
        UtterancePairs pairs = UtterancePairs.join(TrnFormat.read(refTrn, SpeakerIds.RM), TrnFormat.read(hypTrn, SpeakerIds.RM),
                MissingPolicy.SCORE_ALL, refTrn.toString(), hypTrn.toString());
        var table = WerAudit.tableOf(pairs, List.of("voice", "condition", "sentence"), hypTrn.toString());
        table = table.with(WerAuditColumns.lookup(table, "voice", "accent", voices.stream()
                .collect(java.util.stream.Collectors.toMap(Voice::id, Voice::accent))));
        var options = new WerAudit.Options(Normalizer.parse("case,punctuation", null), List.of("voice", "accent", "condition"), 2,
                bootstrap, seed, "sentence", 5, threads, 0.95);
        WerAudit.Result result = WerAudit.run(table, WerAudit.ID, WerAudit.REFERENCE, WerAudit.HYPOTHESIS, WerAudit.SPEAKER,
                options, Map.of("missing_policy", "score-all", "failed_files", failures,
                        "synthesizer", "flite (" + flite + ")", "recognizer", recognizer.describe()));
        WerAudit.writeReports(result, outDir.resolve("report"), 3);
        return new Outcome(result, refTrn, hypTrn, failures);
    }

    private static void add(List<Utterance> refs, List<Path> wavs, List<String> ids, String id, String reference, Path wav) {
        refs.add(Utterance.of(id, "", reference.replaceAll("[(){}]", "")));
        wavs.add(wav);
        ids.add(id);
    }

    /** Runs flite with {@code voice} on {@code text} into the WAV file {@code out}. */
    public static void synthesize(Path flite, String voice, String text, Path out) throws IOException {
        try {
            Process p = new ProcessBuilder(flite.toString(), "-voice", voice, "-t", text, "-o", out.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UserInputException("flite did not finish within 60 s for voice " + voice);
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
                throw new UserInputException("flite failed for voice " + voice + " (status " + p.exitValue() + "): " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while synthesizing", e);
        }
    }

    /** Speech RMS to −26 dBFS (measured over the active span), 16 kHz, 0.3 s of silence each side. */
    public static Audio levelAndPad(Audio in) {
        Audio a = Signals.resample(in, 16000);
        int[] span = Signals.activeSpan(a.samples());
        if (span[1] <= span[0]) {
            throw new UserInputException("flite produced silence");
        }
        float[] speech = java.util.Arrays.copyOfRange(a.samples(), span[0], span[1]);
        // A gain moves quiet edge samples across the -60 dBFS threshold that delimits the speech, which changes
        // the span the level is measured over; a few rounds settle it to well under 0.01 dB.
        for (int round = 0; round < 8; round++) {
            double error = Signals.db(Signals.speechRms(speech)) + 26;
            if (Math.abs(error) < 0.001) {
                break;
            }
            float gain = (float) Signals.amplitude(-error);
            for (int k = 0; k < speech.length; k++) {
                speech[k] *= gain;
            }
        }
        int pad = (int) (0.3 * 16000);
        float[] out = new float[pad + speech.length + pad];
        System.arraycopy(speech, 0, out, pad, speech.length);
        return new Audio(out, 16000);
    }
}

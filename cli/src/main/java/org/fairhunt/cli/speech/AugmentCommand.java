package org.fairhunt.cli.speech;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fairhunt.core.UserInputException;
import org.fairhunt.speech.audio.AcousticCondition;
import org.fairhunt.speech.audio.Augmentation;
import org.fairhunt.speech.audio.Conditions;
import org.fairhunt.speech.format.SpeakerIds;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.format.UtteranceIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt augment}: acoustic conditions for last-mile tests. */
@Command(name = "augment", header = "Apply acoustic conditions (noise, tones, telephone band) to WAV files.", mixinStandardHelpOptions = true,
        description = {"Apply acoustic conditions to WAV files: each input x each condition is written to",
            "OUT/<condition>/SPEAKER-CONDITION_UTTERANCE.wav (the speaker is the input's folder, awb/s01.wav, or the start",
            "of its name, awb-s01.wav), the utterance ids 'transcribe' and 'wer' read; OUT/conditions.jsonl records the",
            "condition, its parameters, the seed and the measured speech level and signal-to-distortion ratio of every",
            "file. With --transcripts, OUT/ref.trn holds the reference of every output file under the same ids.", ""},
        footer = {"", "Conditions (name:key=value,...; join with '+' to apply several in turn):",
            "  white-noise:snr=DB        Gaussian white noise at an SNR relative to the speech RMS",
            "  pink-noise:snr=DB         the same with a 1/f spectrum",
            "  tone:freq=1000,on=0.1,off=0.4,level=-5   a beeping tone, level in dB relative to speech (while on)",
            "  telephone[:low=300,high=3400,rate=8000]  band-pass and 8 kHz channel, back at the input rate",
            "  clip[:level=-6]           hard clipping DB below the peak",
            "  gain:db=DB                a level change",
            "", "Example:",
            "  fairhunt augment clean/ --transcripts clean.trn --condition white-noise:snr=10 \\",
            "      --condition tone:freq=1000,on=0.1,off=0.4,level=-5 --condition telephone --out noisy/"})
public final class AugmentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A WAV file or a directory searched for .wav files.")
    Path input;

    @Option(names = "--condition", required = true, paramLabel = "SPEC", description = "A condition (repeatable).")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--transcripts", paramLabel = "TRN",
            description = "The clean files' transcripts as a trn with ids SPEAKER-UTTERANCE (or SPEAKER_UTTERANCE): writes OUT/ref.trn.")
    Path transcripts;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the random conditions (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        List<AcousticCondition> parsed = new ArrayList<>();
        for (String c : conditions) {
            parsed.add(Conditions.parse(c));
        }
        if (parsed.stream().map(AcousticCondition::label).distinct().count() < parsed.size()) {
            throw new UserInputException("two --condition options give the same condition; each must differ");
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new UserInputException("--threads must be at least 1, got " + workers);
        }
        Map<String, String> references = null;
        if (transcripts != null) {
            references = new HashMap<>();
            for (Utterance u : TrnFormat.read(transcripts, SpeakerIds.SCLITE)) {
                List<String> parts = UtteranceIds.split(u.id(), 2);
                if (parts == null) {
                    throw new UserInputException(transcripts + ":" + u.line() + ": utterance id '" + u.id()
                            + "' is not SPEAKER-UTTERANCE (or SPEAKER_UTTERANCE)");
                }
                references.put(parts.get(0) + "\n" + parts.get(1), u.text());
            }
            // Every input needs its transcript before any audio is written.
            for (Path f : Augmentation.wavFiles(input)) {
                String[] su = UtteranceIds.speakerAndUtterance(relative(f));
                if (!references.containsKey(su[0] + "\n" + su[1])) {
                    throw new UserInputException(transcripts + " has no transcript for " + f + " (expected the id "
                            + UtteranceIds.compose(su[0], su[1]) + ")");
                }
            }
        }
        List<Augmentation.Output> outputs = Augmentation.run(input, parsed, out, seed, workers, (rel, c) -> {
            String[] su = UtteranceIds.speakerAndUtterance(rel);
            return UtteranceIds.compose(su[0], c.label(), su[1]) + ".wav";
        });
        PrintWriter o = spec.commandLine().getOut();
        for (AcousticCondition c : parsed) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (Augmentation.Output x : outputs) {
                if (x.condition() == c && Double.isFinite(x.signalToDistortionDb())) {
                    min = Math.min(min, x.signalToDistortionDb());
                    max = Math.max(max, x.signalToDistortionDb());
                    n++;
                }
            }
            o.println(String.format(Locale.ROOT, "%-40s %d file(s) -> %s%s", c.spec(), outputs.stream().filter(x -> x.condition() == c).count(),
                    out.resolve(c.label()), n == 0 ? "" : String.format(Locale.ROOT, "  (speech/distortion %.2f to %.2f dB)", min, max)));
        }
        long clippedFiles = outputs.stream().filter(x -> x.clippedSamples() > 0).count();
        if (clippedFiles > 0) {
            spec.commandLine().getErr().println("fairhunt: warning: " + clippedFiles + " output file(s) clip (samples beyond full"
                    + " scale); see clipped_samples in " + out.resolve("conditions.jsonl"));
        }
        o.println("Metadata: " + out.resolve("conditions.jsonl"));
        if (references != null) {
            List<Utterance> refs = new ArrayList<>();
            for (Augmentation.Output x : outputs) {
                String[] su = UtteranceIds.speakerAndUtterance(relative(x.source()));
                String name = x.output().getFileName().toString();
                refs.add(Utterance.of(name.substring(0, name.length() - 4), "", references.get(su[0] + "\n" + su[1])));
            }
            Path refTrn = out.resolve("ref.trn");
            TrnFormat.write(refTrn, refs);
            o.println("References: " + refTrn + " (" + refs.size() + " utterances; ids SPEAKER-CONDITION_UTTERANCE)");
        }
        o.flush();
        return 0;
    }

    private Path relative(Path file) {
        Path base = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
        return base.toAbsolutePath().relativize(file.toAbsolutePath());
    }
}

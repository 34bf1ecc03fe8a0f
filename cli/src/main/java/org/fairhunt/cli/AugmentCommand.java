package org.fairhunt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fairhunt.core.UserInputException;
import org.fairhunt.speech.audio.AcousticCondition;
import org.fairhunt.speech.audio.Augmentation;
import org.fairhunt.speech.audio.Conditions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt augment}: acoustic conditions for last-mile tests. */
@Command(name = "augment", header = "Apply acoustic conditions (noise, tones, telephone band) to WAV files.", mixinStandardHelpOptions = true,
        description = {"Apply acoustic conditions to WAV files: each input x each condition is written to",
            "OUT/<condition>/<same relative path>, and OUT/conditions.jsonl records the condition, its parameters,",
            "the seed and the measured speech level and signal-to-distortion ratio of every file.", ""},
        footer = {"", "Conditions (name:key=value,...; join with '+' to apply several in turn):",
            "  white-noise:snr=DB        Gaussian white noise at an SNR relative to the speech RMS",
            "  pink-noise:snr=DB         the same with a 1/f spectrum",
            "  tone:freq=1000,on=0.1,off=0.4,level=-5   a beeping tone, level in dB relative to speech (while on)",
            "  telephone[:low=300,high=3400,rate=8000]  band-pass and 8 kHz channel, back at the input rate",
            "  clip[:level=-6]           hard clipping DB below the peak",
            "  gain:db=DB                a level change",
            "", "Example:",
            "  fairhunt augment clean/ --condition white-noise:snr=10 \\",
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
        List<Augmentation.Output> outputs = Augmentation.run(input, parsed, out, seed, workers);
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
        o.flush();
        return 0;
    }
}

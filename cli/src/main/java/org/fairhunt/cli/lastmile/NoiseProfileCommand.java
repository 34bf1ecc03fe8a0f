package org.fairhunt.cli.lastmile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.speech.audio.NoiseProfile;
import org.fairhunt.speech.audio.WavFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt noise-profile}: describe a site-noise recording without sharing it. */
@Command(name = "noise-profile", header = "Describe a site-noise recording and print the equivalent condition.",
        mixinStandardHelpOptions = true,
        description = {"Reports a noise recording's level, dominant frequencies and on/off periodicity, and prints the",
            "equivalent 'tone:' (or broadband noise) condition for 'fairhunt augment', for customers who cannot share",
            "the recording itself.", ""},
        footer = {"", "Example:", "  fairhunt noise-profile floor3-recording.wav"})
public final class NoiseProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WAV", description = "The recording (PCM or float WAV).")
    Path file;

    @Option(names = "--speech-level", paramLabel = "DBFS", defaultValue = "-26",
            description = "Speech level the condition's level is relative to (default: ${DEFAULT-VALUE} dBFS, ITU-T P.56's nominal"
                    + " active speech level).")
    double speechLevel;

    @Override
    public Integer call() {
        NoiseProfile p = NoiseProfile.of(WavFile.read(file));
        PrintWriter o = spec.commandLine().getOut();
        o.println(file + ":");
        o.print(p.describe(speechLevel));
        o.println("Reproduce it: fairhunt augment clean/ --condition '" + p.equivalentCondition(speechLevel) + "' --out site/");
        o.flush();
        return 0;
    }
}

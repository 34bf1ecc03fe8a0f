package org.fairhunt.cli.speech;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairhunt.core.UserInputException;
import org.fairhunt.report.speech.WerReports;
import org.fairhunt.speech.demo.SpeechDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairhunt demo speech}: the last-mile loop for speech recognition on this machine. */
@Command(name = "speech", mixinStandardHelpOptions = true,
        description = {"The last-mile loop, end to end, with Debian packages only: synthesize Harvard sentences with",
            "flite's awb (Scottish-accented male), rms (US male) and slt (US female) voices, apply acoustic",
            "conditions (default: an imaging machine's 1 kHz beeps and white noise at 20 dB SNR), transcribe",
            "everything with pocketsphinx, and audit WER by voice, accent and condition with bootstrap intervals.",
            "Needs the Debian packages flite, pocketsphinx and pocketsphinx-en-us.", ""},
        footer = {"", "Example:", "  fairhunt demo speech --sentences 6 --out fairhunt-demo-speech"})
public final class SpeechDemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fairhunt-demo-speech",
            description = "Where to write audio, transcripts and reports (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sentences", paramLabel = "N", defaultValue = "5",
            description = "Harvard sentences per voice, 1-10 (default: ${DEFAULT-VALUE}).")
    int sentences;

    @Option(names = "--condition", paramLabel = "SPEC",
            description = "A condition, as for 'fairhunt augment' (repeatable; default: the two last-mile conditions).")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "200",
            description = "Bootstrap replicates, clustered by sentence (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed for noise and bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Files decoded at once (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        if (bootstrap < 0) {
            throw new UserInputException("--bootstrap must be >= 0, got " + bootstrap);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        PrintWriter o = spec.commandLine().getOut();
        o.println("Fairhunt speech demo: flite voices -> acoustic conditions -> pocketsphinx -> WER audit");
        o.flush();
        SpeechDemo.Outcome outcome = SpeechDemo.run(out, sentences, SpeechDemo.VOICES,
                conditions.isEmpty() ? SpeechDemo.CONDITIONS : conditions, bootstrap, seed, workers, System.err);
        o.println();
        o.print(WerReports.summary(outcome.result()));
        if (!outcome.failures().isEmpty()) {
            o.println();
            o.println(outcome.failures().size() + " file(s) could not be transcribed (empty hypotheses, scored as all deletions):");
            outcome.failures().forEach(f -> o.println("  " + f));
        }
        o.println();
        o.println("Audio: " + out + "/clean and one directory per condition; transcripts: " + outcome.referenceTrn() + ", "
                + outcome.hypothesisTrn());
        // The same reports as 'wer --out': audit.json/md/html, then the sclite-style text files.
        List<Path> written = WerReports.writeAll(outcome.result(), out.resolve("report"), 3);
        o.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        o.println("Re-score with sclite-compatible totals:");
        o.println("  fairhunt wer --ref " + outcome.referenceTrn() + " --hyp " + outcome.hypothesisTrn()
                + " --normalize case,punctuation --id-fields voice,condition,sentence --group voice --group condition --out "
                + out.resolve("report"));
        o.flush();
        return 0;
    }
}

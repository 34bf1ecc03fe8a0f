package org.fairhunt.cli.speech;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fairhunt.core.UserInputException;
import org.fairhunt.speech.transcribe.CommandTranscriber;
import org.fairhunt.speech.transcribe.FailedFiles;
import org.fairhunt.speech.transcribe.PocketsphinxTranscriber;
import org.fairhunt.speech.transcribe.TranscribeJob;
import org.fairhunt.speech.transcribe.Transcriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt transcribe}: run a real recognizer over WAV files and write a trn. */
@Command(name = "transcribe", header = "Transcribe WAV files with a recognizer (pocketsphinx or any command).", mixinStandardHelpOptions = true,
        description = {"Transcribe WAV files with a recognizer, in parallel, into a trn file. A file that fails or",
            "exceeds --timeout is reported, written as an empty hypothesis (scored as all deletions, as sclite does)",
            "and listed in OUT.failed.jsonl; the others go on (exit status 1 if any failed).",
            "Each result is journalled in OUT.partial.jsonl as it arrives: after a crash or a kill, the same command",
            "resumes and decodes only what is missing. OUT is checked before any decoding.",
            "Utterance ids: the file name without .wav (--id name, default; 'fairhunt augment' names files",
            "SPEAKER-CONDITION_UTTERANCE.wav), or the path below INPUT with '/' as '_' (--id path).", ""},
        footer = {"", "Examples:",
            "  fairhunt transcribe noisy/ --engine pocketsphinx --out hyp.trn",
            "  fairhunt transcribe noisy/ --engine pocketsphinx --decoder-arg -hmm --decoder-arg /path/to/en-us-8khz --out hyp.trn",
            "  fairhunt transcribe clean/ --engine command --command 'my-asr --model m {wav}' --out hyp.trn"})
public final class TranscribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A WAV file or a directory searched for .wav files.")
    Path input;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "pocketsphinx",
            description = "pocketsphinx or command (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--command", paramLabel = "COMMAND",
            description = "For --engine command: the command line, with {wav} where the file goes; it prints the text.")
    String command;

    @Option(names = "--decoder-arg", paramLabel = "ARG",
            description = "An argument passed to pocketsphinx_continuous as it is (repeatable), e.g. -hmm DIR -lm FILE -dict FILE "
                    + "for a narrowband model on telephone audio.")
    List<String> decoderArgs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The trn file to write.")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Option(names = "--failed", paramLabel = "HOW", defaultValue = "empty",
            description = "Files the recognizer failed on: empty (an empty hypothesis, scored as all deletions) or omit "
                    + "(default: ${DEFAULT-VALUE}).")
    String failedMode;

    @Option(names = "--id", paramLabel = "HOW", defaultValue = "name", description = "name or path (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Per-file time limit; a file over it is killed and reported (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--threads", paramLabel = "N", description = "Files decoded at once (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        TranscribeJob.checkOutput(out, force);
        Transcriber transcriber = switch (engine.toLowerCase(Locale.ROOT)) {
            case "pocketsphinx" -> PocketsphinxTranscriber.installed(decoderArgs);
            case "command" -> {
                if (command == null) {
                    throw new UserInputException("--engine command needs --command 'program args {wav}'");
                }
                if (!decoderArgs.isEmpty()) {
                    throw new UserInputException("--decoder-arg goes with --engine pocketsphinx; put a command's arguments in --command");
                }
                yield new CommandTranscriber(command);
            }
            default -> throw new UserInputException("unknown --engine '" + engine + "': expected pocketsphinx or command");
        };
        if (!(timeout > 0)) {
            throw new UserInputException("--timeout must be positive, got " + timeout);
        }
        boolean keepFailures = switch (failedMode.toLowerCase(Locale.ROOT)) {
            case "empty" -> true;
            case "omit" -> false;
            default -> throw new UserInputException("unknown --failed '" + failedMode + "': expected empty or omit");
        };
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new UserInputException("--threads must be at least 1, got " + workers);
        }
        PrintWriter o = spec.commandLine().getOut();
        TranscribeJob.Result r = TranscribeJob.run(transcriber, new TranscribeJob.Settings(input, out, id.toLowerCase(Locale.ROOT),
                force, keepFailures, Duration.ofMillis((long) (timeout * 1000)), workers), o);
        r.failures().forEach(f -> spec.commandLine().getErr().println("fairhunt: " + f));
        o.println("Wrote " + r.written() + " transcript(s) to " + out + (r.resumed() == 0 ? "" : " (" + r.resumed() + " from the journal)")
                + (r.failures().isEmpty() ? "" : "; " + r.failures().size() + " file(s) failed (listed above and in "
                + FailedFiles.fileBeside(out) + (keepFailures ? "; written as empty hypotheses)" : "; left out)")));
        o.flush();
        return r.failures().isEmpty() ? 0 : 1;
    }
}

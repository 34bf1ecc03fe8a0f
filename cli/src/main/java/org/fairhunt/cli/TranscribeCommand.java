package org.fairhunt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fairhunt.core.UserInputException;
import org.fairhunt.speech.audio.Augmentation;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.transcribe.BatchTranscription;
import org.fairhunt.speech.transcribe.CommandTranscriber;
import org.fairhunt.speech.transcribe.PocketsphinxTranscriber;
import org.fairhunt.speech.transcribe.Transcriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt transcribe}: run a real recognizer over WAV files and write a trn. */
@Command(name = "transcribe", header = "Transcribe WAV files with a recognizer (pocketsphinx or any command).", mixinStandardHelpOptions = true,
        description = {"Transcribe WAV files with a recognizer, in parallel, into a trn file. A file that fails or",
            "exceeds --timeout is reported and left out; the others go on (exit status 1 if any failed).",
            "Utterance ids: the file name without .wav (--id name), or the path below INPUT with '/' as '_'",
            "(--id path), e.g. white-noise-snr10_awb_s01 after 'fairhunt augment'.", ""},
        footer = {"", "Examples:",
            "  fairhunt transcribe noisy/ --engine pocketsphinx --id path --out hyp.trn",
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

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The trn file to write.")
    Path out;

    @Option(names = "--id", paramLabel = "HOW", defaultValue = "name", description = "name or path (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Per-file time limit; a file over it is killed and reported (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--threads", paramLabel = "N", description = "Files decoded at once (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        Transcriber transcriber = switch (engine.toLowerCase(Locale.ROOT)) {
            case "pocketsphinx" -> PocketsphinxTranscriber.installed();
            case "command" -> {
                if (command == null) {
                    throw new UserInputException("--engine command needs --command 'program args {wav}'");
                }
                yield new CommandTranscriber(command);
            }
            default -> throw new UserInputException("unknown --engine '" + engine + "': expected pocketsphinx or command");
        };
        if (!(timeout > 0)) {
            throw new UserInputException("--timeout must be positive, got " + timeout);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new UserInputException("--threads must be at least 1, got " + workers);
        }
        List<Path> files = Augmentation.wavFiles(input);
        Path base = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
        Map<String, Path> ids = new HashMap<>();
        List<String> idList = new ArrayList<>();
        for (Path f : files) {
            String u = utteranceId(base, f);
            Path clash = ids.put(u, f);
            if (clash != null) {
                throw new UserInputException("two files give the utterance id '" + u + "': " + clash + " and " + f
                        + (id.equals("name") ? "; use --id path" : ""));
            }
            idList.add(u);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("Transcribing " + files.size() + " file(s) with " + transcriber.describe() + ", " + workers + " at a time");
        o.flush();
        List<BatchTranscription.Outcome> outcomes = new BatchTranscription(transcriber, workers,
                Duration.ofMillis((long) (timeout * 1000))).run(files, System.err);
        List<Utterance> utterances = new ArrayList<>();
        int failed = 0;
        for (int k = 0; k < outcomes.size(); k++) {
            BatchTranscription.Outcome x = outcomes.get(k);
            if (x.ok()) {
                utterances.add(Utterance.of(idList.get(k), "", x.text().replaceAll("[(){}]", "")));
            } else {
                failed++;
                spec.commandLine().getErr().println("fairhunt: " + x.file() + ": " + x.failure());
            }
        }
        TrnFormat.write(out, utterances);
        o.println("Wrote " + utterances.size() + " transcript(s) to " + out + (failed == 0 ? "" : "; " + failed + " file(s) failed (listed above)"));
        o.flush();
        return failed == 0 ? 0 : 1;
    }

    private String utteranceId(Path base, Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "name" -> stem;
            case "path" -> {
                Path rel = base.toAbsolutePath().relativize(file.toAbsolutePath());
                String p = rel.toString().replace('\\', '/');
                yield p.substring(0, p.length() - 4).replace('/', '_');
            }
            default -> throw new UserInputException("unknown --id '" + id + "': expected name or path");
        };
    }
}

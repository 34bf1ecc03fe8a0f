package org.fairhunt.speech.transcribe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.UserInputException;

/**
 * Any external recognizer: a command whose arguments contain {@code {wav}} (replaced by the file's
 * absolute path) and which prints the transcript on standard output. The command is split on
 * whitespace and run directly, never through a shell, so file names cannot inject commands. A non-zero
 * exit status fails the file, with the end of its standard error in the message.
 */
public final class CommandTranscriber implements Transcriber {

    private final List<String> template;

    public CommandTranscriber(String command) {
        List<String> parts = List.of(command.strip().split("\\s+"));
        if (command.isBlank()) {
            throw new UserInputException("empty transcriber command: expected e.g. 'my-asr --model m {wav}'");
        }
        if (parts.stream().noneMatch(p -> p.contains("{wav}"))) {
            throw new UserInputException("transcriber command '" + command + "' has no {wav} placeholder for the audio file");
        }
        this.template = parts;
    }

    @Override
    public String transcribe(Path wav, Duration timeout) throws TranscriptionException {
        List<String> command = new ArrayList<>(template.size());
        for (String part : template) {
            command.add(part.replace("{wav}", wav.toAbsolutePath().toString()));
        }
        Processes.Output out = Processes.run(command, timeout);
        if (out.exitCode() != 0) {
            throw new TranscriptionException("'" + template.get(0) + "' exited with status " + out.exitCode()
                    + (out.stderr().isBlank() ? "" : ": " + Processes.tail(out.stderr(), 3)));
        }
        return String.join(" ", out.stdout().strip().split("\\s+")).strip();
    }

    @Override
    public String describe() {
        return "command (" + String.join(" ", template) + ")";
    }
}

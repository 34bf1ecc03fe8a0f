package org.fairhunt.speech.transcribe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.speech.audio.Audio;
import org.fairhunt.speech.audio.Signals;
import org.fairhunt.speech.audio.WavFile;
import org.fairhunt.speech.tools.ExternalTools;

/**
 * pocketsphinx through its command line ({@code pocketsphinx_continuous -infile file.wav}, Debian's
 * 0.8 with the default US-English model), with its log silenced. The model takes 16 kHz mono 16-bit
 * PCM: any other PCM WAV is resampled to 16 kHz into a temporary file first (and the report says the
 * recognizer saw resampled audio); non-PCM files are refused before pocketsphinx sees them.
 */
public final class PocketsphinxTranscriber implements Transcriber {

    public static final int MODEL_RATE = 16000;

    private final Path executable;
    private final List<String> extraArguments;

    public PocketsphinxTranscriber(Path executable, List<String> extraArguments) {
        this.executable = executable;
        this.extraArguments = List.copyOf(extraArguments);
    }

    /** The installed decoder, or a user error naming the Debian packages to install. */
    public static PocketsphinxTranscriber installed() {
        return installed(List.of());
    }

    /**
     * The installed decoder with {@code decoderArguments} passed through as they are (e.g. {@code -hmm DIR
     * -lm FILE -dict FILE} for a narrowband model on telephone audio); {@code -infile} and {@code -logfn}
     * are ours.
     */
    public static PocketsphinxTranscriber installed(List<String> decoderArguments) {
        for (String a : decoderArguments) {
            if (a.equals("-infile") || a.equals("-logfn")) {
                throw new UserInputException("--decoder-arg " + a + " is set by Fairhunt itself; leave it out");
            }
        }
        return new PocketsphinxTranscriber(ExternalTools.pocketsphinxContinuous().orElseThrow(() -> new UserInputException(
                "pocketsphinx_continuous not found on the PATH: install the Debian packages pocketsphinx and pocketsphinx-en-us")),
                decoderArguments);
    }

    @Override
    public String transcribe(Path wav, Duration timeout) throws TranscriptionException {
        Path input = wav;
        Path temporary = null;
        try {
            Audio audio;
            try {
                audio = WavFile.read(wav);
            } catch (UserInputException e) {
                throw new TranscriptionException(e.getMessage(), e);
            }
            if (audio.sampleRate() != MODEL_RATE || !isMono16(wav)) {
                temporary = Files.createTempFile("fairhunt-ps", ".wav");
                WavFile.write(temporary, Signals.resample(audio, MODEL_RATE), null);
                input = temporary;
            }
            List<String> command = new ArrayList<>(List.of(executable.toString(), "-infile", input.toAbsolutePath().toString(),
                    "-logfn", "/dev/null"));
            command.addAll(extraArguments);
            Processes.Output out = Processes.run(command, timeout);
            if (out.exitCode() != 0) {
                throw new TranscriptionException("pocketsphinx exited with status " + out.exitCode()
                        + (out.stderr().isBlank() ? "" : ": " + Processes.tail(out.stderr(), 3)));
            }
            // One line per utterance segment it found; the file's transcript is their concatenation.
            return String.join(" ", out.stdout().strip().split("\\s+")).strip();
        } catch (IOException e) {
            throw new TranscriptionException("cannot prepare " + wav + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** True for plain 16-bit mono PCM (format 1): pocketsphinx reads it as it is. */
    private static boolean isMono16(Path wav) throws IOException {
        byte[] head = new byte[36];
        try (var in = Files.newInputStream(wav)) {
            if (in.readNBytes(head, 0, 36) < 36) {
                return false;
            }
        }
        int format = (head[20] & 0xFF) | (head[21] & 0xFF) << 8;
        int channels = (head[22] & 0xFF) | (head[23] & 0xFF) << 8;
        int bits = (head[34] & 0xFF) | (head[35] & 0xFF) << 8;
        return format == 1 && channels == 1 && bits == 16;
    }

    @Override
    public String describe() {
        return "pocketsphinx (" + executable + (extraArguments.isEmpty() ? "" : " " + String.join(" ", extraArguments)) + ")";
    }
}

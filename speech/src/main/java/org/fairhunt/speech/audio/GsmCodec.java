package org.fairhunt.speech.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairhunt.core.UserInputException;
import org.fairhunt.speech.tools.ExternalTools;

/**
 * GSM 06.10 full-rate (13 kbit/s), the low-bit-rate codec of 2G mobile calls, through sox (Debian package
 * {@code sox}, built with libgsm): to 8 kHz, encode and decode with sox, back to the input rate.
 * Refused with a clear message where sox is missing.
 */
final class GsmCodec implements AcousticCondition {
    @Override
    public String name() {
        return "gsm";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of();
    }

    static Path sox() {
        return ExternalTools.find(List.of("sox"), List.of("/usr/bin/sox")).orElseThrow(() -> new UserInputException(
                "condition gsm needs sox (the Debian package sox, which encodes GSM 06.10); install it or choose mulaw/alaw"));
    }

    @Override
    public Audio apply(Audio in, long seed) {
        Path sox = sox();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("fairhunt-gsm");
            Path narrow = dir.resolve("in.wav");
            Path coded = dir.resolve("coded.gsm");
            Path back = dir.resolve("back.wav");
            WavFile.write(narrow, Signals.resample(in, 8000), "gsm input");
            run(sox, narrow.toString(), "-t", "gsm", coded.toString());
            run(sox, "-t", "gsm", coded.toString(), "-b", "16", back.toString());
            Audio decoded = Signals.resample(WavFile.read(back), in.sampleRate());
            return new Audio(java.util.Arrays.copyOf(decoded.samples(), in.length()), in.sampleRate());
        } catch (IOException e) {
            throw new UserInputException("condition gsm: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // a temporary directory left behind is not worth failing the condition
                }
            }
        }
    }

    private static void run(Path sox, String... args) throws IOException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = sox.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("sox did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("sox failed (status " + p.exitValue() + "): " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

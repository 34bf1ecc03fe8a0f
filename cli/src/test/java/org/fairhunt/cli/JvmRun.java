package org.fairhunt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code fairhunt} command in a JVM of its own (to kill it, or to give it a small heap). */
public final class JvmRun {
    private JvmRun() {
    }

    /** Starts {@code Main} with these JVM options and arguments; output is discarded unless asked for. */
    public static Process start(List<String> jvmOptions, List<String> args, boolean keepOutput) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (!keepOutput) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return pb.start();
    }

    /** Runs to the end (at most {@code seconds}) and returns the exit status and the output. */
    public static CliRun run(List<String> jvmOptions, List<String> args, int seconds) throws IOException, InterruptedException {
        Process p = start(jvmOptions, args, true);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("fairhunt " + args + " did not end within " + seconds + " s");
        }
        return new CliRun(p.exitValue(), out, out);
    }
}

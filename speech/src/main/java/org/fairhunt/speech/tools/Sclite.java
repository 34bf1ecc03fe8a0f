package org.fairhunt.speech.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairhunt.core.FairhuntException;

/**
 * Runs NIST sclite on a pair of trn files ({@code -i rm}, {@code -o pralign}) and parses its
 * per-utterance {@code Scores: (#C #S #D #I)} lines. Used to check parity and to time sclite next to our
 * scorer; never needed at run time.
 */
public final class Sclite {

    /** sclite's counts for one utterance. */
    public record Counts(int correct, int substitutions, int deletions, int insertions) {
    }

    /** Everything parsed from one run, and how long sclite took (wall, nanoseconds). */
    public record Result(Map<String, Counts> utterances, long wallNanos) {
    }

    private static final Pattern ID = Pattern.compile("^id: \\((.*)\\)\\s*$");
    private static final Pattern SCORES = Pattern.compile("^Scores: \\(#C #S #D #I\\) (\\d+) (\\d+) (\\d+) (\\d+)\\s*$");

    private final Path executable;

    public Sclite(Path executable) {
        this.executable = executable;
    }

    /** Scores {@code hyp} against {@code ref}; {@code characterLevel} adds sclite's {@code -c}. */
    public Result run(Path ref, Path hyp, boolean characterLevel, Path workDir) throws IOException, InterruptedException {
        return run(ref, hyp, characterLevel ? List.of("-c") : List.of(), workDir);
    }

    /** Scores {@code hyp} against {@code ref} with extra sclite options ({@code -c}, {@code -D}, ...). */
    public Result run(Path ref, Path hyp, List<String> options, Path workDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(options);
        command.addAll(List.of("-r", ref.toAbsolutePath().toString(), "trn", "-h", hyp.toAbsolutePath().toString(),
                "trn", "-i", "rm", "-o", "pralign", "stdout"));
        Path out = Files.createTempFile(workDir, "sclite", ".out");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new FairhuntException("sclite did not finish within 600 s");
            }
            long wall = System.nanoTime() - start;
            List<String> lines = Files.readAllLines(out, StandardCharsets.ISO_8859_1);
            if (p.exitValue() != 0) {
                throw new FairhuntException("sclite exited with status " + p.exitValue() + ": "
                        + String.join("\n", lines.subList(0, Math.min(10, lines.size()))));
            }
            Map<String, Counts> counts = new LinkedHashMap<>();
            String id = null;
            for (String line : lines) {
                Matcher m = ID.matcher(line);
                if (m.matches()) {
                    id = m.group(1);
                    continue;
                }
                m = SCORES.matcher(line);
                if (m.matches() && id != null) {
                    counts.put(id, new Counts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
                    id = null;
                }
            }
            return new Result(counts, wall);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

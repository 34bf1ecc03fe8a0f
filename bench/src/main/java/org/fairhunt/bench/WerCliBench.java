package org.fairhunt.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairhunt.core.table.Table;
import org.fairhunt.speech.tools.ExternalTools;

/**
 * {@code fairhunt wer} end to end (a new JVM reading two trn files, WER only: {@code --no-cer}, as
 * sclite's {@code -o sum}) against NIST sclite on the same files, alternating runs, each measured by
 * {@code /usr/bin/time} (user + system CPU of the process and its children, and peak resident memory).
 * Both print per-speaker tables (sclite's speaker rule gives the same 1,000 speakers). Usage:
 * {@code java -cp bench/target/fairhunt-bench.jar org.fairhunt.bench.WerCliBench JAR|LAUNCHER [PAIRS] [RUNS] [JVM-OPTIONS]}
 * (JVM options for fairhunt's JVM with a jar, space-separated, e.g. {@code "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"};
 * with the {@code ./fairhunt} launcher, as the user runs it, its own per-command settings apply).
 */
public final class WerCliBench {

    private WerCliBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "cli/target/fairhunt.jar");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        var sclite = ExternalTools.sclite().orElseThrow(() -> new IllegalStateException("sclite (Debian sctk) is not installed"));
        // 1,000 speakers: wer's default group is the speaker, and a group attribute may have at most 1,000 values
        Table table = WerBench.data(n, 6, 1000);
        Path dir = Files.createTempDirectory("wercli");
        Path ref = dir.resolve("ref.trn");
        Path hyp = dir.resolve("hyp.trn");
        // sclite-style ids: the speaker, '-', the utterance
        WerBench.writeTrn(table, n, ref, hyp, id -> id.replace('_', '-'));
        List<String> jvm = args.length > 3 && !args[3].isBlank() ? List.of(args[3].strip().split("\\s+")) : List.of();
        List<String> ours = new ArrayList<>(BenchData.fairhunt(jar.toString(), jvm));
        ours.addAll(List.of("wer", "--ref", ref.toString(), "--hyp", hyp.toString(), "--no-cer"));
        List<String> theirs = List.of(sclite.toString(), "-r", ref.toString(), "trn", "-h", hyp.toString(), "trn", "-i", "rm", "-o", "sum",
                "stdout");
        double[] oursCpu = new double[runs];
        double[] theirsCpu = new double[runs];
        double[] oursMb = new double[runs];
        double[] theirsMb = new double[runs];
        for (int r = 0; r < runs; r++) {
            double[] a = timed(ours, dir);
            double[] b = timed(theirs, dir);
            oursCpu[r] = a[0];
            oursMb[r] = a[1];
            theirsCpu[r] = b[0];
            theirsMb[r] = b[1];
            System.out.printf(Locale.ROOT, "run %d: fairhunt wer %.2f s CPU, %.0f MB; sclite %.2f s CPU, %.0f MB%n", r + 1, a[0], a[1], b[0],
                    b[1]);
        }
        double o = BenchData.median(oursCpu);
        double t = BenchData.median(theirsCpu);
        System.out.printf(Locale.ROOT, "%,d trn pairs, medians of %d alternating runs: fairhunt wer%s %.2f s CPU (%.0f MB peak), "
                        + "sclite %.2f s CPU (%.0f MB peak): %.1fx; load average %s%n", n, runs,
                args.length > 3 && !args[3].isBlank() ? " (" + args[3].strip() + ")" : "", o, BenchData.median(oursMb), t,
                BenchData.median(theirsMb), t / o, Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** CPU seconds (user + system, children included) and peak resident MB of one run, from /usr/bin/time. */
    private static double[] timed(List<String> command, Path dir) throws Exception {
        Path times = dir.resolve("time.txt");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%U %S %M"));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(dir.resolve("err.txt")));
        }
        String[] f = Files.readString(times, StandardCharsets.UTF_8).strip().split("\\s+");
        String[] last = f.length > 3 ? java.util.Arrays.copyOfRange(f, f.length - 3, f.length) : f;
        return new double[] {Double.parseDouble(last[0]) + Double.parseDouble(last[1]), Double.parseDouble(last[2]) / 1024};
    }
}

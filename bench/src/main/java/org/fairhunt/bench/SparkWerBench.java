package org.fairhunt.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.fairhunt.core.io.CsvWriter;
import picocli.CommandLine;

/**
 * {@code wer --out} on Spark {@code local[2]} against {@code fairhunt wer --out} on the same CSV file (WerBench's
 * synthetic utterances: 2,000 speakers, 5 accents × 4 conditions with their intersections, 200 speaker-clustered
 * replicates, no CER), and Spark with {@code --no-normalized-trn}: what streaming the per-utterance trn files to
 * the driver in row order costs. Checks that every file Spark writes equals the local one, prints medians of
 * wall and process CPU time with the load average.
 *
 * <pre>mvn -B -q -DskipTests package -pl bench -am
 * java -Xmx6g $OPENS -cp bench/target/classes:$(bench's class path with Spark) org.fairhunt.bench.SparkWerBench [utterances] [runs] [partitions]</pre>
 */
public final class SparkWerBench {
    private SparkWerBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path dir = Files.createTempDirectory("sparkwer");
        Path csv = dir.resolve("asr.csv");
        CsvWriter.write(WerBench.data(n, 6), csv);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fairhunt-wer-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.files.maxPartitionBytes", Long.toString(Files.size(csv) / partitions + 1))
                .config("spark.sql.files.openCostInBytes", "0").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        System.out.printf(Locale.ROOT, "%,d utterances, csv %.1f MB, %d partitions; load %s%n", n, Files.size(csv) / 1e6,
                partitions, SparkAuditBench.loadAverage());
        String[] options = {"--group", "accent", "--group", "condition", "--intersections", "2", "--bootstrap", "200",
            "--no-cer"};
        double[][] wall = new double[3][runs];
        double[][] cpu = new double[3][runs];
        for (int r = 0; r < runs; r++) {
            for (int v = 0; v < 3; v++) {
                Path out = dir.resolve("out-" + v + "-" + r);
                String[] a = args(csv, out, options, v == 2);
                CommandLine cl = v == 0 ? org.fairhunt.cli.Main.commandLine() : org.fairhunt.spark.Main.commandLine();
                cl.setOut(new PrintWriter(new StringWriter()));
                long t = System.nanoTime();
                long c = SparkAuditBench.cpuNanos();
                int status = cl.execute(a);
                wall[v][r] = (System.nanoTime() - t) / 1e9;
                cpu[v][r] = (SparkAuditBench.cpuNanos() - c) / 1e9;
                if (status != 0) {
                    throw new IllegalStateException("exit status " + status + " for " + Arrays.toString(a));
                }
            }
            for (String f : List.of("audit.json", "audit.md", "audit.html", "summary.txt", "alignments.txt", "ref.norm.trn",
                    "hyp.norm.trn")) {
                if (!Arrays.equals(Files.readAllBytes(dir.resolve("out-0-" + r).resolve(f)),
                        Files.readAllBytes(dir.resolve("out-1-" + r).resolve(f)))) {
                    throw new IllegalStateException(f + " differs between the local command and Spark");
                }
            }
            System.out.printf(Locale.ROOT, "run %d: local %.2f s, spark %.2f s, spark without trn %.2f s (wall)%n", r + 1, wall[0][r],
                    wall[1][r], wall[2][r]);
        }
        String[] names = {"fairhunt wer (local, 2 threads)", "spark wer, local[2]", "spark wer --no-normalized-trn"};
        for (int v = 0; v < 3; v++) {
            System.out.printf(Locale.ROOT, "%-32s wall %.2f s %s, process CPU %.2f s%n", names[v], BenchData.median(wall[v]),
                    SparkAuditBench.seconds(wall[v]), BenchData.median(cpu[v]));
        }
        double trn = BenchData.median(wall[1]) - BenchData.median(wall[2]);
        long bytes = Files.size(dir.resolve("out-1-0").resolve("ref.norm.trn")) + Files.size(dir.resolve("out-1-0").resolve("hyp.norm.trn"));
        System.out.printf(Locale.ROOT, "normalized trn: %.2f s wall for %,d utterances (%.1f µs each), %.1f MB written (%.0f B each);"
                + " every output byte-identical to the local command's; load at end %s%n", trn, n, trn / n * 1e6, bytes / 1e6,
                (double) bytes / n, SparkAuditBench.loadAverage());
        spark.stop();
    }

    private static String[] args(Path csv, Path out, String[] options, boolean noTrn) {
        List<String> a = new java.util.ArrayList<>(List.of("wer", csv.toString()));
        a.addAll(List.of(options));
        a.addAll(List.of("--out", out.toString()));
        if (noTrn) {
            a.add("--no-normalized-trn");
        }
        return a.toArray(new String[0]);
    }
}

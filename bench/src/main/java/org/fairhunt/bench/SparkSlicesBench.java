package org.fairhunt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.fairhunt.discovery.slice.SliceFeatures;
import picocli.CommandLine;

/**
 * Issue #14's slice benchmark: {@code slices} on Spark {@code local[2]} against the local {@code fairhunt slices}
 * in the same run, on {@link SliceFinderBench}'s data (1 M rows × 20 categorical features of 5–10 values, 0/1
 * errors at 8 % with two planted slices), depth 3, minimum support 100, top 10: the local command reads the CSV,
 * Spark the same rows as Parquet. Prints medians (wall and process CPU), per Spark job the tasks, task time and
 * the bytes each task sent (per level: the combinations' cell counts, not the rows), the load average, and the
 * largest difference between the two JSON reports.
 *
 * <pre>mvn -B -q -DskipTests -Pbench package -pl bench -am
 * java -Xmx8g $SPARK_OPENS -cp bench/target/fairhunt-bench.jar:$(spark jars) org.fairhunt.bench.SparkSlicesBench [rows] [repetitions] [dir] [partition MB]</pre>
 */
public final class SparkSlicesBench {
    private SparkSlicesBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Path.of(args.length > 2 ? args[2] : "/tmp/fairhunt-spark-slices-bench");
        int partitionMb = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        int featureCount = 20;
        Files.createDirectories(dir);
        Path csv = dir.resolve("slices-" + rows + ".csv");
        Path parquet = dir.resolve("slices-" + rows + ".parquet");
        if (!Files.exists(csv)) {
            write(csv, rows, featureCount, 20260101L);
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fairhunt-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.files.maxPartitionBytes", Long.toString(partitionMb * 1024L * 1024L))
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        if (!Files.exists(parquet)) {
            spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).coalesce(1)
                    .write().option("parquet.block.size", Integer.toString(4 << 20)).parquet(parquet.toString());
        }
        List<String> features = new ArrayList<>();
        for (int f = 0; f < featureCount; f++) {
            features.add("f" + f);
        }
        List<String> options = List.of("--label", "y", "--prediction", "p", "--features", String.join(",", features),
                "--max-depth", "3", "--min-support", "100", "--top", "10", "--json");
        System.out.printf(Locale.ROOT, "data: %,d rows x %d features; csv %.0f MB, parquet %.1f MB; %d cores; load %s%n", rows, featureCount,
                Files.size(csv) / 1e6, SparkAuditBench.size(parquet) / 1e6, Runtime.getRuntime().availableProcessors(),
                SparkAuditBench.loadAverage());

        spark.sparkContext().addSparkListener(new SparkAuditBench.Recorder());
        double[] local = new double[repetitions];
        double[] localCpu = new double[repetitions];
        double[] distributed = new double[repetitions];
        double[] distributedCpu = new double[repetitions];
        String localJson = null;
        String sparkJson = null;
        // Alternating, after one warm-up of each, so that both see the same load.
        for (int r = -1; r < repetitions; r++) {
            long t = System.nanoTime();
            long c = SparkAuditBench.cpuNanos();
            localJson = run(org.fairhunt.cli.Main.commandLine(), "slices", csv.toString(), options);
            if (r >= 0) {
                local[r] = (System.nanoTime() - t) / 1e9;
                localCpu[r] = (SparkAuditBench.cpuNanos() - c) / 1e9;
            }
            SparkAuditBench.JOBS.clear();
            SparkAuditBench.RESULT_BYTES.clear();
            t = System.nanoTime();
            c = SparkAuditBench.cpuNanos();
            sparkJson = run(org.fairhunt.spark.Main.commandLine(), "slices", parquet.toString(), options);
            if (r >= 0) {
                distributed[r] = (System.nanoTime() - t) / 1e9;
                distributedCpu[r] = (SparkAuditBench.cpuNanos() - c) / 1e9;
            }
        }
        int partitions = spark.read().parquet(parquet.toString()).javaRDD().getNumPartitions();
        System.out.printf(Locale.ROOT, "local fairhunt slices (CSV read included, %d threads): median %.2f s %s, CPU median %.2f s%n",
                Runtime.getRuntime().availableProcessors(), BenchData.median(local), SparkAuditBench.seconds(local),
                BenchData.median(localCpu));
        System.out.printf(Locale.ROOT, "spark local[2] slices, %d partitions (Parquet): median %.2f s %s (%.1f× local), CPU median %.2f s (%.1f×)%n",
                partitions, BenchData.median(distributed), SparkAuditBench.seconds(distributed),
                BenchData.median(distributed) / BenchData.median(local), BenchData.median(distributedCpu),
                BenchData.median(distributedCpu) / BenchData.median(localCpu));
        System.out.println("last Spark run, per job:");
        for (Map.Entry<String, long[]> e : SparkAuditBench.JOBS.entrySet()) {
            long[] v = e.getValue();
            System.out.printf(Locale.ROOT, "  %-62s tasks %3d, task time %6.2f s, task CPU %6.2f s, result %,d B (%,d B per task), shuffle %,d B%n",
                    e.getKey(), v[0], v[1] / 1e3, v[5] / 1e9, v[2], v[2] / Math.max(1, v[0]), v[3]);
        }
        ObjectMapper m = new ObjectMapper();
        JsonNode a = m.readTree(localJson);
        JsonNode b = m.readTree(sparkJson);
        System.out.printf(Locale.ROOT, "JSON reports identical: %s; largest relative difference over all numbers: %.3g%n", a.equals(b),
                SparkAuditBench.maxDifference(a, b));
        System.out.printf(Locale.ROOT, "load at end: %s%n", SparkAuditBench.loadAverage());
        spark.stop();
    }

    private static String run(CommandLine cl, String command, String input, List<String> options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of(command, input));
        args.addAll(options);
        int status = cl.execute(args.toArray(new String[0]));
        if (status != 0) {
            throw new IllegalStateException(command + " failed (" + status + "): " + err);
        }
        return out.toString();
    }

    /** {@link SliceFinderBench}'s features and errors as a CSV: values {@code v0..}, {@code y} random, {@code p} wrong where the error is 1. */
    static void write(Path csv, int rows, int featureCount, long seed) throws java.io.IOException {
        SliceFeatures x = SliceFinderBench.features(seed, rows, featureCount);
        double[] e = SliceFinderBench.errors(seed, x);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            StringBuilder sb = new StringBuilder();
            for (int f = 0; f < featureCount; f++) {
                sb.append('f').append(f).append(',');
            }
            w.write(sb.append("y,p\n").toString());
            for (int i = 0; i < rows; i++) {
                sb.setLength(0);
                for (int f = 0; f < featureCount; f++) {
                    sb.append('v').append(x.code(f, i)).append(',');
                }
                int y = rnd.nextInt(2);
                sb.append(y).append(',').append(e[i] > 0 ? 1 - y : y).append('\n');
                w.write(sb.toString());
            }
        }
    }
}

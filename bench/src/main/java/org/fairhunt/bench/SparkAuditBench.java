package org.fairhunt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.io.CsvWriter;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.table.Table;
import org.fairhunt.spark.SparkAuditor;

/**
 * Issue #14's benchmark: the Spark engine on {@code local[2]} against the local engine on the same data —
 * 10 M rows (Parquet for Spark, the same rows as CSV for the local reader), 3 group attributes (2 × 4 × 5
 * values) with all intersections (90 slices), the 13 confusion metrics, 200 bootstrap replicates. Prints
 * medians, where Spark's time goes (per job: tasks, summed task time, rows per second of task time), the
 * bytes each partition sends (its serialized state), and the largest difference between the two results.
 *
 * <pre>mvn -B -q -DskipTests -Pbench package -pl bench -am
 * java -Xmx8g $SPARK_OPENS -cp bench/target/fairhunt-bench.jar:$(spark jars) org.fairhunt.bench.SparkAuditBench [rows] [repetitions] [dir] [partition MB]</pre>
 * (the README's Spark section gives the two shell variables).
 */
public final class SparkAuditBench {
    private SparkAuditBench() {
    }

    /** Per job description: tasks, summed run time (ms), result bytes, shuffle bytes written, records read. */
    static final Map<String, long[]> JOBS = new ConcurrentHashMap<>();
    static final Map<Integer, String> STAGE_JOB = new ConcurrentHashMap<>();
    static final List<String> RESULT_BYTES = java.util.Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Path.of(args.length > 2 ? args[2] : "/tmp/fairhunt-spark-bench");
        int partitionMb = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        Files.createDirectories(dir);
        Path csv = dir.resolve("bench-" + rows + ".csv");
        Path parquet = dir.resolve("bench-" + rows + "-rowgroups-8m.parquet");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fairhunt-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.memory", "4g")
                .config("spark.sql.files.maxPartitionBytes", Long.toString(partitionMb * 1024L * 1024L))
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        if (!Files.exists(csv)) {
            CsvWriter.write(BenchData.classification(rows, 2024), csv);
        }
        if (!Files.exists(parquet)) {
            // One file with 8 MB row groups: Spark splits a Parquet file only at row groups.
            spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).coalesce(1)
                    .write().option("parquet.block.size", Integer.toString(8 << 20)).parquet(parquet.toString());
        }
        System.out.printf(Locale.ROOT, "data: %,d rows; csv %.0f MB, parquet %.0f MB; load %s%n", rows, Files.size(csv) / 1e6,
                size(parquet) / 1e6, loadAverage());
        AuditRequest request = new AuditRequest("y", null, "p", null, false, List.of("a", "b", "c"), Map.of(), 3, 30, null,
                200, 1, null, null, 2, 0.95);

        // Local engine: read the CSV once, then audit (the engine's pass, bootstrap, metrics, disparities).
        long t0 = System.nanoTime();
        Table table = TableReaders.read(csv);
        double load = (System.nanoTime() - t0) / 1e9;
        double[] local = new double[repetitions];
        double[] localCpu = new double[repetitions];
        JsonNode localJson = null;
        for (int r = 0; r < repetitions; r++) {
            long t = System.nanoTime();
            long c = cpuNanos();
            localJson = AuditJson.toTree(Auditor.run(table, request).result());
            local[r] = (System.nanoTime() - t) / 1e9;
            localCpu[r] = (cpuNanos() - c) / 1e9;
        }
        AuditSpec spec = Auditor.spec(table, request, List.of());
        int stateBytes = new LocalEngine().state(table, spec).toBytes().length;
        table = null;
        System.out.printf(Locale.ROOT, "local engine (2 threads): CSV load %.2f s; audit median %.2f s %s, CPU median %.2f s%n", load,
                BenchData.median(local), seconds(local), BenchData.median(localCpu));
        System.out.printf(Locale.ROOT, "serialized state of the whole audit: %,d bytes%n", stateBytes);

        spark.sparkContext().addSparkListener(new Recorder());
        Dataset<Row> data = spark.read().parquet(parquet.toString());
        int partitions = data.javaRDD().getNumPartitions();
        double[] distributed = new double[repetitions];
        double[] distributedCpu = new double[repetitions];
        JsonNode sparkJson = null;
        for (int r = 0; r < repetitions; r++) {
            JOBS.clear();
            RESULT_BYTES.clear();
            long t = System.nanoTime();
            long c = cpuNanos();
            sparkJson = AuditJson.toTree(SparkAuditor.run(data, request, new SparkAuditor.Options(csv.toString(), null),
                    List::of).result());
            distributed[r] = (System.nanoTime() - t) / 1e9;
            distributedCpu[r] = (cpuNanos() - c) / 1e9;
        }
        System.out.printf(Locale.ROOT, "spark local[2], %d partitions: audit median %.2f s %s (%.1f× the local engine), "
                + "CPU median %.2f s (%.1f×)%n", partitions, BenchData.median(distributed), seconds(distributed),
                BenchData.median(distributed) / BenchData.median(local), BenchData.median(distributedCpu),
                BenchData.median(distributedCpu) / BenchData.median(localCpu));
        for (Map.Entry<String, long[]> e : JOBS.entrySet()) {
            long[] v = e.getValue();
            System.out.printf(Locale.ROOT, "  %-55s tasks %3d, task time %6.2f s, task CPU %6.2f s (%.2f µs CPU per row), "
                    + "result %,d B, shuffle %,d B%n", e.getKey(), v[0], v[1] / 1e3, v[5] / 1e9, v[5] / 1e3 / Math.max(1, v[4]), v[2], v[3]);
        }
        System.out.printf(Locale.ROOT, "  bytes sent per partition by the state job's tasks: %s%n", RESULT_BYTES);
        System.out.printf(Locale.ROOT, "largest relative difference spark vs local over all numbers: %.3g%n",
                maxDifference(localJson, sparkJson));
        System.out.printf(Locale.ROOT, "load at end: %s%n", loadAverage());
        spark.stop();
    }

    /** Records per-job task counts and times, result and shuffle bytes. */
    static final class Recorder extends SparkListener {
        @Override
        public void onJobStart(SparkListenerJobStart start) {
            String d = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
            String name = d == null ? "(other)" : d;
            scala.collection.Iterator<Object> it = start.stageIds().iterator();
            while (it.hasNext()) {
                STAGE_JOB.put((Integer) it.next(), name);
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() == null) {
                return;
            }
            String job = STAGE_JOB.getOrDefault(end.stageId(), "(other)");
            long[] v = JOBS.computeIfAbsent(job, k -> new long[6]);
            synchronized (v) {
                v[0]++;
                v[1] += end.taskMetrics().executorRunTime();
                v[2] += end.taskMetrics().resultSize();
                v[3] += end.taskMetrics().shuffleWriteMetrics().bytesWritten();
                v[4] += end.taskMetrics().inputMetrics().recordsRead();
                v[5] += end.taskMetrics().executorCpuTime();
            }
            if (job.startsWith("fairhunt: statistic states")) {
                RESULT_BYTES.add(end.taskMetrics().inputMetrics().recordsRead() + " rows -> " + end.taskMetrics().resultSize() + " B");
            }
        }
    }

    static double maxDifference(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return x == y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
        }
        double m = 0;
        if (a.isContainerNode()) {
            if (a.size() != b.size()) {
                return Double.POSITIVE_INFINITY;
            }
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    m = Math.max(m, maxDifference(a.get(i), b.get(i)));
                }
            } else {
                for (Iterator<String> it = a.fieldNames(); it.hasNext();) {
                    String n = it.next();
                    m = Math.max(m, b.has(n) ? maxDifference(a.get(n), b.get(n)) : Double.POSITIVE_INFINITY);
                }
            }
        } else if (!a.equals(b)) {
            return Double.POSITIVE_INFINITY;
        }
        return m;
    }

    /** CPU time of this JVM (all threads, Spark's executor threads included in local mode). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String seconds(double[] s) {
        List<String> out = new ArrayList<>();
        for (double v : s) {
            out.add(String.format(Locale.ROOT, "%.2f", v));
        }
        return "(runs: " + String.join(", ", out) + " s)";
    }

    static long size(Path p) throws java.io.IOException {
        try (var files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}

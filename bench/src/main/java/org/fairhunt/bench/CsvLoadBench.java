package org.fairhunt.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.Table;

/**
 * End-to-end load time of a large audit CSV: {@code y,pred,score,a,b,c} with a 0/1 label, a 0/1
 * prediction, a score in [0,1] with four decimals and three group columns of 2, 4 and 5 values. The
 * file is generated with a fixed seed when absent (10 million rows, about 400 MB), then loaded five
 * times; the driver prints each time, the median, rows/s, MB/s and the heap the table holds, and the
 * reading thread's CPU time, which is what to compare when other work shares the machine.
 *
 * <pre>
 * java -Xmx8g -cp ... org.fairhunt.bench.CsvLoadBench [file.csv|file.csv.gz] [rows] [runs]
 * </pre>
 */
public final class CsvLoadBench {
    private static final String[] A = {"female", "male"};
    private static final String[] B = {"age_18_to_29", "age_30_to_44", "age_45_to_64", "age_65_plus"};
    private static final String[] C = {"northeast", "midwest", "south", "west", "territories"};

    private CsvLoadBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Paths.get(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/fairhunt-bench/audit-10m.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            generate(file, rows, 20261122L);
            System.out.printf(Locale.ROOT, "generated %s (%d rows) in %.1f s%n", file, rows, (System.nanoTime() - t0) / 1e9);
        }
        long bytes = Files.size(file);
        double[] seconds = new double[runs];
        double[] cpuSeconds = new double[runs];
        double[] processCpuSeconds = new double[runs];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Table table = null;
        for (int r = 0; r < runs; r++) {
            table = null;
            System.gc();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long process0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            table = TableReaders.read(file, ReadOptions.defaults().withProgressBar(false));
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            cpuSeconds[r] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            processCpuSeconds[r] = (os.getProcessCpuTime() - process0) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: %.2f s wall, %.2f s CPU of the reading thread, %.2f s CPU of the process%n",
                    r + 1, seconds[r], cpuSeconds[r], processCpuSeconds[r]);
        }
        double heapMiB = BenchData.heapUsedMiB();
        Runtime rt = Runtime.getRuntime();
        double median = BenchData.median(seconds);
        System.out.printf(Locale.ROOT, "%s: %.1f MB, %,d rows, %d columns %s%n", file, bytes / 1e6, table.rowCount(),
                table.columns().size(), table.columns().stream().map(c -> c.name() + ":" + c.type()).toList());
        // On a shared machine the wall time swings with other load; the reading thread's CPU time does not.
        System.out.printf(Locale.ROOT, "median CPU time: reading thread %.2f s, whole process (column workers, GC) %.2f s%n",
                BenchData.median(cpuSeconds), BenchData.median(processCpuSeconds));
        System.out.printf(Locale.ROOT, "median %.2f s over %d runs, %,.0f rows/s, %.1f MB/s, heap in use with the table %.0f MiB "
                + "(processors %d, max heap %.0f MiB)%n", median, runs, table.rowCount() / median, bytes / 1e6 / median,
                heapMiB, rt.availableProcessors(), rt.maxMemory() / (1024.0 * 1024.0));
    }

    /** Writes the benchmark file with a fixed seed (gzip-compressed when the name ends in .gz). */
    static void generate(Path file, int rows, long seed) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        SplittableRandom random = new SplittableRandom(seed);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(
                gzip ? new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16) : Files.newOutputStream(tmp),
                StandardCharsets.UTF_8), 1 << 20)) {
            w.write("y,pred,score,a,b,c\n");
            StringBuilder sb = new StringBuilder(64);
            for (int i = 0; i < rows; i++) {
                int y = random.nextInt(2);
                int score = random.nextInt(10_001);
                int pred = score >= 5000 ? 1 : 0;
                sb.setLength(0);
                sb.append(y).append(',').append(pred).append(',');
                sb.append(score / 10_000).append('.');
                int frac = score % 10_000;
                sb.append((char) ('0' + frac / 1000)).append((char) ('0' + frac / 100 % 10))
                        .append((char) ('0' + frac / 10 % 10)).append((char) ('0' + frac % 10));
                sb.append(',').append(A[random.nextInt(A.length)]);
                sb.append(',').append(B[random.nextInt(B.length)]);
                sb.append(',').append(C[random.nextInt(C.length)]).append('\n');
                w.append(sb);
            }
        }
        Files.move(tmp, file);
    }
}

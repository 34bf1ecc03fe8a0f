package org.fairhunt.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.table.Table;

/**
 * End-to-end driver for issue #2's target: one pass over 10 million loaded rows, 3 group attributes
 * (2 × 4 × 5 values) with all intersections up to 3 (90 slices), the 13 confusion metrics.
 *
 * <pre>java -Xmx8g -cp bench/target/fairhunt-bench.jar org.fairhunt.bench.AuditPassBench [rows] [repetitions]</pre>
 */
public final class AuditPassBench {
    private static final java.lang.management.ThreadMXBean THREAD_CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private AuditPassBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Table table = BenchData.classification(rows, 2024);
        System.out.printf(Locale.ROOT, "table: %,d rows in memory, heap used %.0f MiB%n", rows, BenchData.heapUsedMiB());
        for (int threads : new int[] {1, 2}) {
            AuditSpec spec = AuditSpec.builder().groups(List.of("a", "b", "c")).intersections(3)
                    .statistic(new ConfusionStatistic("y", null, "p")).threads(threads).build();
            double[] seconds = new double[repetitions];
            double[] cpu = new double[repetitions];
            AuditRun last = null;
            for (int r = 0; r < repetitions; r++) {
                long c0 = THREAD_CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                last = new LocalEngine().run(table, spec);
                // Evaluating every metric of every slice is part of the job.
                int slices = last.slices().size();
                last.metrics().forEach(m -> {
                    for (int s = 0; s < slices; s++) {
                        m.value(s, 0);
                    }
                });
                seconds[r] = (System.nanoTime() - t0) / 1e9;
                cpu[r] = (THREAD_CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            }
            double median = BenchData.median(seconds);
            if (threads == 1) {
                // One thread runs the pass in the calling thread: its CPU time does not count waiting for a core.
                System.out.printf(Locale.ROOT, "threads=1: median CPU %.3f s of the calling thread%n", BenchData.median(cpu));
            }
            System.out.printf(Locale.ROOT, "threads=%d slices=%d: median %.3f s over %d runs (min %.3f, max %.3f), %.1f M rows/s%n",
                    threads, last.slices().size(), median, repetitions, Arrays.stream(seconds).min().orElse(0),
                    Arrays.stream(seconds).max().orElse(0), rows / median / 1e6);
        }
        System.out.printf(Locale.ROOT, "heap used after runs: %.0f MiB%n", BenchData.heapUsedMiB());
        bandwidth(table, repetitions);
    }

    /**
     * The floor for one pass, measured in the same run: (1) streaming-read bandwidth (a sum over 512 MiB of
     * longs, one thread) and the time to read the pass's inputs at that rate (five int code columns, 20
     * bytes a row); (2) the smallest pass over those inputs, a joint histogram over (a, b, c, y, p) folded
     * into the 90 slices' confusion counts. The engine's 1-thread median above divided by these is how far
     * it is from memory speed.
     */
    static void bandwidth(Table table, int repetitions) {
        long[] big = new long[64 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = i;
        }
        double[] read = new double[repetitions];
        double[] readCpu = new double[repetitions];
        long sink = 0;
        for (int r = 0; r < repetitions; r++) {
            long c0 = THREAD_CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long sum = 0;
            for (long v : big) {
                sum += v;
            }
            read[r] = (System.nanoTime() - t0) / 1e9;
            readCpu[r] = (THREAD_CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            sink += sum;
        }
        double gbPerS = big.length * 8.0 / BenchData.median(read) / 1e9;
        int rows = table.rowCount();
        int[] a = table.categorical("a").codesUnsafe();
        int[] b = table.categorical("b").codesUnsafe();
        int[] c = table.categorical("c").codesUnsafe();
        int[] y = table.categorical("y").codesUnsafe();
        int[] p = table.categorical("p").codesUnsafe();
        double inputBytes = rows * 20.0;
        double[] hist = new double[repetitions];
        double[] histCpu = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long c0 = THREAD_CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long[] joint = new long[2 * 4 * 5 * 4];
            for (int i = 0; i < rows; i++) {
                joint[((a[i] * 4 + b[i]) * 5 + c[i]) * 4 + y[i] * 2 + p[i]]++;
            }
            // Fold into every slice (each subset of {a, b, c}): 90 slices × 4 cells.
            long[] slices = new long[4 * (2 + 4 + 5 + 8 + 10 + 20 + 40)];
            for (int cell = 0; cell < joint.length; cell++) {
                int k = cell & 3;
                int cc = (cell >> 2) % 5;
                int bb = (cell >> 2) / 5 % 4;
                int aa = (cell >> 2) / 20;
                int[] slice = {aa, 2 + bb, 6 + cc, 11 + aa * 4 + bb, 19 + aa * 5 + cc, 29 + bb * 5 + cc, 49 + (aa * 4 + bb) * 5 + cc};
                for (int sl : slice) {
                    slices[sl * 4 + k] += joint[cell];
                }
            }
            hist[r] = (System.nanoTime() - t0) / 1e9;
            histCpu[r] = (THREAD_CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            sink += slices[0];
        }
        System.out.printf(Locale.ROOT, "memory: streaming read %.1f GB/s (1 thread, median of %d); the pass's inputs (%.0f MB) "
                + "take %.3f s at that rate; joint histogram + fold into 90 slices: median %.3f s (%.1f M rows/s) [%d]%n",
                gbPerS, repetitions, inputBytes / 1e6, inputBytes / 1e9 / gbPerS, BenchData.median(hist),
                rows / BenchData.median(hist) / 1e6, sink & 1);
        double cpuRate = big.length * 8.0 / BenchData.median(readCpu) / 1e9;
        System.out.printf(Locale.ROOT, "memory by thread CPU time: streaming read %.1f GB/s, the pass's inputs %.3f s; joint histogram "
                + "%.3f s%n", cpuRate, inputBytes / 1e9 / cpuRate, BenchData.median(histCpu));
    }
}

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
            AuditRun last = null;
            for (int r = 0; r < repetitions; r++) {
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
            }
            double median = BenchData.median(seconds);
            System.out.printf(Locale.ROOT, "threads=%d slices=%d: median %.3f s over %d runs (min %.3f, max %.3f), %.1f M rows/s%n",
                    threads, last.slices().size(), median, repetitions, Arrays.stream(seconds).min().orElse(0),
                    Arrays.stream(seconds).max().orElse(0), rows / median / 1e6);
        }
        System.out.printf(Locale.ROOT, "heap used after runs: %.0f MiB%n", BenchData.heapUsedMiB());
    }
}

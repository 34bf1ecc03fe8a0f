package org.fairhunt.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairhunt.core.disparity.Disparities;
import org.fairhunt.core.disparity.ReferenceChoice;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.audit.AuditResults;
import org.fairhunt.core.table.Table;

/**
 * End-to-end driver for issue #3's target: 10 million rows generated in memory (fixed seed), 3 group
 * attributes (2 × 4 × 5 values) with all intersections (90 slices), the 13 confusion metrics, 200 Poisson
 * bootstrap replicates — the engine's single pass, then every metric's interval for every slice and every
 * disparity with its interval, p-value and q-value. Median of the runs at 1 and 2 threads, and a check
 * that both thread counts give bit-identical sums and an identical JSON result.
 *
 * <pre>java -Xmx6g -cp bench/target/fairhunt-bench.jar org.fairhunt.bench.BootstrapBench [rows] [runs] [replicates]</pre>
 */
public final class BootstrapBench {
    private BootstrapBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int replicates = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Table table = BenchData.classification(rows, 2024);
        System.out.printf(Locale.ROOT, "table: %,d rows in memory; %d replicates; %d cores%n", rows, replicates,
                Runtime.getRuntime().availableProcessors());
        double[][] firstSums = null;
        String firstJson = null;
        for (int threads : new int[] {1, 2}) {
            AuditSpec spec = AuditSpec.builder().groups(List.of("a", "b", "c")).intersections(3)
                    .statistic(new ConfusionStatistic("y", null, "p")).bootstrap(replicates, 42).threads(threads).build();
            double[] pass = new double[runs];
            double[] total = new double[runs];
            double[] cpu = new double[runs];
            AuditRun run = null;
            AuditResult result = null;
            for (int k = 0; k < runs; k++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                run = new LocalEngine().run(table, spec);
                long t1 = System.nanoTime();
                result = AuditResults.from(run, null, Map.of(), 0.95);
                result = result.withDisparities(Disparities.compute(run, AuditResults.select(run, null), ReferenceChoice.LARGEST,
                        0.95));
                long t2 = System.nanoTime();
                pass[k] = (t1 - t0) / 1e9;
                total[k] = (t2 - t0) / 1e9;
                cpu[k] = (processCpuNanos() - c0) / 1e9;
            }
            System.out.printf(Locale.ROOT, "threads=%d: %d slices, %d disparities; engine pass median %.3f s (min %.3f, max %.3f); "
                    + "with intervals and disparities median %.3f s (min %.3f, max %.3f); %.2f M rows/s%n", threads,
                    run.slices().size(), result.disparities().size(), BenchData.median(pass), min(pass), max(pass),
                    BenchData.median(total), min(total), max(total), rows / BenchData.median(total) / 1e6);
            // On a shared machine wall time includes waiting for a core; CPU time does not.
            System.out.printf(Locale.ROOT, "threads=%d: process CPU time median %.3f s (min %.3f, max %.3f)%n", threads,
                    BenchData.median(cpu), min(cpu), max(cpu));
            double[][] sums = run.grids().stream().map(g -> g.sumsUnsafe()).toArray(double[][]::new);
            String json = AuditJson.toJson(result);
            if (firstSums == null) {
                firstSums = sums;
                firstJson = json;
            } else {
                boolean same = Arrays.deepEquals(firstSums, sums) && firstJson.equals(json);
                System.out.println(same ? "1 and 2 threads: identical sums and JSON" : "1 and 2 threads: RESULTS DIFFER");
                if (!same) {
                    System.exit(1);
                }
            }
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}

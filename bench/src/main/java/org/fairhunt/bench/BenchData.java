package org.fairhunt.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * The synthetic audit data every audit benchmark uses, generated in memory with a fixed seed: label
 * {@code y} and prediction {@code p} (0/1, right 80% of the time), score {@code s}, and group attributes
 * {@code a}, {@code b}, {@code c} with 2, 4 and 5 values.
 */
public final class BenchData {
    private BenchData() {
    }

    public static Table classification(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] y = new int[rows];
        int[] p = new int[rows];
        int[] a = new int[rows];
        int[] b = new int[rows];
        int[] c = new int[rows];
        double[] s = new double[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = rnd.nextInt(2);
            b[i] = rnd.nextInt(4);
            c[i] = rnd.nextInt(5);
            y[i] = rnd.nextDouble() < 0.2 + 0.1 * a[i] + 0.05 * b[i] ? 1 : 0;
            p[i] = rnd.nextDouble() < 0.8 ? y[i] : 1 - y[i];
            s[i] = Math.round(Math.min(1, Math.max(0, 0.5 * y[i] + 0.5 * rnd.nextDouble())) * 1e4) / 1e4;
        }
        return new Table("bench-" + rows, List.of(
                new CategoricalColumn("y", y, List.of("0", "1")),
                new CategoricalColumn("p", p, List.of("0", "1")),
                new NumericColumn("s", s),
                new CategoricalColumn("a", a, List.of("a0", "a1")),
                new CategoricalColumn("b", b, List.of("b0", "b1", "b2", "b3")),
                new CategoricalColumn("c", c, List.of("c0", "c1", "c2", "c3", "c4"))));
    }

    /** Median of the values (sorts a copy). */
    /**
     * The command that starts fairhunt from {@code jarOrLauncher}: a runnable jar through this JVM's {@code java -jar}
     * (with {@code jvmOptions} before {@code -jar}), or anything else, such as the {@code ./fairhunt} launcher with its
     * archive and per-command JVM settings, as it is (its JVM options then go in {@code FAIRHUNT_JAVA_OPTS}).
     */
    public static List<String> fairhunt(String jarOrLauncher, List<String> jvmOptions) {
        if (!jarOrLauncher.endsWith(".jar")) {
            return List.of(Path.of(jarOrLauncher).toAbsolutePath().toString());
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jarOrLauncher));
        return command;
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Heap in use after a full collection, in MiB. */
    public static double heapUsedMiB() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }
}

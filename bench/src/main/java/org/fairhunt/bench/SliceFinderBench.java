package org.fairhunt.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.discovery.slice.ScoredSlice;
import org.fairhunt.discovery.slice.Slice;
import org.fairhunt.discovery.slice.SliceFeatures;
import org.fairhunt.discovery.slice.SliceFinder;
import org.fairhunt.discovery.slice.SliceReport;
import org.fairhunt.discovery.slice.SliceSearch;
import org.fairhunt.discovery.slice.SliceSearchResult;

/**
 * End-to-end benchmark of slice finding: {@code rows} × {@code features} categorical features (5–10
 * values each, seeded), 0/1 errors at 8% with two planted slices (a 3-way one at 90% and a 2-way one
 * at 30%), depth 3, minimum support 100, top 10, α = 0.95. It times, in the same JVM and run:
 * <ul>
 * <li>Fairhunt's {@link SliceSearch} alone (the SliceLine search) and {@link SliceFinder} (search +
 * tests of the whole support-bounded lattice + Benjamini–Hochberg + collapsing);</li>
 * <li>Apache SystemDS's builtin {@code sliceLine} (scripts/builtin/sliceLine.dml, via JMLC, parallel
 * operators and parfor on) on the same matrix and error vector;</li>
 * <li>an exhaustive enumeration (every conjunction up to depth 3, counted densely, no pruning) whose
 * top 10 the search must equal.</li>
 * </ul>
 * Fairhunt: median of {@code --runs} timed runs after one warm-up. SystemDS: {@code --systemds-runs}
 * timed runs (default 1, with no warm-up when 1: on 2 shared cores one SystemDS run of the full size
 * takes many minutes). Usage:
 * {@code SliceFinderBench [--rows N] [--features F] [--runs R] [--seed S] [--no-systemds] [--systemds-runs R]}.
 */
public final class SliceFinderBench {
    private static final int DEPTH = 3;
    private static final int MIN_SUPPORT = 100;
    private static final int TOP = 10;
    private static final double ALPHA = 0.95;

    private SliceFinderBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        int featureCount = 20;
        int runs = 3;
        long seed = 20260101L;
        boolean systemds = true;
        int systemdsRuns = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--features" -> featureCount = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--no-systemds" -> systemds = false;
                case "--systemds-runs" -> systemdsRuns = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "data: %d rows x %d features, depth %d, min support %d, top %d, alpha %.2f, %d cores%n", rows,
                featureCount, DEPTH, MIN_SUPPORT, TOP, ALPHA, Runtime.getRuntime().availableProcessors());
        SliceFeatures x = features(seed, rows, featureCount);
        double[] e = errors(seed, x);
        RowErrors errors = RowErrors.of("bench", e, null);
        SliceSearch.Params params = new SliceSearch.Params(DEPTH, MIN_SUPPORT, TOP, ALPHA, Runtime.getRuntime().availableProcessors());

        SliceSearchResult search = null;
        double[] searchTimes = new double[runs];
        double[] finderTimes = new double[runs];
        double[] searchCpu = new double[runs];
        double[] finderCpu = new double[runs];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        SliceReport report = null;
        for (int r = -1; r < runs; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            search = SliceSearch.run(x, errors, params);
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            report = SliceFinder.find(x, errors, new SliceFinder.Options(params, 0.95, 0.05, SliceFinder.Ranking.SLICELINE));
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            if (r >= 0) {
                searchTimes[r] = (t1 - t0) / 1e9;
                finderTimes[r] = (t2 - t1) / 1e9;
                searchCpu[r] = (c1 - c0) / 1e9;
                finderCpu[r] = (c2 - c1) / 1e9;
            }
        }
        // CPU seconds of the whole process (all threads, GC included) show the work when the machine is shared.
        System.out.printf(Locale.ROOT, "machine load average at the end: %.1f%n", os.getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "fairhunt SliceSearch (SliceLine):            median %.2f s  runs %s  (CPU s: %s)%n", median(searchTimes),
                Arrays.toString(round(searchTimes)), Arrays.toString(round(searchCpu)));
        System.out.printf(Locale.ROOT, "fairhunt SliceFinder (+ tests, BH, collapse): median %.2f s  runs %s  (CPU s: %s; family %d slices, %d with q < 0.05)%n",
                median(finderTimes), Arrays.toString(round(finderTimes)), Arrays.toString(round(finderCpu)), report.familySize(),
                report.significantInFamily());
        for (var level : report.levels()) {
            System.out.printf(Locale.ROOT, "  level %d: %d candidates generated, %d pruned by the score bound, %d counted, %d in the family%n",
                    level.depth(), level.generated(), level.prunedByBound(), level.evaluated(), level.inFamily());
        }
        System.out.println("top " + TOP + ":");
        for (ScoredSlice s : search.top()) {
            System.out.printf(Locale.ROOT, "  %.4f  n=%d  err=%.4f  %s%n", s.score(), s.stats().rows(), s.stats().rate(), s.slice().describe(x));
        }

        long t0 = System.nanoTime();
        List<long[]> exhaustive = exhaustiveTop(x, e);
        double exhaustiveTime = (System.nanoTime() - t0) / 1e9;
        boolean same = exhaustive.size() == search.top().size();
        for (int i = 0; same && i < exhaustive.size(); i++) {
            same = Arrays.equals(exhaustive.get(i), assignment(search.top().get(i).slice(), featureCount));
        }
        System.out.printf(Locale.ROOT, "exhaustive enumeration (no pruning, 1 thread): %.2f s; top %d identical to the search: %s%n",
                exhaustiveTime, TOP, same);

        if (systemds) {
            ReferenceSliceLine systemDs;
            try {
                // Compiled only with -Psystemds, hence looked up by name.
                systemDs = (ReferenceSliceLine) Class.forName("org.fairhunt.bench.systemds.SystemDsSliceLine").getDeclaredConstructor()
                        .newInstance();
            } catch (ClassNotFoundException | NoClassDefFoundError ex) {
                System.out.println("Apache SystemDS: not on the class path; build the bench with -Psystemds to compare (or pass --no-systemds)");
                return;
            }
            systemDs.compare(x, e, systemdsRuns, DEPTH, MIN_SUPPORT, TOP, ALPHA, search.top());
        }
    }

    /** The slice as a full assignment: value + 1 per feature, 0 where it has no predicate (SystemDS's form). */
    public static long[] assignment(Slice s, int features) {
        long[] a = new long[features];
        for (int j = 0; j < s.depth(); j++) {
            a[s.feature(j)] = s.value(j) + 1;
        }
        return a;
    }

    static SliceFeatures features(long seed, int rows, int count) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        byte[][] codes = new byte[count][rows];
        for (int f = 0; f < count; f++) {
            int k = 5 + rnd.nextInt(6);
            names.add("f" + f);
            List<String> l = new ArrayList<>();
            for (int v = 0; v < k; v++) {
                l.add("v" + v);
            }
            levels.add(l);
            for (int i = 0; i < rows; i++) {
                codes[f][i] = (byte) rnd.nextInt(k);
            }
        }
        return new SliceFeatures(names, levels, codes, List.of());
    }

    static double[] errors(long seed, SliceFeatures x) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        // The 3-way slice lies on the three features with the fewest values, so that it is large
        // enough (about 1/125 of the rows) for a positive SliceLine score at α = 0.95.
        Integer[] byLevels = new Integer[x.featureCount()];
        for (int f = 0; f < byLevels.length; f++) {
            byLevels[f] = f;
        }
        Arrays.sort(byLevels, (a, b) -> a.equals(b) ? 0 : x.levelCount(a) != x.levelCount(b)
                ? Integer.compare(x.levelCount(a), x.levelCount(b)) : Integer.compare(a, b));
        int a = byLevels[0];
        int b = byLevels[1];
        int c = byLevels[2];
        double[] e = new double[x.rowCount()];
        for (int i = 0; i < e.length; i++) {
            double p = 0.08;
            if (x.code(a, i) == 1 && x.code(b, i) == 2 && x.code(c, i) == 0) {
                p = 0.9;
            } else if (x.code(byLevels[3], i) == 3 && x.code(byLevels[4], i) == 1) {
                p = 0.3;
            }
            e[i] = rnd.nextDouble() < p ? 1 : 0;
        }
        return e;
    }

    /**
     * Every conjunction of up to {@link #DEPTH} predicates, each feature combination counted densely,
     * scored, and the best {@link #TOP} kept (score descending, ties by the assignment): no candidate
     * generation, no bound, no pruning.
     */
    static List<long[]> exhaustiveTop(SliceFeatures x, double[] e) {
        int f = x.featureCount();
        int n = x.rowCount();
        double total = 0;
        for (double v : e) {
            total += v;
        }
        double avg = total / n;
        record Entry(double score, long[] assignment) {
        }
        PriorityQueue<Entry> top = new PriorityQueue<>((a, b) -> a.score != b.score ? Double.compare(a.score, b.score)
                : -Arrays.compare(a.assignment, b.assignment));
        List<int[]> sets = new ArrayList<>();
        for (int a = 0; a < f; a++) {
            sets.add(new int[] {a});
            for (int b = a + 1; b < f; b++) {
                sets.add(new int[] {a, b});
                for (int c = b + 1; c < f; c++) {
                    sets.add(new int[] {a, b, c});
                }
            }
        }
        for (int[] set : sets) {
            int cells = 1;
            for (int j : set) {
                cells *= x.levelCount(j);
            }
            int[] count = new int[cells];
            double[] err = new double[cells];
            for (int i = 0; i < n; i++) {
                int cell = 0;
                for (int j : set) {
                    cell = cell * x.levelCount(j) + x.code(j, i);
                }
                count[cell]++;
                err[cell] += e[i];
            }
            for (int cell = 0; cell < cells; cell++) {
                if (count[cell] < MIN_SUPPORT) {
                    continue;
                }
                double score = ALPHA * ((err[cell] / count[cell]) / avg - 1) - (1 - ALPHA) * ((double) n / count[cell] - 1);
                if (!(score > 0)) {
                    continue;
                }
                long[] assignment = new long[f];
                int rest = cell;
                for (int j = set.length - 1; j >= 0; j--) {
                    assignment[set[j]] = rest % x.levelCount(set[j]) + 1;
                    rest /= x.levelCount(set[j]);
                }
                top.add(new Entry(score, assignment));
                if (top.size() > TOP) {
                    top.poll();
                }
            }
        }
        List<Entry> sorted = new ArrayList<>(top);
        sorted.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : Arrays.compare(a.assignment, b.assignment));
        List<long[]> out = new ArrayList<>();
        for (Entry en : sorted) {
            out.add(en.assignment);
        }
        return out;
    }

    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 100) / 100.0;
        }
        return r;
    }
}

package org.fairhunt.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.fairhunt.core.concurrent.Workers;
import org.fairhunt.discovery.slice.CellCounts;
import org.fairhunt.discovery.slice.LocalSliceCounter;
import org.fairhunt.discovery.slice.Slice;
import org.fairhunt.discovery.slice.SliceCounter;
import org.fairhunt.discovery.slice.SliceStats;

/**
 * The slice search's passes over rows as Spark jobs over the cached encoded chunks: each level is one
 * {@code mapPartitions} (each chunk counted by discovery's own {@link LocalSliceCounter}, one thread: Spark runs
 * the tasks in parallel) and one {@code treeReduce} of the per-combination {@link CellCounts}, whose size is the
 * combinations' cells, never the rows. The first job also gives the totals (and level 1, which the search asks
 * for next); the driver hands the merged counts to the search's tests, in parallel over combinations.
 *
 * <p>Counts are exact for any partitioning. Sums of doubles (other than 0/1 errors) are added per chunk in row
 * order and then chunk by chunk, instead of in one row-order pass: they may differ from the local engine's in
 * the last bits (the tests allow 1e-12 relative); the 0/1 sums are integers below 2⁵³ and therefore exact.
 */
final class SparkSliceCounter implements SliceCounter {
    private final JavaRDD<SparkSlices.Chunk> chunks;
    private final int threads;
    private Totals totals;
    private CellCounts[] levelOne;
    /** Per level counted (1, 2, ...): bytes of the count arrays each partition sends, for the benchmark. */
    final List<Long> stateBytes = new ArrayList<>();

    private final String description;

    /** @param description what a row's error is (the driver's, from the levels: it does not depend on rows) */
    SparkSliceCounter(JavaRDD<SparkSlices.Chunk> chunks, int threads, String description) {
        this.chunks = chunks;
        this.threads = threads;
        this.description = description;
    }

    /** What one partition sends for the first job: its totals as general statistics, and level 1 in general form. */
    static final class First implements Serializable {
        private static final long serialVersionUID = 1L;
        boolean binary = true;
        long excluded;
        List<Long> firstExcluded = new ArrayList<>();
        SliceStats total = SliceStats.EMPTY;
        CellCounts[] one;
        /** Whether any chunk was added. */
        boolean seen;

        First merge(First o) {
            if (!o.seen) {
                return this;
            }
            if (!seen) {
                return o;
            }
            First m = new First();
            m.seen = true;
            m.binary = binary && o.binary;
            m.excluded = excluded + o.excluded;
            m.firstExcluded.addAll(firstExcluded);
            m.firstExcluded.addAll(o.firstExcluded);
            m.firstExcluded.sort(null);
            m.firstExcluded = new ArrayList<>(m.firstExcluded.subList(0, Math.min(FIRST_EXCLUDED, m.firstExcluded.size())));
            m.total = total.merge(o.total);
            m.one = mergeAll(one, o.one);
            return m;
        }
    }

    @Override
    public synchronized Totals totals() {
        if (totals == null) {
            chunks.context().setJobDescription("fairhunt slices: totals and level 1");
            First f = chunks.mapPartitions(it -> {
                First part = new First();
                while (it.hasNext()) {
                    SparkSlices.Chunk c = it.next();
                    // General form for every chunk: for 0/1 errors it gives the very statistics of the 0/1 form.
                    LocalSliceCounter counter = new LocalSliceCounter(c.features(), c.errors(), 1, false, c.firstRow());
                    First one = new First();
                    one.seen = true;
                    one.binary = c.errors().isBinary();
                    one.excluded = counter.totals().excludedRows();
                    one.firstExcluded.addAll(counter.totals().firstExcludedRows());
                    one.total = counter.totals().total();
                    one.one = new CellCounts[c.features().featureCount()];
                    List<int[]> singles = new ArrayList<>();
                    for (int k = 0; k < one.one.length; k++) {
                        singles.add(new int[] {k});
                    }
                    counter.count(singles, (k, counts) -> one.one[k] = counts);
                    part = part.merge(one);
                }
                return List.of(part).iterator();
            }).treeReduce(First::merge, 2);
            totals = new Totals(description, f.total, f.binary, f.excluded, f.firstExcluded);
            levelOne = f.one;
            stateBytes.add(levelOne == null ? 0 : bytes(levelOne));
        }
        return totals;
    }

    @Override
    public void count(List<int[]> combinations, Sink sink) {
        if (combinations.isEmpty()) {
            return;
        }
        Totals t = totals();
        CellCounts[] merged;
        if (combinations.get(0).length == 1) {
            merged = new CellCounts[combinations.size()];
            for (int j = 0; j < merged.length; j++) {
                merged[j] = levelOne[combinations.get(j)[0]];
            }
        } else {
            boolean binary = t.binary();
            List<int[]> combos = new ArrayList<>(combinations);
            chunks.context().setJobDescription("fairhunt slices: level " + combos.get(0).length + ", " + combos.size() + " feature combinations");
            merged = chunks.mapPartitions(it -> {
                CellCounts[] part = null;
                while (it.hasNext()) {
                    SparkSlices.Chunk c = it.next();
                    CellCounts[] one = new CellCounts[combos.size()];
                    new LocalSliceCounter(c.features(), c.errors(), 1, binary, c.firstRow()).count(combos, (j, counts) -> one[j] = counts);
                    part = mergeAll(part, one);
                }
                return part == null ? List.<CellCounts[]>of().iterator() : java.util.Collections.<CellCounts[]>singletonList(part).iterator();
            }).treeReduce(SparkSliceCounter::mergeAll, 2);
            stateBytes.add(bytes(merged));
        }
        CellCounts[] counts = merged;
        List<Callable<Void>> tasks = new ArrayList<>();
        int per = Math.max(1, (counts.length + threads * 4 - 1) / (threads * 4));
        for (int from = 0; from < counts.length; from += per) {
            int lo = from;
            int hi = Math.min(counts.length, from + per);
            tasks.add(() -> {
                for (int j = lo; j < hi; j++) {
                    sink.accept(j, counts[j]);
                }
                return null;
            });
        }
        try (Workers workers = new Workers(Math.max(1, Math.min(threads, tasks.size())), "fairhunt-slices")) {
            workers.invokeAll(tasks, "slice tests");
        }
    }

    @Override
    public boolean[] sameRows(List<Slice[]> pairs) {
        chunks.context().setJobDescription("fairhunt slices: do " + pairs.size() + " pairs of slices select the same rows?");
        List<Slice[]> ps = new ArrayList<>(pairs);
        return chunks.map(c -> {
            boolean[] same = new boolean[ps.size()];
            for (int j = 0; j < same.length; j++) {
                same[j] = LocalSliceCounter.sameRows(c.features(), ps.get(j)[0], ps.get(j)[1]);
            }
            return same;
        }).fold(allTrue(ps.size()), (x, y) -> {
            boolean[] and = new boolean[x.length];
            for (int j = 0; j < and.length; j++) {
                and[j] = x[j] && y[j];
            }
            return and;
        });
    }

    private static boolean[] allTrue(int n) {
        boolean[] t = new boolean[n];
        java.util.Arrays.fill(t, true);
        return t;
    }

    static CellCounts[] mergeAll(CellCounts[] a, CellCounts[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        CellCounts[] m = new CellCounts[a.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = a[j].merge(b[j]);
        }
        return m;
    }

    private static long bytes(CellCounts[] counts) {
        long b = 0;
        for (CellCounts c : counts) {
            b += c.arrayBytes();
        }
        return b;
    }
}

package org.fairhunt.discovery.slice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fairhunt.core.FairhuntException;
import org.fairhunt.core.concurrent.Workers;

/**
 * {@link SliceCounter} over in-memory feature codes and row errors: a dense group-by with mixed-radix cell
 * indices, one pass over the rows per combination, threads over groups of combinations that share every
 * feature but the last (their prefix cell index is computed once). Combinations with more than
 * {@link SliceSearch#DENSE_CELLS} cells (or whose prefix has) are counted by sorting the rows' cells.
 * Spark's executors run this same counter on their chunks of rows.
 */
public final class LocalSliceCounter implements SliceCounter {
    /** Rows per block when several combinations sharing a prefix are counted together. */
    private static final int BLOCK = 4096;
    /** The most cells of a block of features coded together in one byte per row. */
    private static final int BLOCK_CELLS = 128;
    /** The most cells of a joint histogram over two blocks (256 KB of counters, within the second-level cache). */
    private static final int JOINT_CELLS = 1 << 15;

    private final SliceFeatures features;
    private final int threads;
    private final Totals totals;
    // Rows with a computable error only.
    private final byte[][] codes;
    private final double[] errors;
    private final double[] units;
    private final byte[] binaryErrors;
    private final int rows;

    /** Counts {@code rowErrors} over {@code features} (the same rows) with up to {@code threads} threads. */
    public LocalSliceCounter(SliceFeatures features, RowErrors rowErrors, int threads) {
        this(features, rowErrors, threads, rowErrors.isBinary(), 0);
    }

    /**
     * As above, for a part of the data whose first row is row {@code firstRow} (0-based) of the whole, counted as
     * 0/1 errors when {@code binary} (which the whole data decides: every part must count in the same form).
     */
    public LocalSliceCounter(SliceFeatures features, RowErrors rowErrors, int threads, boolean binary, long firstRow) {
        if (features.rowCount() != rowErrors.size()) {
            throw new IllegalArgumentException("features have " + features.rowCount() + " rows, errors " + rowErrors.size());
        }
        if (binary && !rowErrors.isBinary()) {
            throw new IllegalArgumentException("not 0/1 errors");
        }
        this.features = features;
        this.threads = threads;
        int f = features.featureCount();
        double[] e = rowErrors.errorsUnsafe();
        double[] u = rowErrors.unitsUnsafe();
        List<Long> firstExcluded = new ArrayList<>();
        if (rowErrors.excludedRows() > 0) {
            for (int row : rowErrors.firstExcludedRows(FIRST_EXCLUDED)) {
                firstExcluded.add(firstRow + row);
            }
            int[] keep = java.util.stream.IntStream.range(0, e.length).filter(i -> !Double.isNaN(e[i])).toArray();
            codes = new byte[f][keep.length];
            errors = new double[keep.length];
            units = new double[keep.length];
            for (int j = 0; j < keep.length; j++) {
                errors[j] = e[keep[j]];
                units[j] = u[keep[j]];
            }
            for (int c = 0; c < f; c++) {
                byte[] src = features.codesUnsafe(c);
                for (int j = 0; j < keep.length; j++) {
                    codes[c][j] = src[keep[j]];
                }
            }
        } else {
            codes = new byte[f][];
            for (int c = 0; c < f; c++) {
                codes[c] = features.codesUnsafe(c);
            }
            errors = e;
            units = u;
        }
        rows = errors.length;
        SliceStats total;
        if (binary) {
            binaryErrors = new byte[rows];
            long errorCount = 0;
            for (int i = 0; i < rows; i++) {
                binaryErrors[i] = (byte) errors[i];
                errorCount += binaryErrors[i];
            }
            total = new SliceStats(rows, rows, errorCount, errorCount, errorCount, rows, errorCount > 0 ? 1 : 0,
                    rows > 0 ? 1 : Double.POSITIVE_INFINITY);
        } else {
            binaryErrors = null;
            StatsColumns t = new StatsColumns(1);
            for (int i = 0; i < rows; i++) {
                t.addRow(0, errors[i], units[i]);
            }
            total = t.get(0);
        }
        totals = new Totals(rowErrors.description(), total, binary, rowErrors.excludedRows(), firstExcluded);
    }

    @Override
    public Totals totals() {
        return totals;
    }

    @Override
    public boolean[] sameRows(List<Slice[]> pairs) {
        boolean[] same = new boolean[pairs.size()];
        for (int j = 0; j < same.length; j++) {
            same[j] = sameRows(features, pairs.get(j)[0], pairs.get(j)[1]);
        }
        return same;
    }

    /** Whether two slices select exactly the same rows of {@code features}. */
    public static boolean sameRows(SliceFeatures features, Slice a, Slice b) {
        for (int row = 0; row < features.rowCount(); row++) {
            if (a.contains(features, row) != b.contains(features, row)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void count(List<int[]> combinations, Sink sink) {
        if (combinations.isEmpty()) {
            return;
        }
        int depth = combinations.get(0).length;
        List<Callable<Void>> tasks = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        if (binaryErrors != null) {
            for (Map.Entry<List<Integer>, List<Integer>> e : byBlocks(combinations, rest).entrySet()) {
                int[] blockSet = e.getKey().stream().mapToInt(Integer::intValue).toArray();
                List<Integer> group = e.getValue();
                tasks.add(() -> {
                    countJoint(blockSet, combinations, group, sink);
                    return null;
                });
            }
        } else {
            for (int j = 0; j < combinations.size(); j++) {
                rest.add(j);
            }
        }
        if (depth == 1) {
            for (int j : rest) {
                sink.accept(j, countOne(combinations.get(j)[0]));
            }
        } else {
            // Combinations grouped by their prefix (every feature but the last), in order of first appearance.
            Map<String, List<Integer>> byPrefix = new LinkedHashMap<>();
            for (int j : rest) {
                int[] c = combinations.get(j);
                byPrefix.computeIfAbsent(Arrays.toString(Arrays.copyOf(c, depth - 1)), k -> new ArrayList<>()).add(j);
            }
            for (List<Integer> group : byPrefix.values()) {
                tasks.add(() -> {
                    countPrefixGroup(combinations, group, sink);
                    return null;
                });
            }
        }
        if (threads == 1 || tasks.size() <= 1) {
            for (Callable<Void> t : tasks) {
                try {
                    t.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new FairhuntException("slice search failed: " + e, e);
                }
            }
        } else {
            try (Workers workers = new Workers(Math.min(threads, tasks.size()), "fairhunt-slices")) {
                workers.invokeAll(tasks, "slice search");
            }
        }
    }

    /**
     * Assigns combinations of 0/1 errors to joint histograms: every combination whose features lie in one or two
     * {@linkplain #blocks blocks} whose cells multiply to at most {@link #JOINT_CELLS} is counted by the histogram
     * of those blocks (a combination inside one block by a two-block histogram counted anyway, if any), when that
     * histogram serves at least two combinations; the others go to {@code rest}. Keys are the blocks, ascending,
     * in order of first appearance.
     */
    private Map<List<Integer>, List<Integer>> byBlocks(List<int[]> combinations, List<Integer> rest) {
        Blocks b = blocks();
        Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
        List<Integer> inOne = new ArrayList<>();
        for (int j = 0; j < combinations.size(); j++) {
            int[] c = combinations.get(j);
            int first = b.blockOf[c[0]];
            int last = b.blockOf[c[c.length - 1]];
            boolean two = true;
            for (int f : c) {
                two &= b.blockOf[f] == first || b.blockOf[f] == last;
            }
            if (first == last) {
                inOne.add(j);
            } else if (two && (long) b.cells[first] * b.cells[last] <= JOINT_CELLS) {
                groups.computeIfAbsent(List.of(first, last), k -> new ArrayList<>()).add(j);
            } else {
                rest.add(j);
            }
        }
        Map<Integer, List<Integer>> pairOf = new LinkedHashMap<>();
        for (List<Integer> key : groups.keySet()) {
            if (groups.get(key).size() >= 2) {
                pairOf.putIfAbsent(key.get(0), key);
                pairOf.putIfAbsent(key.get(1), key);
            }
        }
        for (int j : inOne) {
            int block = b.blockOf[combinations.get(j)[0]];
            List<Integer> key = pairOf.getOrDefault(block, List.of(block));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(j);
        }
        Map<List<Integer>, List<Integer>> joint = new LinkedHashMap<>();
        for (Map.Entry<List<Integer>, List<Integer>> e : groups.entrySet()) {
            if (e.getValue().size() >= 2) {
                joint.put(e.getKey(), e.getValue());
            } else {
                rest.addAll(e.getValue());
            }
        }
        rest.sort(null);
        return joint;
    }

    /**
     * Counts the joint histogram of one or two blocks (rows | errors &lt;&lt; 32 per cell of all their features,
     * first feature most significant) in one pass over the rows, then sums it into each combination of
     * {@code group}, whose features lie in those blocks. Counts are integers, so they equal a direct count.
     */
    private void countJoint(int[] blockSet, List<int[]> combinations, List<Integer> group, Sink sink) {
        Blocks b = blocks();
        long[] joint;
        if (blockSet.length == 1) {
            joint = b.histogram(blockSet[0]);
        } else {
            byte[] x = b.code(blockSet[0]);
            byte[] be = binaryErrors;
            byte[] y = b.code(blockSet[1]);
            int ky = b.cells[blockSet[1]];
            joint = new long[b.cells[blockSet[0]] * ky];
            for (int i = 0; i < rows; i++) {
                joint[(x[i] & 0xFF) * ky + (y[i] & 0xFF)] += 1L | ((long) be[i] << 32);
            }
        }
        // The histogram's digits: the features of its blocks, ascending.
        int[] union = Arrays.stream(blockSet).flatMap(k -> Arrays.stream(b.members[k])).toArray();
        int m = union.length;
        int[] radix = new int[m];
        for (int p = 0; p < m; p++) {
            radix[p] = features.levelCount(union[p]);
        }
        for (int j : group) {
            int[] combo = combinations.get(j);
            // A digit's weight in the combination's cell number (0 for a feature not in the combination).
            int[] weight = new int[m];
            int cells = 1;
            for (int p = m - 1; p >= 0; p--) {
                if (Arrays.binarySearch(combo, union[p]) >= 0) {
                    weight[p] = cells;
                    cells *= radix[p];
                }
            }
            long[] packed = new long[cells];
            int[] digit = new int[m];
            int cell = 0;
            for (long count : joint) {
                packed[cell] += count;
                for (int p = m - 1; p >= 0; p--) {
                    cell += weight[p];
                    if (++digit[p] < radix[p]) {
                        break;
                    }
                    cell -= weight[p] * radix[p];
                    digit[p] = 0;
                }
            }
            sink.accept(j, CellCounts.packed(combo.clone(), packed));
        }
    }

    private Blocks blocks;

    private int levels(int feature) {
        return features.levelCount(feature);
    }

    private synchronized Blocks blocks() {
        if (blocks == null) {
            blocks = new Blocks();
        }
        return blocks;
    }

    /**
     * Runs of consecutive features whose levels multiply to at most {@link #BLOCK_CELLS} (a feature with more
     * levels is a block of its own), each coded once as one byte per row: the mixed-radix number of its features'
     * codes. A histogram over two blocks then counts every pair (and triple) of their features in one pass, where
     * counting each pair on its own costs a pass per pair: 1 M rows x 20 features of 5-10 values, all 190 pairs,
     * 45 passes instead of 190.
     */
    private final class Blocks {
        final int[] blockOf;
        final int[][] members;
        final int[] cells;
        private final byte[][] codes;
        private final Object[] locks;

        Blocks() {
            int n = features.featureCount();
            blockOf = new int[n];
            List<int[]> runs = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            int start = 0;
            while (start < n) {
                int product = levels(start);
                int end = start + 1;
                while (end < n && product * levels(end) <= BLOCK_CELLS) {
                    product *= levels(end);
                    end++;
                }
                for (int f = start; f < end; f++) {
                    blockOf[f] = runs.size();
                }
                runs.add(java.util.stream.IntStream.range(start, end).toArray());
                sizes.add(product);
                start = end;
            }
            members = runs.toArray(new int[0][]);
            cells = sizes.stream().mapToInt(Integer::intValue).toArray();
            codes = new byte[members.length][];
            locks = new Object[members.length];
            for (int k = 0; k < locks.length; k++) {
                locks[k] = new Object();
            }
        }

        /** The block's code of every row (built on first use; a block of one feature is that feature's codes). */
        byte[] code(int block) {
            synchronized (locks[block]) {
                if (codes[block] == null) {
                    codes[block] = build(block, null);
                }
                return codes[block];
            }
        }

        /** The histogram of one block's code (rows | errors &lt;&lt; 32 per cell), counted while the code is built if it is not yet. */
        long[] histogram(int block) {
            long[] joint = new long[cells[block]];
            synchronized (locks[block]) {
                if (codes[block] == null) {
                    codes[block] = build(block, joint);
                    return joint;
                }
            }
            byte[] x = codes[block];
            byte[] be = binaryErrors;
            for (int i = 0; i < rows; i++) {
                joint[x[i] & 0xFF] += 1L | ((long) be[i] << 32);
            }
            return joint;
        }

        /** Builds a block's code; counts it into {@code joint} too when that is not null. */
        private byte[] build(int block, long[] joint) {
            int[] f = members[block];
            byte[] be = binaryErrors;
            byte[] out = LocalSliceCounter.this.codes[f[0]];
            if (f.length == 1 && joint != null) {
                for (int i = 0; i < rows; i++) {
                    joint[out[i] & 0xFF] += 1L | ((long) be[i] << 32);
                }
            }
            for (int p = 1; p < f.length; p++) {
                byte[] in = out;
                byte[] next = LocalSliceCounter.this.codes[f[p]];
                int k = levels(f[p]);
                out = p == 1 ? new byte[rows] : in;
                if (p == f.length - 1 && joint != null) {
                    for (int i = 0; i < rows; i++) {
                        int c = (in[i] & 0xFF) * k + (next[i] & 0xFF);
                        out[i] = (byte) c;
                        joint[c] += 1L | ((long) be[i] << 32);
                    }
                } else {
                    for (int i = 0; i < rows; i++) {
                        out[i] = (byte) ((in[i] & 0xFF) * k + (next[i] & 0xFF));
                    }
                }
            }
            return out;
        }
    }

    /** One feature's levels. */
    private CellCounts countOne(int f) {
        byte[] c = codes[f];
        int k = features.levelCount(f);
        int[] one = {f};
        if (binaryErrors != null) {
            long[] packed = new long[k];
            for (int i = 0; i < rows; i++) {
                packed[c[i] & 0xFF] += 1L | ((long) binaryErrors[i] << 32);
            }
            return CellCounts.packed(one, packed);
        }
        StatsColumns s = new StatsColumns(k);
        for (int i = 0; i < rows; i++) {
            s.addRow(c[i] & 0xFF, errors[i], units[i]);
        }
        return CellCounts.dense(one, s);
    }

    private static final ThreadLocal<int[]> PREFIX_CELLS = new ThreadLocal<>();

    private void countPrefixGroup(List<int[]> combinations, List<Integer> group, Sink sink) {
        int[] prefixFeatures = Arrays.copyOf(combinations.get(group.get(0)), combinations.get(group.get(0)).length - 1);
        int depth = prefixFeatures.length + 1;
        long prefixCells = 1;
        for (int f : prefixFeatures) {
            prefixCells *= features.levelCount(f);
        }
        int[] prefix = null;
        if (prefixCells <= SliceSearch.DENSE_CELLS) {
            prefix = PREFIX_CELLS.get();
            if (prefix == null || prefix.length < rows) {
                prefix = new int[rows];
                PREFIX_CELLS.set(prefix);
            }
            byte[] c0 = codes[prefixFeatures[0]];
            for (int i = 0; i < rows; i++) {
                prefix[i] = c0[i] & 0xFF;
            }
            for (int j = 1; j < depth - 1; j++) {
                byte[] cj = codes[prefixFeatures[j]];
                int k = features.levelCount(prefixFeatures[j]);
                for (int i = 0; i < rows; i++) {
                    prefix[i] = prefix[i] * k + (cj[i] & 0xFF);
                }
            }
        }
        List<Integer> denseBinary = new ArrayList<>();
        for (int j : group) {
            int[] all = combinations.get(j);
            long cells = prefixCells * features.levelCount(all[depth - 1]);
            if (prefix != null && cells <= SliceSearch.DENSE_CELLS && binaryErrors != null) {
                denseBinary.add(j);
            } else if (prefix != null && cells <= SliceSearch.DENSE_CELLS) {
                sink.accept(j, countDense(prefix, (int) cells, all));
            } else {
                sink.accept(j, countSorted(all));
            }
        }
        if (!denseBinary.isEmpty()) {
            countDenseBinary(combinations, denseBinary, prefix, (int) prefixCells, sink);
        }
    }

    /**
     * Counts 0/1 errors for every extension of one prefix in a single blocked pass: each block of prefix
     * cells and errors stays in the first-level cache while every extension's codes stream past it. Rows go
     * in the low 32 bits of a counter and errors in the high 32, so a row costs one addition per extension.
     * Extensions whose last features lie in one {@linkplain Blocks block} (at least two of them, with at most
     * {@link #JOINT_CELLS} cells of prefix and block together) are counted as one extension by the block's code
     * and then summed into each: with blocks of two features, half the passes of one extension per feature.
     */
    private void countDenseBinary(List<int[]> combinations, List<Integer> group, int[] prefix, int prefixCells, Sink sink) {
        Blocks b = blocks();
        int depth = combinations.get(group.get(0)).length;
        // Each extension: the codes of its last feature or block, their radix, and the combinations it counts.
        Map<Integer, List<Integer>> byBlock = new LinkedHashMap<>();
        for (int j : group) {
            int[] all = combinations.get(j);
            byBlock.computeIfAbsent(b.blockOf[all[depth - 1]], k -> new ArrayList<>()).add(j);
        }
        List<byte[]> lastCodes = new ArrayList<>();
        List<Integer> radices = new ArrayList<>();
        List<int[]> served = new ArrayList<>();
        List<Integer> blockOfExtension = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : byBlock.entrySet()) {
            int block = e.getKey();
            if (e.getValue().size() >= 2 && (long) prefixCells * b.cells[block] <= JOINT_CELLS) {
                lastCodes.add(b.code(block));
                radices.add(b.cells[block]);
                served.add(e.getValue().stream().mapToInt(Integer::intValue).toArray());
                blockOfExtension.add(block);
            } else {
                for (int j : e.getValue()) {
                    int last = combinations.get(j)[depth - 1];
                    lastCodes.add(codes[last]);
                    radices.add(levels(last));
                    served.add(new int[] {j});
                    blockOfExtension.add(-1);
                }
            }
        }
        int t = lastCodes.size();
        long[][] packed = new long[t][];
        int[] radix = new int[t];
        for (int j = 0; j < t; j++) {
            radix[j] = radices.get(j);
            packed[j] = new long[prefixCells * radix[j]];
        }
        long[] increment = new long[BLOCK];
        int[] base = new int[BLOCK];
        byte[] be = binaryErrors;
        for (int from = 0; from < rows; from += BLOCK) {
            int to = Math.min(rows, from + BLOCK);
            int len = to - from;
            for (int i = 0; i < len; i++) {
                increment[i] = 1L | ((long) be[from + i] << 32);
            }
            for (int j = 0; j < t; j++) {
                int k = radix[j];
                for (int i = 0; i < len; i++) {
                    base[i] = prefix[from + i] * k;
                }
                long[] pk = packed[j];
                byte[] lc = lastCodes.get(j);
                for (int i = 0; i < len; i++) {
                    pk[base[i] + (lc[from + i] & 0xFF)] += increment[i];
                }
            }
        }
        for (int j = 0; j < t; j++) {
            int block = blockOfExtension.get(j);
            if (block < 0) {
                int c = served.get(j)[0];
                sink.accept(c, CellCounts.packed(combinations.get(c).clone(), packed[j]));
                continue;
            }
            int[] members = b.members[block];
            for (int c : served.get(j)) {
                int last = combinations.get(c)[depth - 1];
                // The last feature's digit in the block's code: (code / stride) % levels.
                int stride = 1;
                for (int p = members.length - 1; members[p] != last; p--) {
                    stride *= levels(members[p]);
                }
                int k = levels(last);
                int kb = radix[j];
                long[] joint = packed[j];
                long[] out = new long[prefixCells * k];
                for (int cell = 0; cell < prefixCells; cell++) {
                    for (int code = 0; code < kb; code++) {
                        out[cell * k + code / stride % k] += joint[cell * kb + code];
                    }
                }
                sink.accept(c, CellCounts.packed(combinations.get(c).clone(), out));
            }
        }
    }

    /** Counts general (non 0/1) errors for one combination in dense arrays of full statistics. */
    private CellCounts countDense(int[] prefix, int cells, int[] allFeatures) {
        int lastFeature = allFeatures[allFeatures.length - 1];
        byte[] last = codes[lastFeature];
        int k = features.levelCount(lastFeature);
        StatsColumns s = new StatsColumns(cells);
        for (int i = 0; i < rows; i++) {
            s.addRow(prefix[i] * k + (last[i] & 0xFF), errors[i], units[i]);
        }
        return CellCounts.dense(allFeatures.clone(), s);
    }

    /**
     * For combinations with too many cells to count densely: the rows' cells are sorted (stably, so each
     * cell adds its rows in row order), and each run of equal cells is one occupied cell.
     */
    private CellCounts countSorted(int[] allFeatures) {
        long[] cellOfRow = new long[rows];
        for (int i = 0; i < rows; i++) {
            long cell = 0;
            for (int f : allFeatures) {
                cell = cell * features.levelCount(f) + (codes[f][i] & 0xFF);
            }
            cellOfRow[i] = cell;
        }
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> cellOfRow[i]));
        int occupied = 0;
        for (int j = 0; j < rows; j++) {
            if (j + 1 == rows || cellOfRow[order[j + 1]] != cellOfRow[order[j]]) {
                occupied++;
            }
        }
        long[] cells = new long[occupied];
        StatsColumns s = new StatsColumns(occupied);
        int slot = 0;
        for (int j = 0; j < rows; j++) {
            int i = order[j];
            s.addRow(slot, errors[i], units[i]);
            if (j + 1 == rows || cellOfRow[order[j + 1]] != cellOfRow[i]) {
                cells[slot++] = cellOfRow[i];
            }
        }
        return CellCounts.sparse(allFeatures.clone(), cells, s);
    }
}

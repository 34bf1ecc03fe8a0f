package org.fairhunt.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairhunt.core.concurrent.Workers;
import org.fairhunt.core.metric.BinaryOutcome;
import org.fairhunt.core.metric.MetricInfo;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * Exact AUC (Mann–Whitney, ties ½) for every slice and replicate: the weighted share of positive–negative
 * pairs of a slice in which the positive has the higher score. AUC is a rank metric, not a sum, so it
 * cannot ride on the atom sums of the main pass; this class is its one owner.
 *
 * <p>Rows with a label and a score are sorted by score once (a counting sort when the scores have at most six
 * decimals, as a model's rounded output does, else a radix sort on the order-preserving bits of the double) and
 * gathered in that order (atom, label, cluster key, weight), so the walk reads memory sequentially. Without
 * bootstrap and with integer weights the point estimate needs no sort at all: per (score, atom, label) sums of
 * the scaled scores, rolled up to the slices one score at a time. One walk over the sorted rows updates, for every row, each slice it belongs to (one
 * per attribute subset): a negative adds its weight to the slice's negatives seen so far, a positive
 * adds {@code weight × (negatives below + ½ negatives tied)} to the slice's numerator. Each row's
 * bootstrap weights are drawn once. Cost: {@code O(n log n + n × subsets × replicates)}.
 *
 * <p>Threads split the replicates (in blocks of four, the unit {@link PoissonWeights} draws per hash),
 * never the rows: every (slice, replicate) sum sees its rows in score order with the same operations,
 * so values are bit-identical for any thread count.
 */
final class AucPass {
    /** Name, description and direction of AUC. */
    static final MetricInfo INFO = new MetricInfo() {
        @Override
        public String metricName() {
            return "auc";
        }

        @Override
        public String description() {
            return "area under the ROC curve: P(score of a positive > score of a negative), ties count 1/2";
        }

        @Override
        public Boolean higherIsBetter() {
            return Boolean.TRUE;
        }
    };
    /** Why AUC is undefined when a slice (replicate) has no positive with a score. */
    static final String NO_POSITIVES = "no positives with a score";
    /** Why AUC is undefined when a slice (replicate) has no negative with a score. */
    static final String NO_NEGATIVES = "no negatives with a score";

    private static final byte POSITIVE = 1;
    private static final byte LAST_OF_TIE = 2;

    private final double[][] values;
    private final String[][] reasons;

    AucPass(Table table, AuditSpec spec, Slicing slicing, double[] rowWeights, long[] clusterKeys) {
        BinaryOutcome y = BinaryOutcome.of(table, spec.aucLabel(), spec.aucPositive());
        NumericColumn scoreColumn = table.finite(spec.aucScore(), "score");
        int bootstrap = spec.replicates();
        int replicates = bootstrap + 1;
        int slices = slicing.sliceCount();
        int subsets = slicing.subsetCount();
        RollUp rollUp = RollUp.of(slicing);
        List<Part> work;
        Part byLevels = bootstrap == 0 && rowWeights == null && exactSums(null, scoreColumn.size(), false)
                ? Part.pointByLevels(scoreColumn, y, slicing.atomOfRow(), rollUp, slices, subsets) : null;
        Scaled scaled = byLevels != null ? null : Scaled.of(scoreColumn, y);
        if (byLevels != null) {
            work = List.of(byLevels);
        } else if (bootstrap == 0 && scaled != null && exactSums(rowWeights, scoreColumn.size(), false)
                && (long) rollUp.atoms * scaled.buckets() <= Scaled.maxBuckets(scaled.usable())) {
            Part point = new Part(true, 0, 0, slices, subsets);
            point.pointByHistogram(scaled, y, slicing.atomOfRow(), rowWeights, rollUp);
            work = List.of(point);
        } else {
            work = walk(spec, Sorted.of(scoreColumn.valuesUnsafe(), y, scaled, slicing.atomOfRow(), rowWeights,
                    bootstrap > 0 ? clusterKeys : null), rollUp, slices, subsets);
        }

        values = new double[slices][replicates];
        reasons = new String[slices][replicates];
        for (Part part : work) {
            int column0 = part.withEstimate ? 0 : part.firstBootstrap + 1;
            for (int sl = 0; sl < slices; sl++) {
                for (int c = 0; c < part.width; c++) {
                    int r = column0 + c;
                    double pos = part.positives[sl][c];
                    double neg = part.negatives[sl][c];
                    if (pos <= 0) {
                        values[sl][r] = Double.NaN;
                        reasons[sl][r] = NO_POSITIVES;
                    } else if (neg <= 0) {
                        values[sl][r] = Double.NaN;
                        reasons[sl][r] = NO_NEGATIVES;
                    } else {
                        values[sl][r] = part.numerator[sl][c] / (pos * neg);
                    }
                }
            }
        }
    }

    /** The walk over the rows in score order, its replicates split into parts (run on threads when bootstrapping). */
    private static List<Part> walk(AuditSpec spec, Sorted rowsInOrder, RollUp rollUp, int slices, int subsets) {
        int bootstrap = spec.replicates();
        // Parts of the replicate range: part p covers bootstrap replicates [4·⌈…⌉ boundaries), part 0 also the
        // point estimate (replicate 0). (More parts than threads, so that a part's sums stay in the second-level
        // cache, cost more than they saved: 680 against 600 ms CPU for 1 M rows and 200 replicates.)
        int hashBlocks = (bootstrap + 3) / 4;
        int parts = Math.max(1, Math.min(spec.threads(), hashBlocks));
        List<Part> work = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = Math.min(bootstrap, 4 * (int) ((long) hashBlocks * p / parts));
            int to = Math.min(bootstrap, 4 * (int) ((long) hashBlocks * (p + 1) / parts));
            work.add(new Part(p == 0, from, to - from, slices, subsets));
        }
        boolean exact = exactSums(rowsInOrder.weight, rowsInOrder.atom.length, bootstrap > 0);
        PoissonWeights poisson = bootstrap > 0 ? new PoissonWeights(spec.seed()) : null;
        if (parts == 1) {
            work.get(0).walk(rowsInOrder, rollUp, exact, poisson);
        } else {
            try (Workers workers = new Workers(parts, "fairhunt-auc")) {
                List<Callable<Void>> tasks = new ArrayList<>(parts);
                for (Part part : work) {
                    tasks.add(() -> {
                        part.walk(rowsInOrder, rollUp, exact, poisson);
                        return null;
                    });
                }
                workers.invokeAll(tasks, "AUC");
            }
        }
        return work;
    }

    /**
     * Whether every sum of the pass is an exact multiple of ½ below 2<sup>53</sup>, so that the order of
     * additions cannot change a value: integer weights (1 without a weight column; bootstrap draws are
     * integers up to {@link PoissonWeights#maxWeight()}) whose total {@code W} keeps the largest numerator
     * {@code P × N ≤ (W_max / 2)²} (in half units) exact. Then tie blocks may be summed per atom first.
     */
    static boolean exactSums(double[] weight, int rows, boolean bootstrap) {
        double total = 0;
        if (weight == null) {
            total = rows;
        } else {
            for (double w : weight) {
                if (w != Math.rint(w)) {
                    return false;
                }
                total += w;
            }
        }
        double most = total * (bootstrap ? PoissonWeights.maxWeight() : 1);
        return 2 * (most / 2) * (most / 2) < 0x1p53;
    }

    /**
     * The usable rows' scores as integers {@code round(score × 10^d)} (in {@code code}, {@link #UNUSABLE} for a row
     * without a label or a score), when every usable score {@code s} equals {@code round(s × 10^d) / 10^d} exactly
     * for some {@code d ≤ 6}: a model's rounded output, 4 decimals in the benchmark file (division is correctly
     * rounded, so a score read from {@code d} decimals always does). The integers are strictly increasing in the
     * score and equal exactly for equal scores (-0.0 and 0.0 too), so they order and tie rows as the scores do;
     * {@code buckets} is the width of their range from {@code min}.
     */
    record Scaled(int[] code, int min, int buckets, int usable) {
        static final int UNUSABLE = Integer.MIN_VALUE;
        static final int MAX_DECIMALS = 6;
        private static final double MAX_SCALED = 0x1p30;
        static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};

        /**
         * The scaled scores of a column, or {@code null} when some score needs more decimals or is too large. A
         * dictionary-encoded column (a score read with few distinct values) is scaled once per distinct value, with
         * the same result as {@link #of(double[], BinaryOutcome)} over its values, row by row.
         */
        static Scaled of(NumericColumn score, BinaryOutcome y) {
            int[] codes = score.codesUnsafe();
            return codes == null ? of(score.valuesUnsafe(), y) : of(score.levelValuesUnsafe(), codes, y);
        }

        /** The scaled scores, or {@code null} when some score needs more decimals or is too large. */
        static Scaled of(double[] score, BinaryOutcome y) {
            return of(score, null, y);
        }

        /**
         * Row {@code i}'s score is {@code values[i]}, or with {@code codes} {@code values[codes[i]]} (none for a missing
         * code), scaled once per distinct value then: the same rows in the same order meet the same tests.
         */
        private static Scaled of(double[] values, int[] codes, BinaryOutcome y) {
            int rows = codes == null ? values.length : codes.length;
            int decimals = firstDecimals(values, codes, y);
            if (decimals > MAX_DECIMALS) {
                return null;
            }
            int[] code = new int[rows];
            double scale = POWERS_OF_TEN[decimals];
            int[] byLevel = codes == null ? null : scaledLevels(values, scale);
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            int usable = 0;
            for (int i = 0; i < rows; i++) {
                int c = codes == null ? i : codes[i];
                if (y.value(i) < 0 || c == CategoricalColumn.MISSING || Double.isNaN(values[c])) {
                    code[i] = UNUSABLE;
                    continue;
                }
                int k = byLevel == null ? scaled(values[c], scale) : byLevel[c];
                if (k == UNUSABLE) {
                    int needed = decimalsOf(values[c]);
                    if (needed <= decimals || needed > MAX_DECIMALS) {
                        return null;
                    }
                    // More decimals than the first rows showed: start over at that scale.
                    decimals = needed;
                    scale = POWERS_OF_TEN[decimals];
                    byLevel = codes == null ? null : scaledLevels(values, scale);
                    min = Integer.MAX_VALUE;
                    max = Integer.MIN_VALUE;
                    usable = 0;
                    i = -1;
                    continue;
                }
                code[i] = k;
                // comparisons, not Math.min/max (calls in C1's code)
                if (k < min) {
                    min = k;
                }
                if (k > max) {
                    max = k;
                }
                usable++;
            }
            long buckets = usable == 0 ? 1 : (long) max - min + 1;
            return buckets > Integer.MAX_VALUE - 8 ? null : new Scaled(code, usable == 0 ? 0 : min, (int) buckets, usable);
        }

        /**
         * The most decimals among the first 64 usable scores (row {@code i}'s score is {@code values[i]}, or
         * {@code values[codes[i]]} with {@code codes}), or {@code MAX_DECIMALS + 1} as soon as one needs more.
         */
        static int firstDecimals(double[] values, int[] codes, BinaryOutcome y) {
            int rows = codes == null ? values.length : codes.length;
            int decimals = 0;
            for (int i = 0, seen = 0; i < rows && seen < 64; i++) {
                int k = codes == null ? i : codes[i];
                if (y.value(i) >= 0 && k != CategoricalColumn.MISSING && !Double.isNaN(values[k])) {
                    decimals = Math.max(decimals, decimalsOf(values[k]));
                    if (decimals > MAX_DECIMALS) {
                        return decimals;
                    }
                    seen++;
                }
            }
            return decimals;
        }

        static int[] scaledLevels(double[] levels, double scale) {
            int[] out = new int[levels.length];
            for (int k = 0; k < levels.length; k++) {
                out[k] = scaled(levels[k], scale);
            }
            return out;
        }

        /**
         * {@code s × scale} rounded to an integer if dividing that by {@code scale} gives {@code s} back exactly, else
         * {@link #UNUSABLE}. Rounds by adding ½ and truncating (the check makes any rounding safe): {@code Math.rint}
         * is a slow call in code compiled by C1 alone.
         */
        private static int scaled(double s, double scale) {
            double x = s * scale;
            if (!(Math.abs(x) <= MAX_SCALED)) {
                return UNUSABLE;
            }
            int k = (int) (x < 0 ? x - 0.5 : x + 0.5);
            return k / scale == s ? k : UNUSABLE;
        }

        /** The fewest decimals {@code d ≤ MAX_DECIMALS} that {@code s} round-trips at, or {@code MAX_DECIMALS + 1}. */
        private static int decimalsOf(double s) {
            for (int d = 0; d <= MAX_DECIMALS; d++) {
                if (scaled(s, POWERS_OF_TEN[d]) != UNUSABLE) {
                    return d;
                }
            }
            return MAX_DECIMALS + 1;
        }

        /** The widest range the counting sort takes: its counts cost at most twice the rows' index array. */
        static long maxBuckets(int usable) {
            return Math.max(1 << 12, 2L * usable);
        }
    }

    /** The usable rows in score order: atom, label and end-of-tie flags, cluster key and weight. */
    record Sorted(int[] atom, byte[] flags, long[] clusterKey, double[] weight) {
        /**
         * The rows with a label and a score, in score order (ties in row order). Scores with few decimals ({@code
         * scaled} not {@code null}, narrow enough) are sorted by one counting pass over their scaled values; others
         * by the radix sort of their bits. Both give the same order.
         */
        static Sorted of(double[] score, BinaryOutcome y, Scaled scaled, int[] atomOfRow, double[] rowWeights,
                long[] clusterKeys) {
            if (scaled != null && scaled.buckets() <= Scaled.maxBuckets(scaled.usable())) {
                return byScaled(scaled, y, atomOfRow, rowWeights, clusterKeys);
            }
            int rows = score.length;
            int usable = 0;
            for (int i = 0; i < rows; i++) {
                if (y.value(i) >= 0 && !Double.isNaN(score[i])) {
                    usable++;
                }
            }
            long[] keys = new long[usable];
            int[] index = new int[usable];
            int k = 0;
            for (int i = 0; i < rows; i++) {
                if (y.value(i) >= 0 && !Double.isNaN(score[i])) {
                    keys[k] = sortableBits(score[i]);
                    index[k] = i;
                    k++;
                }
            }
            radixSort(keys, index);
            return gather(keys, index, y, atomOfRow, rowWeights, clusterKeys);
        }

        /** A counting sort on the scaled scores: stable, so tied rows keep their row order. */
        private static Sorted byScaled(Scaled scaled, BinaryOutcome y, int[] atomOfRow, double[] rowWeights,
                long[] clusterKeys) {
            int[] code = scaled.code();
            int min = scaled.min();
            int rows = code.length;
            int usable = scaled.usable();
            int[] end = new int[scaled.buckets()];
            for (int i = 0; i < rows; i++) {
                if (code[i] != Scaled.UNUSABLE) {
                    end[code[i] - min]++;
                }
            }
            int sum = 0;
            for (int b = 0; b < end.length; b++) {
                int c = end[b];
                end[b] = sum;
                sum += c;
            }
            int[] atom = new int[usable];
            byte[] flags = new byte[usable];
            long[] cluster = clusterKeys == null ? null : new long[usable];
            double[] weight = rowWeights == null ? null : new double[usable];
            for (int i = 0; i < rows; i++) {
                if (code[i] == Scaled.UNUSABLE) {
                    continue;
                }
                int q = end[code[i] - min]++;
                atom[q] = atomOfRow[i];
                flags[q] = y.value(i) == 1 ? POSITIVE : 0;
                if (cluster != null) {
                    cluster[q] = clusterKeys[i];
                }
                if (weight != null) {
                    weight[q] = rowWeights[i];
                }
            }
            // end[b] is now where bucket b ends: its last row closes a tie block.
            int previous = 0;
            for (int e : end) {
                if (e > previous) {
                    flags[e - 1] |= LAST_OF_TIE;
                }
                previous = e;
            }
            return new Sorted(atom, flags, cluster, weight);
        }

        private static Sorted gather(long[] keys, int[] index, BinaryOutcome y, int[] atomOfRow, double[] rowWeights,
                long[] clusterKeys) {
            int n = keys.length;
            int[] atom = new int[n];
            byte[] flags = new byte[n];
            long[] cluster = clusterKeys == null ? null : new long[n];
            double[] weight = rowWeights == null ? null : new double[n];
            for (int q = 0; q < n; q++) {
                int i = index[q];
                atom[q] = atomOfRow[i];
                byte f = y.value(i) == 1 ? POSITIVE : 0;
                if (q == n - 1 || keys[q + 1] != keys[q]) {
                    f |= LAST_OF_TIE;
                }
                flags[q] = f;
                if (cluster != null) {
                    cluster[q] = clusterKeys[i];
                }
                if (weight != null) {
                    weight[q] = rowWeights[i];
                }
            }
            return new Sorted(atom, flags, cluster, weight);
        }
    }

    /**
     * How a tie block's per-atom sums reach every slice: the largest attribute subsets ("top") take them from
     * the atoms; every other subset from one subset with one more attribute (its parent), which already holds
     * them. Rolling up level by level costs about {@code atoms × tops} plus each parent's slices per block, instead
     * of {@code atoms × subsets}.
     */
    private record RollUp(int[] slicesOfAtom, int subsets, int atoms, int[] tops, int[] lower, int[] parentOf,
            int[][] childOf, long fullCost, boolean topIsAtoms) {
        static RollUp of(Slicing slicing) {
            int subsets = slicing.subsetCount();
            int atoms = slicing.atomCount();
            int[] slicesOfAtom = new int[atoms * subsets];
            for (int a = 0; a < atoms; a++) {
                for (int s = 0; s < subsets; s++) {
                    slicesOfAtom[a * subsets + s] = slicing.sliceOfAtom(s)[a];
                }
            }
            int top = 0;
            for (int s = 0; s < subsets; s++) {
                top = Math.max(top, slicing.subset(s).length);
            }
            List<Integer> tops = new ArrayList<>();
            List<Integer> lower = new ArrayList<>();
            for (int size = top; size >= 0; size--) {
                for (int s = 0; s < subsets; s++) {
                    if (slicing.subset(s).length == size) {
                        (size == top ? tops : lower).add(s);
                    }
                }
            }
            int[] parentOf = new int[subsets];
            int[][] childOf = new int[subsets][];
            long cost = (long) atoms * tops.size();
            for (int s : lower) {
                int[] subset = slicing.subset(s);
                int parent = -1;
                for (int p = 0; p < subsets && parent < 0; p++) {
                    int[] candidate = slicing.subset(p);
                    if (candidate.length == subset.length + 1 && containsAll(candidate, subset)) {
                        parent = p;
                    }
                }
                parentOf[s] = parent;
                int[] child = new int[slicing.sliceCount()];
                Arrays.fill(child, -1);
                int parentSlices = 0;
                for (int a = 0; a < atoms; a++) {
                    int ps = slicing.sliceOfAtom(parent)[a];
                    if (child[ps] < 0) {
                        parentSlices++;
                    }
                    child[ps] = slicing.sliceOfAtom(s)[a];
                }
                childOf[s] = child;
                cost += parentSlices;
            }
            // One top subset whose slices are the atoms (every attribute intersected): a block's per-atom sums are
            // its slices' block sums.
            boolean topIsAtoms = tops.size() == 1;
            if (topIsAtoms) {
                boolean[] seen = new boolean[slicing.sliceCount()];
                for (int a = 0; a < atoms && topIsAtoms; a++) {
                    int slice = slicesOfAtom[a * subsets + tops.get(0)];
                    topIsAtoms = !seen[slice];
                    seen[slice] = true;
                }
            }
            return new RollUp(slicesOfAtom, subsets, atoms, ints(tops), ints(lower), parentOf, childOf, cost, topIsAtoms);
        }

        // Loops, not streams of lambdas: a lambda class the start-up archive lacks is spun at run time on every audit.
        private static int[] ints(List<Integer> list) {
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        }

        private static boolean containsAll(int[] superset, int[] subset) {
            for (int x : subset) {
                boolean found = false;
                for (int y : superset) {
                    found |= y == x;
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether a tie block of {@code rows} rows is cheaper summed per atom and rolled up (one addition per row,
         * then both sums of at most every roll-up step) than added to each of its rows' slices.
         */
        boolean byAtoms(int rows) {
            double rolled = 2.0 * fullCost * Math.min(rows, atoms) / atoms;
            return rows + rolled < (double) rows * subsets;
        }
    }

    /**
     * The sums of one contiguous range of replicate columns for every slice, one row of {@code width} per
     * slice: optionally the point estimate, then {@code count} bootstrap replicates from {@code firstBootstrap}
     * (a multiple of four). A row per slice (not one flat array) lets every inner loop index all its arrays
     * with the same {@code r}, the form C2 vectorizes (an offset {@code a[o + r] += b[r]} stays scalar). Each
     * kind of tie block has a method of its own: small methods compile once, where one long loop over all
     * rows was compiled on stack replacement, twice.
     */
    private static final class Part {
        final boolean withEstimate;
        final int firstBootstrap;
        final int count;
        final int width;
        final double[][] numerator;
        final double[][] positives;
        final double[][] negatives;
        private final double[][] blockNegatives;
        private final double[][] blockPositives;
        private final boolean[] dirty;
        private final int[] dirtyList;
        private final int[] dirtyFrom;
        private final int[] dirtyTo;
        private final double[] w;
        private final long[] hashBuffer;
        private Sorted rows;
        private RollUp rollUp;
        private PoissonWeights poisson;
        private double[][] atomNeg;
        private double[][] atomPos;
        private boolean[] atomTouched;
        private int[] touchedList;
        /** Unweighted rows with exact sums: per (atom, label) the block's replicate weights as 16-bit counters. */
        private long[] atomCounters;
        /** ... and the block's row count per (atom, label), the point estimate's sum. */
        private int[] atomRowCounts;
        private long[] packedDraw;

        Part(boolean withEstimate, int firstBootstrap, int count, int slices, int subsets) {
            this.withEstimate = withEstimate;
            this.firstBootstrap = firstBootstrap;
            this.count = count;
            this.width = count + (withEstimate ? 1 : 0);
            numerator = new double[slices][width];
            positives = new double[slices][width];
            negatives = new double[slices][width];
            blockNegatives = new double[slices][width];
            blockPositives = new double[slices][width];
            dirty = new boolean[slices];
            dirtyList = new int[slices];
            dirtyFrom = new int[subsets];
            dirtyTo = new int[subsets];
            w = new double[width];
            hashBuffer = new long[(count + 3) >>> 2];
        }

        /**
         * The point estimate with exact sums (integer weights) and scaled scores, without sorting the rows: each row's
         * weight goes to a (score, atom, label) cell, and each score's cells roll up to the slices as a tie block
         * does. The sums are exact, so they equal the walk's.
         */
        void pointByHistogram(Scaled scaled, BinaryOutcome y, int[] atomOfRow, double[] rowWeights, RollUp roll) {
            int atoms = roll.atoms;
            int[] code = scaled.code();
            int min = scaled.min();
            // Without weights the cells count rows in ints: half the memory of doubles for a table that every row
            // hits at random (2 x atoms x buckets: 9.6 MB of doubles for 60 atoms and 4 decimals), and the same
            // sums, since a double adding 1s is exact up to 2^53 and each count is read back as a double below.
            int cellCount = 2 * atoms * scaled.buckets();
            double[] cells = rowWeights == null ? null : new double[cellCount];
            int[] counts = rowWeights == null ? new int[cellCount] : null;
            for (int i = 0; i < code.length; i++) {
                if (code[i] != Scaled.UNUSABLE) {
                    int cell = 2 * ((code[i] - min) * atoms + atomOfRow[i]) + y.value(i);
                    if (counts != null) {
                        counts[cell]++;
                    } else {
                        cells[cell] += rowWeights[i];
                    }
                }
            }
            rollUpCells(counts, cells, 0, scaled.buckets(), roll);
        }

        /**
         * {@link #pointByHistogram} for unweighted rows of a dictionary-encoded score (a model's rounded output read
         * from text) in one pass over the rows: each row counts in a (scaled score, atom, label) cell found from its
         * level, over the range of every level's scaled value; the range of the usable rows (those with a label),
         * their number and so the choice of this path are then read from the counts, and they are those {@link
         * Scaled#of} finds. {@code null} (the caller scales the rows as before) when some level does not scale at
         * the decimals of the first usable rows ({@link Scaled#of} would start over at more decimals, or give up), or
         * when the histogram would not be this path's.
         */
        static Part pointByLevels(NumericColumn score, BinaryOutcome y, int[] atomOfRow, RollUp roll, int slices,
                int subsets) {
            int[] codes = score.codesUnsafe();
            if (codes == null) {
                return null;
            }
            double[] levels = score.levelValuesUnsafe();
            int decimals = Scaled.firstDecimals(levels, codes, y);
            if (decimals > Scaled.MAX_DECIMALS) {
                return null;
            }
            int[] levelScaled = Scaled.scaledLevels(levels, Scaled.POWERS_OF_TEN[decimals]);
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            for (int k : levelScaled) {
                if (k == Scaled.UNUSABLE) {
                    return null;
                }
                low = Math.min(low, k);
                high = Math.max(high, k);
            }
            int atoms = roll.atoms;
            int rows = codes.length;
            // The widest histogram the path may take (Scaled.maxBuckets of every row), so no larger table is made.
            if (levels.length == 0 || (high - low + 1) * atoms > Scaled.maxBuckets(rows)) {
                return null;
            }
            int min = (int) low;
            int range = (int) (high - low + 1);
            int[] counts = new int[2 * atoms * range];
            int[] offset = new int[levels.length];
            for (int k = 0; k < levels.length; k++) {
                offset[k] = 2 * atoms * (levelScaled[k] - min);
            }
            int usable = 0;
            for (int i = 0; i < rows; i++) {
                int c = codes[i];
                int yv = y.value(i);
                if (yv >= 0 && c != CategoricalColumn.MISSING) {
                    counts[offset[c] + 2 * atomOfRow[i] + yv]++;
                    usable++;
                }
            }
            // The usable rows' range: the first and last scaled value with a count.
            int first = 0;
            int last = -1;
            if (usable > 0) {
                int perBucket = 2 * atoms;
                first = range;
                for (int b = 0; b < range && first == range; b++) {
                    for (int j = b * perBucket; j < (b + 1) * perBucket; j++) {
                        if (counts[j] != 0) {
                            first = b;
                            break;
                        }
                    }
                }
                for (int b = range - 1; b >= first && last < 0; b--) {
                    for (int j = b * perBucket; j < (b + 1) * perBucket; j++) {
                        if (counts[j] != 0) {
                            last = b;
                            break;
                        }
                    }
                }
            }
            long buckets = usable == 0 ? 1 : (long) last - first + 1;
            if ((long) atoms * buckets > Scaled.maxBuckets(usable)) {
                return null; // the walk's case (Scaled.of and the sort)
            }
            Part point = new Part(true, 0, 0, slices, subsets);
            // Without usable rows every slice's sums stay 0 (an empty bucket adds nothing).
            point.rollUpCells(counts, null, first, usable == 0 ? 0 : (int) buckets, roll);
            return point;
        }

        /**
         * Rolls the (bucket, atom, label) cells of buckets {@code first} to {@code first + buckets - 1} (in score
         * order, a tie block each) up to the slices: counts in {@code counts}, or weighted sums in {@code cells}.
         */
        private void rollUpCells(int[] counts, double[] cells, int first, int buckets, RollUp roll) {
            int atoms = roll.atoms;
            int subsets = roll.subsets;
            int slices = numerator.length;
            int[][] slicesOfSubset = new int[subsets][];
            for (int s = 0; s < subsets; s++) {
                boolean[] seen = new boolean[slices];
                int[] list = new int[atoms];
                int n = 0;
                for (int a = 0; a < atoms; a++) {
                    int slice = roll.slicesOfAtom[a * subsets + s];
                    if (!seen[slice]) {
                        seen[slice] = true;
                        list[n++] = slice;
                    }
                }
                slicesOfSubset[s] = Arrays.copyOf(list, n);
            }
            double[] num = new double[slices];
            double[] pos = new double[slices];
            double[] neg = new double[slices];
            double[] blockPos = new double[slices];
            double[] blockNeg = new double[slices];
            for (int b = 0, o = 2 * atoms * first; b < buckets; b++, o += 2 * atoms) {
                for (int t : roll.tops) {
                    for (int a = 0; a < atoms; a++) {
                        int slice = roll.slicesOfAtom[a * subsets + t];
                        if (counts != null) {
                            blockNeg[slice] += counts[o + 2 * a];
                            blockPos[slice] += counts[o + 2 * a + 1];
                        } else {
                            blockNeg[slice] += cells[o + 2 * a];
                            blockPos[slice] += cells[o + 2 * a + 1];
                        }
                    }
                }
                for (int s : roll.lower) {
                    int[] childOf = roll.childOf[s];
                    for (int from : slicesOfSubset[roll.parentOf[s]]) {
                        blockNeg[childOf[from]] += blockNeg[from];
                        blockPos[childOf[from]] += blockPos[from];
                    }
                }
                closeBlock(num, pos, neg, blockNeg, blockPos, slices);
            }
            for (int sl = 0; sl < slices; sl++) {
                numerator[sl][0] = num[sl];
                positives[sl][0] = pos[sl];
                negatives[sl][0] = neg[sl];
            }
        }

        void walk(Sorted sorted, RollUp roll, boolean exact, PoissonWeights weights) {
            this.rows = sorted;
            this.rollUp = roll;
            this.poisson = weights;
            if (exact) {
                // With exact sums a long tie block is first summed per atom, then rolled up to the slices.
                atomNeg = new double[roll.atoms][width];
                atomPos = new double[roll.atoms][width];
                atomTouched = new boolean[roll.atoms];
                touchedList = new int[roll.atoms];
                if (count > 0 && sorted.weight == null) {
                    int lanes = (count + 3) >>> 2;
                    atomCounters = new long[2 * roll.atoms * lanes];
                    atomRowCounts = new int[2 * roll.atoms];
                    packedDraw = new long[lanes];
                }
            }
            int n = sorted.atom.length;
            byte[] flags = sorted.flags;
            int start = 0;
            while (start < n) {
                int end = start;
                while ((flags[end] & LAST_OF_TIE) == 0) {
                    end++;
                }
                end++;
                if (end - start == 1) {
                    single(start);
                } else if (exact && roll.byAtoms(end - start)) {
                    exactByAtoms(start, end);
                } else if (exact) {
                    exactBySlices(start, end);
                } else {
                    inOrder(start, end);
                }
                start = end;
            }
        }

        /** A score of its own: no tied negatives, so the ½ term is zero (as in the general case). */
        private void single(int q) {
            fill(q);
            int subsets = rollUp.subsets;
            int base = rows.atom[q] * subsets;
            int[] slicesOfAtom = rollUp.slicesOfAtom;
            int wd = width;
            if ((rows.flags[q] & POSITIVE) != 0) {
                for (int s = 0; s < subsets; s++) {
                    int slice = slicesOfAtom[base + s];
                    double[] num = numerator[slice];
                    double[] pos = positives[slice];
                    double[] neg = negatives[slice];
                    for (int r = 0; r < wd; r++) {
                        num[r] += w[r] * neg[r];
                        pos[r] += w[r];
                    }
                }
            } else {
                for (int s = 0; s < subsets; s++) {
                    add(negatives[slicesOfAtom[base + s]], w, wd);
                }
            }
        }

        /** Exact sums of a long block: per atom, then rolled up to the top subsets and on down, level by level. */
        private void exactByAtoms(int start, int end) {
            int wd = width;
            int touched = 0;
            if (atomCounters != null) {
                touched = countByAtoms(start, end);
            } else {
                for (int q = start; q < end; q++) {
                    fill(q);
                    int a = rows.atom[q];
                    if (!atomTouched[a]) {
                        atomTouched[a] = true;
                        touchedList[touched++] = a;
                    }
                    add((rows.flags[q] & POSITIVE) != 0 ? atomPos[a] : atomNeg[a], w, wd);
                }
            }
            RollUp roll = rollUp;
            int dirtyCount = 0;
            if (atomCounters != null && roll.topIsAtoms) {
                // The counters went straight into the top subset's block sums: only mark its touched slices.
                int t = roll.tops[0];
                dirtyFrom[t] = 0;
                for (int i = 0; i < touched; i++) {
                    int a = touchedList[i];
                    atomTouched[a] = false;
                    dirtyCount = mark(roll.slicesOfAtom[a * roll.subsets + t], dirtyCount);
                }
                dirtyTo[t] = dirtyCount;
            } else {
                for (int t : roll.tops) {
                    dirtyFrom[t] = dirtyCount;
                    for (int i = 0; i < touched; i++) {
                        int a = touchedList[i];
                        int slice = roll.slicesOfAtom[a * roll.subsets + t];
                        dirtyCount = mark(slice, dirtyCount);
                        add(blockNegatives[slice], atomNeg[a], wd);
                        add(blockPositives[slice], atomPos[a], wd);
                    }
                    dirtyTo[t] = dirtyCount;
                }
                for (int i = 0; i < touched; i++) {
                    int a = touchedList[i];
                    atomTouched[a] = false;
                    Arrays.fill(atomNeg[a], 0);
                    Arrays.fill(atomPos[a], 0);
                }
            }
            for (int s : roll.lower) {
                int p = roll.parentOf[s];
                int[] childOf = roll.childOf[s];
                dirtyFrom[s] = dirtyCount;
                for (int d = dirtyFrom[p]; d < dirtyTo[p]; d++) {
                    int from = dirtyList[d];
                    int slice = childOf[from];
                    dirtyCount = mark(slice, dirtyCount);
                    add(blockNegatives[slice], blockNegatives[from], wd);
                    add(blockPositives[slice], blockPositives[from], wd);
                }
                dirtyTo[s] = dirtyCount;
            }
            flushBlock(dirtyCount);
        }

        /**
         * The per-atom sums of a long block of unweighted rows: each row adds its packed draws (four 16-bit counters
         * per long, {@link PoissonWeights#packedWeights(long, long[], int, int)}) to its (atom, label) counters, which
         * are added to the atom's sums once per block, or before a counter could overflow (a draw is at most 7).
         * The sums are integers, exact in any order: the same as adding each row's weights as doubles.
         */
        private int countByAtoms(int start, int end) {
            int lanes = packedDraw.length;
            int touched = 0;
            int[] atoms = rows.atom;
            byte[] flags = rows.flags;
            long[] keys = rows.clusterKey;
            int sinceUnpack = 0;
            for (int q = start; q < end; q++) {
                int a = atoms[q];
                if (!atomTouched[a]) {
                    atomTouched[a] = true;
                    touchedList[touched++] = a;
                }
                int cell = 2 * a + (flags[q] & POSITIVE);
                atomRowCounts[cell]++;
                poisson.packedWeights(keys[q], packedDraw, firstBootstrap, count);
                addPacked(atomCounters, cell * lanes, packedDraw, lanes);
                if (++sinceUnpack == COUNTER_ROWS) {
                    unpackAtoms(touched);
                    sinceUnpack = 0;
                }
            }
            unpackAtoms(touched);
            return touched;
        }

        /** Rows a 16-bit counter takes at worst (65535 / 7 = 9362) before it must be added to the sums; a little less. */
        private static final int COUNTER_ROWS = 0xFFFF / PoissonWeights.MAX_WEIGHT - 2;

        /**
         * Adds the touched atoms' counters (and row counts, for the point estimate) to their sums and zeroes them: the
         * block sums of the atom's slice in the top subset when those slices are the atoms, else the atom's sums.
         */
        private void unpackAtoms(int touched) {
            int lanes = packedDraw.length;
            int column0 = withEstimate ? 1 : 0;
            RollUp roll = rollUp;
            for (int i = 0; i < touched; i++) {
                int a = touchedList[i];
                int top = roll.topIsAtoms ? roll.slicesOfAtom[a * roll.subsets + roll.tops[0]] : -1;
                for (int label = 0; label < 2; label++) {
                    int cell = 2 * a + label;
                    double[] sums = top >= 0 ? (label == POSITIVE ? blockPositives[top] : blockNegatives[top])
                            : label == POSITIVE ? atomPos[a] : atomNeg[a];
                    if (withEstimate) {
                        sums[0] += atomRowCounts[cell];
                    }
                    atomRowCounts[cell] = 0;
                    unpack(atomCounters, cell * lanes, lanes, sums, column0, count);
                }
            }
        }

        /** {@code sums[column0 + r] += } lane {@code r} of {@code counters[offset …]} for {@code r < count}; zeroes them. */
        private static void unpack(long[] counters, int offset, int lanes, double[] sums, int column0, int count) {
            int whole = count >>> 2;
            for (int b = 0; b < whole; b++) {
                long v = counters[offset + b];
                counters[offset + b] = 0;
                int r = column0 + 4 * b;
                sums[r] += (int) v & 0xFFFF;
                sums[r + 1] += (int) (v >>> 16) & 0xFFFF;
                sums[r + 2] += (int) (v >>> 32) & 0xFFFF;
                sums[r + 3] += (int) (v >>> 48);
            }
            if (whole < lanes) {
                long v = counters[offset + whole];
                counters[offset + whole] = 0;
                for (int j = 0; 4 * whole + j < count; j++) {
                    sums[column0 + 4 * whole + j] += (int) (v >>> (16 * j)) & 0xFFFF;
                }
            }
        }

        private static void addPacked(long[] counters, int offset, long[] packed, int lanes) {
            for (int b = 0; b < lanes; b++) {
                counters[offset + b] += packed[b];
            }
        }

        /**
         * Exact sums of a short block: every row adds its weights to its slices' block sums, positives and
         * negatives alike; each touched slice then takes blockPos × (below + ½ tied) once.
         */
        private void exactBySlices(int start, int end) {
            int dirtyCount = 0;
            for (int q = start; q < end; q++) {
                fill(q);
                double[][] target = (rows.flags[q] & POSITIVE) != 0 ? blockPositives : blockNegatives;
                dirtyCount = addToSlices(target, rows.atom[q], dirtyCount);
            }
            flushBlock(dirtyCount);
        }

        /** Fractional weights: the order of additions of the row-by-row definition. */
        private void inOrder(int start, int end) {
            int wd = width;
            int subsets = rollUp.subsets;
            int[] slicesOfAtom = rollUp.slicesOfAtom;
            // Negatives of the tie block first, so positives in the block count them as ½.
            int dirtyCount = 0;
            for (int q = start; q < end; q++) {
                if ((rows.flags[q] & POSITIVE) == 0) {
                    fill(q);
                    dirtyCount = addToSlices(blockNegatives, rows.atom[q], dirtyCount);
                }
            }
            for (int q = start; q < end; q++) {
                if ((rows.flags[q] & POSITIVE) != 0) {
                    fill(q);
                    int base = rows.atom[q] * subsets;
                    for (int s = 0; s < subsets; s++) {
                        int slice = slicesOfAtom[base + s];
                        double[] num = numerator[slice];
                        double[] pos = positives[slice];
                        double[] neg = negatives[slice];
                        double[] blockNeg = blockNegatives[slice];
                        for (int r = 0; r < wd; r++) {
                            num[r] += w[r] * (neg[r] + 0.5 * blockNeg[r]);
                            pos[r] += w[r];
                        }
                    }
                }
            }
            // Then the tied negatives join the negatives below (the positive sums are untouched here).
            for (int d = 0; d < dirtyCount; d++) {
                int slice = dirtyList[d];
                dirty[slice] = false;
                double[] neg = negatives[slice];
                double[] blockNeg = blockNegatives[slice];
                for (int r = 0; r < wd; r++) {
                    neg[r] += blockNeg[r];
                    blockNeg[r] = 0;
                }
            }
        }

        private static void add(double[] target, double[] source, int wd) {
            for (int r = 0; r < wd; r++) {
                target[r] += source[r];
            }
        }

        /** Marks {@code slice} as touched by the tie block; returns the new number of touched slices. */
        private int mark(int slice, int dirtyCount) {
            if (dirty[slice]) {
                return dirtyCount;
            }
            dirty[slice] = true;
            dirtyList[dirtyCount] = slice;
            return dirtyCount + 1;
        }

        /** Adds this row's weights to {@code target}'s row of each slice of atom {@code a}, marking them touched. */
        private int addToSlices(double[][] target, int a, int dirtyCount) {
            int subsets = rollUp.subsets;
            int[] slicesOfAtom = rollUp.slicesOfAtom;
            int wd = width;
            int count = dirtyCount;
            for (int s = 0; s < subsets; s++) {
                int slice = slicesOfAtom[a * subsets + s];
                count = mark(slice, count);
                add(target[slice], w, wd);
            }
            return count;
        }

        /** Ends an exact tie block: each touched slice's positives count its negatives below, and half those tied. */
        private void flushBlock(int dirtyCount) {
            int wd = width;
            for (int d = 0; d < dirtyCount; d++) {
                int slice = dirtyList[d];
                dirty[slice] = false;
                closeBlock(numerator[slice], positives[slice], negatives[slice], blockNegatives[slice],
                        blockPositives[slice], wd);
            }
        }

        /**
         * Closes a tie block for {@code n} sums: the block's positives count the negatives below and half those tied
         * ({@code num += blockPos × (neg + ½ blockNeg)}), then join the totals; the block sums are zeroed.
         */
        private static void closeBlock(double[] num, double[] pos, double[] neg, double[] blockNeg, double[] blockPos,
                int n) {
            for (int r = 0; r < n; r++) {
                num[r] += blockPos[r] * (neg[r] + 0.5 * blockNeg[r]);
                pos[r] += blockPos[r];
                neg[r] += blockNeg[r];
                blockNeg[r] = 0;
                blockPos[r] = 0;
            }
        }

        /** This part's weights of sorted row {@code q}: the row weight, times each replicate's Poisson draw. */
        private void fill(int q) {
            double base = rows.weight == null ? 1 : rows.weight[q];
            int c = 0;
            if (withEstimate) {
                w[c++] = base;
            }
            if (count > 0) {
                poisson.weights(rows.clusterKey[q], base, w, c, firstBootstrap, count, hashBuffer);
            }
        }
    }

    double[][] values() {
        return values;
    }

    String[][] reasons() {
        return reasons;
    }

    /** Maps a double to a long whose signed order is the double's numeric order (-0.0 and 0.0 equal). */
    static long sortableBits(double v) {
        long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v);
        return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
    }

    /**
     * LSD radix sort of signed longs, 16 bits per pass, permuting {@code index} alongside (stable). A pass
     * whose digit is the same for every key is skipped (scores in [0, 1] share their top bits).
     */
    static void radixSort(long[] keys, int[] index) {
        int n = keys.length;
        if (n < SMALL_SORT) {
            smallSort(keys, index);
            return;
        }
        long[] k2 = null;
        int[] i2 = null;
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(count, 0);
            final int sh = shift;
            boolean top = shift == 48;
            for (int q = 0; q < n; q++) {
                count[digit(keys[q], sh, top)]++;
            }
            if (n == 0 || count[digit(keys[0], sh, top)] == n) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            if (k2 == null) {
                k2 = new long[n];
                i2 = new int[n];
            }
            for (int q = 0; q < n; q++) {
                int pos = count[digit(keys[q], sh, top)]++;
                k2[pos] = keys[q];
                i2[pos] = index[q];
            }
            System.arraycopy(k2, 0, keys, 0, n);
            System.arraycopy(i2, 0, index, 0, n);
        }
    }

    /** Below this many rows a comparison sort beats four passes over 65,536 radix buckets. */
    private static final int SMALL_SORT = 1 << 12;

    /** Stable sort of a few keys, permuting {@code index} alongside (binary insertion). */
    private static void smallSort(long[] keys, int[] index) {
        for (int q = 1; q < keys.length; q++) {
            long k = keys[q];
            int i = index[q];
            int lo = 0;
            int hi = q;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (keys[mid] <= k) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            System.arraycopy(keys, lo, keys, lo + 1, q - lo);
            System.arraycopy(index, lo, index, lo + 1, q - lo);
            keys[lo] = k;
            index[lo] = i;
        }
    }

    private static int digit(long key, int shift, boolean top) {
        int d = (int) (key >>> shift) & 0xFFFF;
        return top ? d ^ 0x8000 : d;
    }
}

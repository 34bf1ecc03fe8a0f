package org.fairhunt.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairhunt.core.RowInputException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.concurrent.Workers;
import org.fairhunt.core.metric.RowStatistic;
import org.fairhunt.core.metric.Statistic;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * The multi-threaded, single-machine engine. Rows are cut into blocks whose boundaries depend only on
 * the row count; each block's sums are kept apart and folded in block order, so floating-point results
 * are bit-identical for any number of threads.
 */
public final class LocalEngine {
    private static final int MIN_BLOCK_ROWS = 1 << 16;
    private static final int MAX_BLOCKS = 64;
    /** Largest sum grid (doubles) one block may hold before we refuse rather than run out of memory. */
    private static final long MAX_BLOCK_DOUBLES = 1L << 27;

    /** Runs the audit described by {@code spec} over {@code table}. */
    public AuditRun run(Table table, AuditSpec spec) {
        Prepared p = prepare(table, spec);
        AuditState state = fill(p, spec);
        List<String> notes = new ArrayList<>();
        for (RowStatistic b : p.bound) {
            notes.add(b.exclusionNote());
        }
        double[][] auc = null;
        String[][] aucReasons = null;
        if (spec.auc()) {
            AucPass pass = new AucPass(table, spec, p.slicing, p.rowWeights, p.clusterKeys);
            auc = pass.values();
            aucReasons = pass.reasons();
        }
        AuditRun run = runOf(state, table.source(), spec, notes, p.warnings, auc, aucReasons);
        if (p.clusterKeys == null) {
            return run;
        }
        return new AuditRun(run.source(), run.rows(), spec, run.slices(), run.sliceRows(), run.grids(), auc, aucReasons,
                run.warnings(), spec.cluster() == null ? rowClusterCounts(p.slicing) : clusterCounts(p.slicing, p.clusterKeys));
    }

    /**
     * The run of a (merged) state, as every engine finishes it: slices, grids, and {@code warnings} followed
     * by one per statistic that left rows out ({@code notes}: each bound statistic's exclusion note).
     * {@code auc} and {@code aucReasons} may be {@code null}; the run has no cluster counts.
     */
    public static AuditRun runOf(AuditState state, String source, AuditSpec spec, List<String> notes, List<String> warnings,
            double[][] auc, String[][] aucReasons) {
        AuditRun run = state.toRun(source, spec, spec.statistics(), notes, List.of());
        List<String> all = new ArrayList<>(warnings);
        for (int k = 0; k < notes.size(); k++) {
            if (notes.get(k) != null) {
                all.addAll(exclusionWarnings(run.grids().get(k), spec.statistics().get(k), notes.get(k)));
            }
        }
        return new AuditRun(source, run.rows(), spec, run.slices(), run.sliceRows(), run.grids(), auc, aucReasons,
                List.copyOf(all), null);
    }

    /**
     * The mergeable state of {@code spec}'s statistics over {@code table}: what a worker of a distributed
     * engine would ship. Without a cluster column, bootstrap weights key on the row index, so states of
     * different tables merge into the audit of their concatenation only when each table's rows are
     * numbered globally; with a cluster column they always do.
     */
    public AuditState state(Table table, AuditSpec spec) {
        return fill(prepare(table, spec, null), spec);
    }

    /**
     * The state of one part of a larger table (a Spark partition, say). {@code rowIds} are the part's rows'
     * 0-based numbers in the whole table: they key the bootstrap weights where the local engine keys on the
     * row index, so the parts' merged state equals {@link #state} of the whole table. Checks that need the
     * whole table (a group attribute taking at least two values) are the caller's: a part may hold one value.
     * Categorical columns of every part must share the whole table's levels, in its order.
     */
    public AuditState partState(Table part, AuditSpec spec, long[] rowIds) {
        if (rowIds.length != part.rowCount()) {
            throw new IllegalArgumentException(rowIds.length + " row ids for " + part.rowCount() + " rows");
        }
        return fill(prepare(part, spec, rowIds), spec);
    }

    /** Inputs resolved once: slicing, bound statistics, weights, cluster keys, warnings. */
    private record Prepared(Slicing slicing, RowStatistic[] bound, double[] rowWeights, long[] clusterKeys,
            List<String> warnings) {
    }

    private static Prepared prepare(Table table, AuditSpec spec) {
        return prepare(table, spec, null);
    }

    private static Prepared prepare(Table table, AuditSpec spec, long[] rowIds) {
        // No group attribute: the overall slice alone (what sclite's Sum/Avg row is for speech).
        if (spec.statistics().isEmpty() && !spec.auc()) {
            throw new UserInputException("nothing to measure: give a prediction, a score or a numeric label");
        }
        List<String> warnings = new ArrayList<>();
        Slicing slicing = rowIds == null ? Slicing.of(table, spec.groups(), spec.intersections())
                : Slicing.ofPart(table, spec.groups(), spec.intersections());
        List<Statistic> stats = spec.statistics();
        RowStatistic[] bound = new RowStatistic[stats.size()];
        for (int k = 0; k < bound.length; k++) {
            bound[k] = stats.get(k).bind(table);
        }
        double[] rowWeights = weights(table, spec.weight());
        long[] clusterKeys = spec.replicates() > 0 ? clusterKeys(table, spec.cluster(), rowIds, warnings) : null;
        return new Prepared(slicing, bound, rowWeights, clusterKeys, warnings);
    }

    private static AuditState fill(Prepared p, AuditSpec spec) {
        Slicing slicing = p.slicing;
        List<Statistic> stats = spec.statistics();
        int rows = slicing.atomOfRow().length;
        int replicates = spec.replicates() + 1;
        int atoms = slicing.atomCount();
        long perBlock = 0;
        for (Statistic s : stats) {
            perBlock += (long) atoms * replicates * s.width();
        }
        if (perBlock > MAX_BLOCK_DOUBLES) {
            throw new UserInputException("the audit would hold " + perBlock + " sums per block (" + atoms
                    + " combinations of group values × " + replicates + " replicates); use fewer group attributes, "
                    + "fewer values per attribute, or fewer bootstrap replicates");
        }
        int blockRows = Math.max(MIN_BLOCK_ROWS, (rows + MAX_BLOCKS - 1) / MAX_BLOCKS);
        int blocks = Math.max(1, (rows + blockRows - 1) / blockRows);
        int threads = Math.min(spec.threads(), blocks);
        double[][] totals = new double[stats.size()][];
        for (int k = 0; k < stats.size(); k++) {
            totals[k] = new double[atoms * replicates * stats.get(k).width()];
        }
        BlockContext ctx = new BlockContext(slicing.atomOfRow(), p.bound, stats, p.rowWeights, p.clusterKeys,
                spec.replicates(), spec.replicates() > 0 ? new PoissonWeights(spec.seed()) : null, atoms);
        if (threads == 1) {
            double[][][] state = ctx.newState();
            for (int b = 0; b < blocks; b++) {
                ctx.clear(state);
                ctx.accumulate(state, b * blockRows, Math.min(rows, (b + 1) * blockRows));
                ctx.foldInto(totals, state);
            }
        } else {
            try (Workers workers = new Workers(threads, "fairhunt-engine")) {
                double[][][][] states = new double[threads][][][];
                for (int t = 0; t < threads; t++) {
                    states[t] = ctx.newState();
                }
                // Waves of `threads` blocks; each wave is folded in block order before the next starts.
                for (int wave = 0; wave < blocks; wave += threads) {
                    List<Callable<Void>> tasks = new ArrayList<>();
                    for (int t = 0; t < threads && wave + t < blocks; t++) {
                        int b = wave + t;
                        double[][][] state = states[t];
                        tasks.add(new BlockTask(ctx, state, b * blockRows, Math.min(rows, (b + 1) * blockRows)));
                    }
                    workers.invokeAll(tasks, "audit");
                    for (int t = 0; t < tasks.size(); t++) {
                        ctx.foldInto(totals, states[t]);
                    }
                }
            }
        }
        // Sums are kept slot-major per atom for the hot loops ([atom][slot][replicate]: a row's replicates are
        // contiguous, so adding them vectorizes); the state is [atom][replicate][slot].
        if (replicates > 1) {
            for (int k = 0; k < stats.size(); k++) {
                totals[k] = toStateLayout(totals[k], atoms, replicates, stats.get(k).width());
            }
        }
        List<List<String>> slotNames = stats.stream().map(Statistic::slotNames).toList();
        return new AuditState(slicing.attributes(), slicing.levels(), stats.stream().map(Statistic::name).toList(), slotNames,
                replicates, spec.seed(), slicing.atomCells(), slicing.atomRows(), totals);
    }

    private static double[] toStateLayout(double[] sums, int atoms, int replicates, int width) {
        double[] out = new double[sums.length];
        for (int atom = 0; atom < atoms; atom++) {
            for (int slot = 0; slot < width; slot++) {
                for (int r = 0; r < replicates; r++) {
                    out[(atom * replicates + r) * width + slot] = sums[(atom * width + slot) * replicates + r];
                }
            }
        }
        return out;
    }

    /**
     * {@link #clusterCounts} when every row is its own cluster: the row keys are distinct ({@link
     * PoissonWeights#keyOfRow} is a bijection of the row number), so a slice has as many as it has rows. Hashing a
     * million keys per slice to find that out cost about half a second.
     */
    static int[] rowClusterCounts(Slicing slicing) {
        long[] rows = slicing.sliceRows();
        int[] counts = new int[rows.length];
        for (int sl = 0; sl < rows.length; sl++) {
            counts[sl] = (int) Math.min(AuditRun.CLUSTER_COUNT_CAP, rows[sl]);
        }
        return counts;
    }

    /**
     * The number of distinct bootstrap cluster keys in every slice, counted exactly up to
     * {@link AuditRun#CLUSTER_COUNT_CAP} (a larger count is reported as the cap: beyond it the number only
     * sets degrees of freedom, where t and normal quantiles agree). Per atom the distinct keys are
     * collected once; a slice unions the key sets of its atoms.
     */
    static int[] clusterCounts(Slicing slicing, long[] clusterKeys) {
        int atoms = slicing.atomCount();
        int[] atomOfRow = slicing.atomOfRow();
        java.util.List<java.util.Set<Long>> atomKeys = new java.util.ArrayList<>(atoms);
        for (int a = 0; a < atoms; a++) {
            atomKeys.add(new java.util.HashSet<>());
        }
        for (int i = 0; i < atomOfRow.length; i++) {
            java.util.Set<Long> keys = atomKeys.get(atomOfRow[i]);
            if (keys.size() < AuditRun.CLUSTER_COUNT_CAP) {
                keys.add(clusterKeys[i]);
            }
        }
        int slices = slicing.sliceCount();
        java.util.List<java.util.Set<Long>> sliceKeys = new java.util.ArrayList<>(slices);
        for (int sl = 0; sl < slices; sl++) {
            sliceKeys.add(new java.util.HashSet<>());
        }
        for (int s = 0; s < slicing.subsetCount(); s++) {
            int[] map = slicing.sliceOfAtom(s);
            for (int a = 0; a < atoms; a++) {
                java.util.Set<Long> keys = sliceKeys.get(map[a]);
                if (keys.size() < AuditRun.CLUSTER_COUNT_CAP) {
                    keys.addAll(atomKeys.get(a));
                }
            }
        }
        int[] counts = new int[slices];
        for (int sl = 0; sl < slices; sl++) {
            counts[sl] = Math.min(AuditRun.CLUSTER_COUNT_CAP, sliceKeys.get(sl).size());
        }
        return counts;
    }

    private static List<String> exclusionWarnings(StatisticGrid grid, Statistic stat, String note) {
        int slot = stat.slotNames().indexOf("excluded");
        if (slot < 0) {
            return List.of();
        }
        double excluded = grid.sum(0, 0, slot);
        return excluded > 0 ? List.of((long) excluded + " rows: " + note) : List.of();
    }

    private static double[] weights(Table table, String column) {
        if (column == null) {
            return null;
        }
        NumericColumn w = table.numeric(column);
        double[] v = w.valuesUnsafe();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0) || Double.isInfinite(v[i])) {
                throw new RowInputException(table.source() + ": weight column '" + column + "'", i, " holds " + (Double.isNaN(v[i]) ? "a missing value" : NumericColumn.format(v[i]))
                        + "; weights must be finite and non-negative");
            }
        }
        return v;
    }

    private static long[] clusterKeys(Table table, String column, long[] rowIds, List<String> warnings) {
        int rows = table.rowCount();
        long[] keys = new long[rows];
        if (column == null) {
            for (int i = 0; i < rows; i++) {
                keys[i] = PoissonWeights.keyOfRow(rowIds == null ? i : rowIds[i]);
            }
            return keys;
        }
        Column c = table.column(column);
        int missing = 0;
        if (c instanceof CategoricalColumn cat) {
            long[] byCode = new long[cat.levelCount()];
            for (int k = 0; k < byCode.length; k++) {
                byCode[k] = PoissonWeights.keyOf(cat.level(k));
            }
            int[] codes = cat.codesUnsafe();
            for (int i = 0; i < rows; i++) {
                if (codes[i] == CategoricalColumn.MISSING) {
                    keys[i] = PoissonWeights.keyOfRow(rowIds == null ? i : rowIds[i]);
                    missing++;
                } else {
                    keys[i] = byCode[codes[i]];
                }
            }
        } else {
            for (int i = 0; i < rows; i++) {
                String t = c.text(i);
                if (t == null) {
                    keys[i] = PoissonWeights.keyOfRow(rowIds == null ? i : rowIds[i]);
                    missing++;
                } else {
                    keys[i] = PoissonWeights.keyOf(t);
                }
            }
        }
        if (missing > 0) {
            warnings.add(missingClusterWarning(missing, column));
        }
        return keys;
    }

    /** The warning for {@code rows} rows without a value in the cluster column. */
    public static String missingClusterWarning(long rows, String column) {
        return rows + " rows have no value in cluster column '" + column + "'; each of them is treated as a cluster of its own";
    }

    /**
     * One block's accumulation on a worker. A class, not a lambda: the start-up archive holds the classes of the launcher's
     * training runs, and a lambda class it lacks is spun at run time (bytecode generation) on every call of the command.
     */
    private record BlockTask(BlockContext ctx, double[][][] state, int from, int to) implements Callable<Void> {
        @Override
        public Void call() {
            ctx.clear(state);
            ctx.accumulate(state, from, to);
            return null;
        }
    }

    /** Immutable inputs of the per-block accumulation, shared by the worker threads. */
    private static final class BlockContext {
        final int[] atomOfRow;
        final RowStatistic[] bound;
        final boolean[] oneHot;
        final int[] widths;
        final double[] rowWeights;
        final long[] clusterKeys;
        final int bootstrap;
        final int replicates;
        final PoissonWeights poisson;
        final int atoms;
        final int maxPairs;
        /** Per statistic, which slots only ever receive integers (null: none, or a one-hot statistic). */
        final boolean[][] countSlots;
        /** Whether some statistic is not one-hot, so rows need their weights as doubles too. */
        final boolean anyGeneral;

        BlockContext(int[] atomOfRow, RowStatistic[] bound, List<Statistic> stats, double[] rowWeights, long[] clusterKeys,
                int bootstrap, PoissonWeights poisson, int atoms) {
            this.atomOfRow = atomOfRow;
            this.bound = bound;
            this.oneHot = new boolean[bound.length];
            this.widths = new int[bound.length];
            int pairs = 1;
            for (int k = 0; k < bound.length; k++) {
                oneHot[k] = bound[k].isOneHot();
                widths[k] = stats.get(k).width();
                pairs = Math.max(pairs, bound[k].maxContributions());
            }
            this.maxPairs = pairs;
            this.countSlots = new boolean[bound.length][];
            boolean general = false;
            for (int k = 0; k < bound.length; k++) {
                if (oneHot[k]) {
                    continue;
                }
                general = true;
                boolean[] counts = new boolean[widths[k]];
                boolean any = false;
                for (int slot = 0; slot < counts.length; slot++) {
                    counts[slot] = bound[k].isCountSlot(slot);
                    any |= counts[slot];
                }
                countSlots[k] = any ? counts : null;
            }
            this.anyGeneral = general;
            this.rowWeights = rowWeights;
            this.clusterKeys = clusterKeys;
            this.bootstrap = bootstrap;
            this.replicates = bootstrap + 1;
            this.poisson = poisson;
            this.atoms = atoms;
        }

        /**
         * A block's sums: per statistic, one row of replicates per (atom, slot) cell. Rows (not one flat array)
         * let the per-row loops index their arrays alike, which C2 vectorizes ({@code a[o + r] += b[r]} stays
         * scalar).
         */
        double[][][] newState() {
            double[][][] state = new double[bound.length][][];
            for (int k = 0; k < bound.length; k++) {
                state[k] = new double[atoms * widths[k]][replicates];
            }
            return state;
        }

        void clear(double[][][] state) {
            for (double[][] cells : state) {
                for (double[] row : cells) {
                    Arrays.fill(row, 0);
                }
            }
        }

        void foldInto(double[][] totals, double[][][] state) {
            for (int k = 0; k < totals.length; k++) {
                double[] t = totals[k];
                double[][] cells = state[k];
                for (int cell = 0; cell < cells.length; cell++) {
                    double[] row = cells[cell];
                    int o = cell * replicates;
                    for (int r = 0; r < replicates; r++) {
                        t[o + r] += row[r];
                    }
                }
            }
        }

        void accumulate(double[][][] state, int from, int to) {
            if (bootstrap > 0 && rowWeights == null) {
                accumulateCounts(state, from, to);
            } else if (bootstrap == 0) {
                for (int k = 0; k < bound.length; k++) {
                    if (oneHot[k] && rowWeights == null) {
                        histogram(state[k], bound[k], widths[k], from, to);
                    } else {
                        accumulatePoint(state[k], bound[k], oneHot[k], widths[k], from, to);
                    }
                }
            } else {
                accumulateWeights(state, from, to);
            }
        }

        /**
         * Without bootstrap and row weights a one-hot statistic's block sums are counts: a joint histogram over
         * (atom, slot) in an int array, added to the sums once per block. Integer counts are exact, so the sums
         * equal those of adding 1 per row.
         */
        private void histogram(double[][] st, RowStatistic stat, int width, int from, int to) {
            int[] counts = new int[st.length];
            int[] atoms = atomOfRow;
            for (int i = from; i < to; i++) {
                counts[atoms[i] * width + stat.oneHotSlot(i)]++;
            }
            for (int cell = 0; cell < counts.length; cell++) {
                st[cell][0] += counts[cell];
            }
        }

        /**
         * The point estimate of one statistic (no bootstrap), rows in order: each cell receives its additions in
         * the order of the row loop over all statistics, so the sums are the same.
         */
        private void accumulatePoint(double[][] st, RowStatistic stat, boolean hot, int width, int from, int to) {
            int[] slots = new int[maxPairs];
            double[] values = new double[maxPairs];
            for (int i = from; i < to; i++) {
                int o = atomOfRow[i] * width;
                double base = rowWeights == null ? 1 : rowWeights[i];
                if (hot) {
                    st[o + stat.oneHotSlot(i)][0] += base;
                } else {
                    int n = stat.contribute(i, slots, values);
                    for (int p = 0; p < n; p++) {
                        st[o + slots[p]][0] += base * values[p];
                    }
                }
            }
        }

        /**
         * The hot loop for the common case, unweighted rows with bootstrap: each row's replicate weights are
         * small integers (at most {@link PoissonWeights#maxWeight()}), so they are added as four 16-bit counters
         * per long ({@link PoissonWeights#packedWeights}) into a per-block counter array small enough to stay
         * in cache, and spilled into the double sums before any counter can overflow. Integer counts are
         * exact, so the sums are the same as adding the weights one by one, for any thread count.
         */
        private void accumulateCounts(double[][][] state, int from, int to) {
            int lanes = (bootstrap + 3) >>> 2;
            long[][] counters = new long[bound.length][];
            for (int k = 0; k < bound.length; k++) {
                if (oneHot[k] || countSlots[k] != null) {
                    counters[k] = new long[atoms * widths[k] * lanes];
                }
            }
            // 16-bit counters take 65535 / 7 = 9362 rows at worst before overflowing; spill a little earlier. A loop
            // per chunk keeps the rare spill out of the row loop, whose compiled form it used to invalidate.
            int spillEvery = 0xFFFF / PoissonWeights.maxWeight() - 1;
            Scratch scratch = new Scratch(lanes, maxPairs, replicates, spillEvery);
            // Rows with fractional sums are visited atom by atom (in row order within an atom, so every cell still
            // receives its additions in row order: the same sums): the replicate rows of one atom's cells stay in
            // the first-level cache, where the rows of every atom did not fit the second.
            boolean byAtom = anyGeneral && atoms <= spillEvery;
            int[] atomStart = byAtom ? new int[atoms + 1] : null;
            for (int chunk = from; chunk < to; chunk += spillEvery) {
                int end = Math.min(to, chunk + spillEvery);
                int[] order = scratch.order;
                if (byAtom) {
                    Arrays.fill(atomStart, 0);
                    for (int i = chunk; i < end; i++) {
                        atomStart[atomOfRow[i] + 1]++;
                    }
                    for (int a = 0; a < atoms; a++) {
                        atomStart[a + 1] += atomStart[a];
                    }
                    for (int i = chunk; i < end; i++) {
                        order[atomStart[atomOfRow[i]]++] = i;
                    }
                } else {
                    for (int i = chunk; i < end; i++) {
                        order[i - chunk] = i;
                    }
                }
                countRows(state, counters, scratch, end - chunk);
                spill(state, counters, lanes);
            }
        }

        /** Per-thread buffers of {@link #countRows}. */
        private record Scratch(long[] packed, int[] slots, double[] values, double[] w, int[] order) {
            Scratch(int lanes, int pairs, int replicates, int chunk) {
                this(new long[lanes], new int[pairs], new double[pairs], new double[replicates], new int[chunk]);
            }
        }

        /**
         * The first {@code count} rows of {@code scratch.order} (fewer than a spill interval) into the counters and
         * sums: a one-hot slot, and each 0/1 value in a count slot ({@link RowStatistic#isCountSlot}), adds the row's
         * packed weights to its counter; other values are multiplied by each replicate's weight.
         */
        private void countRows(double[][][] state, long[][] counters, Scratch scratch, int count) {
            long[] packed = scratch.packed;
            int[] slots = scratch.slots;
            double[] values = scratch.values;
            double[] w = scratch.w;
            int[] order = scratch.order;
            int lanes = packed.length;
            int statCount = bound.length;
            for (int q = 0; q < count; q++) {
                int i = order[q];
                int atom = atomOfRow[i];
                if (anyGeneral) {
                    w[0] = 1;
                    poisson.packedWeights(clusterKeys[i], packed, w, bootstrap);
                } else {
                    poisson.packedWeights(clusterKeys[i], packed, bootstrap);
                }
                for (int k = 0; k < statCount; k++) {
                    double[][] st = state[k];
                    int base = atom * widths[k];
                    long[] c = counters[k];
                    if (oneHot[k]) {
                        int cell = base + bound[k].oneHotSlot(i);
                        st[cell][0] += 1;
                        addPacked(c, cell * lanes, packed, lanes);
                        continue;
                    }
                    int n = bound[k].contribute(i, slots, values);
                    boolean[] counts = countSlots[k];
                    for (int p = 0; p < n; p++) {
                        int cell = base + slots[p];
                        double v = values[p];
                        if (counts != null && counts[slots[p]] && v == 1) {
                            st[cell][0] += 1;
                            addPacked(c, cell * lanes, packed, lanes);
                        } else if (counts == null || !counts[slots[p]] || v != 0) {
                            addWeighted(st[cell], w, replicates, v);
                        }
                    }
                }
            }
        }

        private static void addPacked(long[] counters, int offset, long[] packed, int lanes) {
            for (int b = 0; b < lanes; b++) {
                counters[offset + b] += packed[b];
            }
        }

        /** Adds the packed counters into the one-hot sums ({@code [atom][slot][replicate]}) and zeroes them. */
        private void spill(double[][][] state, long[][] counters, int lanes) {
            for (int k = 0; k < counters.length; k++) {
                long[] c = counters[k];
                if (c == null) {
                    continue;
                }
                double[][] st = state[k];
                int cells = c.length / lanes;
                for (int cell = 0; cell < cells; cell++) {
                    double[] row = st[cell];
                    int co = cell * lanes;
                    for (int b = 0; b < lanes; b++) {
                        long v = c[co + b];
                        if (v == 0) {
                            continue;
                        }
                        c[co + b] = 0;
                        int r = 1 + 4 * b;
                        int end = Math.min(4, bootstrap - 4 * b);
                        for (int j = 0; j < end; j++) {
                            row[r + j] += (v >>> (16 * j)) & 0xFFFF;
                        }
                    }
                }
            }
        }

        /** Row weights with bootstrap: each replicate's weight is the row weight times its Poisson draw. */
        private void accumulateWeights(double[][][] state, int from, int to) {
            int[] slots = new int[maxPairs];
            double[] values = new double[maxPairs];
            int[] draws = new int[bootstrap];
            double[] w = new double[replicates];
            int statCount = bound.length;
            for (int i = from; i < to; i++) {
                int atom = atomOfRow[i];
                double base = rowWeights == null ? 1 : rowWeights[i];
                poisson.weights(clusterKeys[i], draws, bootstrap);
                w[0] = base;
                for (int r = 0; r < bootstrap; r++) {
                    w[r + 1] = base * draws[r];
                }
                for (int k = 0; k < statCount; k++) {
                    double[][] st = state[k];
                    int width = widths[k];
                    if (oneHot[k]) {
                        double[] row = st[atom * width + bound[k].oneHotSlot(i)];
                        for (int r = 0; r < replicates; r++) {
                            row[r] += w[r];
                        }
                    } else {
                        int n = bound[k].contribute(i, slots, values);
                        addWeighted(st, atom * width, w, replicates, slots, values, n);
                    }
                }
            }
        }

        /**
         * Adds a row's sparse contributions to every replicate it is drawn in, into the rows of its cells
         * ({@code cellBase = atom × width}).
         */
        private static void addWeighted(double[][] st, int cellBase, double[] w, int replicates, int[] slots,
                double[] values, int n) {
            for (int p = 0; p < n; p++) {
                addWeighted(st[cellBase + slots[p]], w, replicates, values[p]);
            }
        }

        /**
         * Adds {@code w[r] × v} to {@code row[r]} for every replicate. With a finite value every replicate is added,
         * weight 0 included, in one loop the JIT vectorizes: {@code x + 0 × v} is {@code x} exactly (sums start at
         * +0.0), so the sums are those of skipping undrawn replicates, which a non-finite value still needs
         * ({@code 0 × ∞} is NaN).
         */
        private static void addWeighted(double[] row, double[] w, int replicates, double v) {
            if (Double.isFinite(v)) {
                for (int r = 0; r < replicates; r++) {
                    row[r] += w[r] * v;
                }
            } else {
                for (int r = 0; r < replicates; r++) {
                    if (w[r] != 0) {
                        row[r] += w[r] * v;
                    }
                }
            }
        }
    }
}

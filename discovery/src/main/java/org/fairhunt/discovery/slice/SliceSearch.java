package org.fairhunt.discovery.slice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.fairhunt.core.UserInputException;

/**
 * The exact level-wise SliceLine search (Sagadeeva and Boehm, SIGMOD 2021; reference implementation
 * Apache SystemDS {@code scripts/builtin/sliceLine.dml}) over conjunctions of {@code feature = value}
 * predicates, on per-slice {@link SliceStats}.
 *
 * <p>Level 1 counts every predicate. Level {@code L} joins each valid slice of level {@code L−1}
 * (at least {@code minSupport} rows and some error) with a valid predicate on a later feature; the
 * child is a candidate only when all {@code L} of its parents are valid, and only when the
 * {@linkplain SliceScore#upperBound upper bound} of its score, computed from the parents' statistics
 * alone, is positive and at least the k-th best score found so far. Candidates are counted per
 * feature combination in one pass over the rows (a dense group-by, threads over combinations), so a
 * level costs one pass per combination that still has candidates. Because the bound holds for every
 * descendant too, the result equals the top-k of a brute-force enumeration of all slices up to
 * {@code maxDepth} with at least {@code minSupport} rows and a positive score, ordered by score and
 * then by {@link Slice#key()}.
 *
 * <p><b>Testing family without counting the lattice.</b> The multiple-testing family is every slice up to
 * {@code maxDepth} with at least {@code minSupport} rows. Only the feature combinations that hold a
 * candidate are counted (their every cell's p-value is known); for the others the level's family size is
 * bounded from the level below: support only shrinks from parent to child, so a slice can have
 * {@code minSupport} rows only if all its parents may have it (counted ones that do, uncounted ones
 * bounded in turn), and a combination's cells partition the rows, so at most {@code rows / minSupport} of
 * them can. Benjamini–Hochberg with this upper bound of {@code m} over the known p-values (ranks among the
 * known ones are lower bounds of the true ranks) gives q-values no smaller than the exact ones: valid,
 * conservative, and exact when every combination was counted.
 */
public final class SliceSearch {
    /** Feature combinations with at most this many cells are counted in dense arrays; larger ones by hash. */
    static final int DENSE_CELLS = 1 << 22;
    /** Relative slack when comparing a bound with the k-th score, so that rounding never prunes a tie. */
    private static final double BOUND_SLACK = 1e-9;

    /**
     * @param maxDepth   the most predicates in a slice
     * @param minSupport the fewest rows a reported slice may have
     * @param topK       how many slices to keep
     * @param alpha      SliceLine's weight of error against size, in (0, 1]; SystemDS defaults to 0.95
     * @param threads    worker threads for counting
     */
    public record Params(int maxDepth, long minSupport, int topK, double alpha, int threads) {
        public Params {
            if (maxDepth < 1) {
                throw new UserInputException("--max-depth must be at least 1, got " + maxDepth);
            }
            if (minSupport < 1) {
                throw new UserInputException("--min-support must be at least 1 row, got " + minSupport);
            }
            if (topK < 1) {
                throw new UserInputException("--top must be at least 1, got " + topK);
            }
            if (!(alpha > 0 && alpha <= 1)) {
                throw new UserInputException("--alpha must lie in (0, 1], got " + alpha);
            }
            if (threads < 1) {
                throw new UserInputException("threads must be at least 1, got " + threads);
            }
        }

        /** SystemDS's defaults for α (0.95); one thread per core. */
        public static Params of(int maxDepth, long minSupport, int topK) {
            return new Params(maxDepth, minSupport, topK, 0.95, Runtime.getRuntime().availableProcessors());
        }
    }

    private final SliceFeatures features;
    private final SliceSpace space;
    private final Params params;
    private final SliceCounter counter;
    private final SliceCounter.Totals totals;
    private final List<String> notices = new ArrayList<>();
    /** Features with a computable error, and those rows' count. */
    private final int featureCount;
    private final long rows;
    /** Keys of the previous level's slices that may have the minimum support (exact where counted). */
    private LongIntMap possible;
    /** Predicate ids with the minimum support, ascending. */
    private int[] frequentIds;

    private SliceSearch(SliceFeatures features, SliceCounter counter, Params params) {
        this.features = features;
        this.space = new SliceSpace(features);
        this.params = params;
        this.counter = counter;
        this.totals = counter.totals();
        this.featureCount = features.featureCount();
        this.rows = totals.total().rows();
        if (totals.excludedRows() > 0) {
            notices.add(totals.excludedRows() + " rows left out because their error cannot be computed (missing values), "
                    + "first at rows " + totals.firstExcludedRows());
        }
    }

    /** Runs the search over in-memory rows. */
    public static SliceSearchResult run(SliceFeatures features, RowErrors errors, Params params) {
        return run(features, new LocalSliceCounter(features, errors, params.threads()), params);
    }

    /**
     * Runs the search with its passes over rows made by {@code counter}; {@code features} gives the features'
     * names and levels (its rows are the counter's business and may be none).
     */
    public static SliceSearchResult run(SliceFeatures features, SliceCounter counter, Params params) {
        return new SliceSearch(features, counter, params).search();
    }

    private boolean binary() {
        return totals.binary();
    }

    private SliceSearchResult search() {
        SliceStats total = totals.total();
        List<EvaluatedLevel> levels = new ArrayList<>();
        if (rows == 0) {
            notices.add("no rows with a computable error: nothing to search");
            return new SliceSearchResult(features, space, params, total, null, List.of(), levels, notices);
        }
        if (!(total.errors() > 0)) {
            notices.add("no errors at all in " + rows + " rows: there is no slice with a higher error than the rest, nothing to find");
            return new SliceSearchResult(features, space, params, total, null, List.of(), levels, notices);
        }
        SliceScore score = new SliceScore(params.alpha(), total.rate(), rows, params.minSupport());
        int maxDepth = Math.min(params.maxDepth(), features.featureCount());
        space.checkDepth(maxDepth);
        PriorityQueue<ScoredSlice> top = new PriorityQueue<>(WORST_FIRST);

        EvaluatedLevel level = levelOne(total);
        levels.add(level);
        offer(top, level, score);
        for (int depth = 2; depth <= maxDepth; depth++) {
            if (possible.size() == 0) {
                break;
            }
            double threshold = top.size() == params.topK() ? top.peek().score() : 0;
            level = nextLevel(level, depth, score, threshold, total, depth == maxDepth);
            levels.add(level);
            offer(top, level, score);
        }
        List<ScoredSlice> ranked = new ArrayList<>(top);
        ranked.sort(WORST_FIRST.reversed());
        return new SliceSearchResult(features, space, params, total, score, ranked, levels, notices);
    }

    /** Lower score first; among equal scores, the larger key first (the smaller key ranks better). */
    static final Comparator<ScoredSlice> WORST_FIRST = Comparator.comparingDouble(ScoredSlice::score)
            .thenComparing(Comparator.comparingLong((ScoredSlice s) -> s.slice().key()).reversed());

    private void offer(PriorityQueue<ScoredSlice> top, EvaluatedLevel level, SliceScore score) {
        StatsColumns s = level.columns();
        for (int i = 0; i < level.size(); i++) {
            if (!level.inFamily(i)) {
                continue;
            }
            double sc = score.score(s.errors[i] / s.units[i], s.rows[i]);
            if (!(sc > 0)) {
                continue;
            }
            if (top.size() < params.topK() || sc >= top.peek().score()) {
                ScoredSlice candidate = new ScoredSlice(space.slice(level.key(i)), s.get(i), sc);
                top.add(candidate);
                if (top.size() > params.topK()) {
                    top.poll();
                }
            }
        }
    }

    private EvaluatedLevel levelOne(SliceStats total) {
        int n = space.predicateCount();
        StatsColumns s = new StatsColumns(n);
        List<int[]> singles = new ArrayList<>();
        for (int f = 0; f < featureCount; f++) {
            singles.add(new int[] {f});
        }
        counter.count(singles, (f, counts) -> {
            for (int v = 0; v < features.levelCount(f); v++) {
                s.set(space.id(f, v), counts.stats(counts.slotOf(v)));
            }
        });
        long[] keys = new long[n];
        int[] one = new int[1];
        for (int id = 0; id < n; id++) {
            one[0] = id;
            keys[id] = space.key(one, 1);
        }
        DoubleList family = new DoubleList();
        possible = new LongIntMap(n);
        int[] frequent = new int[n];
        int frequentCount = 0;
        long defined = 0;
        double[] pValues = new double[n];
        Arrays.fill(pValues, Double.NaN);
        for (int id = 0; id < n; id++) {
            if (s.rows[id] >= params.minSupport()) {
                SliceStats st = s.get(id);
                double pValue = SliceTests.pValueHigherThanRest(st, total.minus(st), binary());
                pValues[id] = pValue;
                family.add(pValue);
                defined += Double.isNaN(pValue) ? 0 : 1;
                possible.put(keys[id], 1);
                frequent[frequentCount++] = id;
            }
        }
        frequentIds = Arrays.copyOf(frequent, frequentCount);
        return new EvaluatedLevel(1, keys, s, pValues, params.minSupport(), n, 0, family.toArray(), defined);
    }

    private boolean valid(EvaluatedLevel level, int i) {
        return level.inFamily(i) && level.errors(i) > 0;
    }

    private EvaluatedLevel nextLevel(EvaluatedLevel previous, int depth, SliceScore score, double threshold, SliceStats total,
            boolean last) {
        LongIntMap validParents = new LongIntMap(previous.size());
        for (int i = 0; i < previous.size(); i++) {
            if (valid(previous, i)) {
                validParents.put(previous.key(i), i);
            }
        }
        // Parents of two predicates (depth 3, the default) are looked up in a dense table instead: half a million
        // children ask for two parents each.
        int[] validPairs = pairTable(depth, validParents);
                // A child's last predicate x need not be checked on its own: the parents that contain x are.
        int predicates = space.predicateCount();
        StatsColumns p = previous.columns();
        long[] candidateKeys = new long[1024];
        int candidates = 0;
        long generated = 0;
        long pruned = 0;
        double cut = threshold - Math.abs(threshold) * BOUND_SLACK;
        // The other parents of a child (the parent without one of its predicates, plus x) share their first
        // depth - 2 predicates for every x: those keys are made once per parent.
        long[] sub = new long[depth - 1];
        for (int i = 0; i < previous.size(); i++) {
            if (!valid(previous, i)) {
                continue;
            }
            long parentKey = previous.key(i);
            int[] ids = space.ids(parentKey);
            int lastFeature = space.featureOf(ids[depth - 2]);
            for (int drop = 0; drop < depth - 1; drop++) {
                sub[drop] = space.without(parentKey, depth - 1, drop);
            }
            int startId = lastFeature + 1 < featureCount ? space.id(lastFeature + 1, 0) : predicates;
            for (int x = startId; x < predicates; x++) {
                double rowsUb = p.rows[i];
                double errorsUb = p.errors[i];
                double maxRate = p.maxRate[i];
                double minUnits = p.minUnits[i];
                boolean allParents = true;
                for (int drop = 0; drop < depth - 1 && allParents; drop++) {
                    int q = validPairs != null ? validPairs[(int) (sub[drop] - 1) * predicates + x]
                            : validParents.get(space.append(sub[drop], depth - 2, x));
                    if (q < 0) {
                        allParents = false;
                    } else {
                        rowsUb = Math.min(rowsUb, p.rows[q]);
                        errorsUb = Math.min(errorsUb, p.errors[q]);
                        maxRate = Math.min(maxRate, p.maxRate[q]);
                        minUnits = Math.max(minUnits, p.minUnits[q]);
                    }
                }
                if (!allParents) {
                    continue;
                }
                generated++;
                double ub = score.upperBound(rowsUb, errorsUb, maxRate, minUnits);
                if (!(ub > 0) || ub < cut) {
                    pruned++;
                    continue;
                }
                if (candidates == candidateKeys.length) {
                    candidateKeys = Arrays.copyOf(candidateKeys, candidates * 2);
                }
                candidateKeys[candidates++] = space.append(parentKey, depth - 1, x);
            }
        }
        long[] keys = Arrays.copyOf(candidateKeys, candidates);
        StatsColumns stats = new StatsColumns(candidates);
        double[] pValues = new double[candidates];
        LongIntMap countedFrequent = new LongIntMap(1024);
        java.util.Set<Long> countedCombinations = new java.util.HashSet<>();
        for (long key : keys) {
            countedCombinations.add(combination(space.ids(key), depth));
        }
        double[] family = count(keys, depth, stats, pValues, total, countedFrequent);
        long known = 0;
        for (double pValue : family) {
            known += Double.isNaN(pValue) ? 0 : 1;
        }
        long bound = known + boundUncounted(depth, countedCombinations, countedFrequent, last);
        return new EvaluatedLevel(depth, keys, stats, pValues, params.minSupport(), generated, pruned, family, bound);
    }

    /**
     * For children of depth 3, the values of {@code parents} (keys of two predicates) in a dense table indexed by
     * {@code first id · predicates + second id}, −1 where absent; {@code null} at other depths or when the table
     * would exceed {@link #DENSE_CELLS}.
     */
    private int[] pairTable(int depth, LongIntMap parents) {
        int predicates = space.predicateCount();
        if (depth != 3 || (long) predicates * predicates > DENSE_CELLS) {
            return null;
        }
        int[] table = new int[predicates * predicates];
        Arrays.fill(table, -1);
        for (long key : parents.keys()) {
            int[] ids = space.ids(key);
            table[ids[0] * predicates + ids[1]] = parents.get(key);
        }
        return table;
    }

    /** A feature combination as a number: its features (ascending) as digits in base featureCount + 1. */
    private long combination(int[] ids, int length) {
        long code = 0;
        for (int j = 0; j < length; j++) {
            code = code * (featureCount + 1) + space.featureOf(ids[j]) + 1;
        }
        return code;
    }

    /**
     * The most slices of this depth, in combinations the search did not count, that can have the minimum
     * support: children of the previous level's possibly frequent slices whose parents all may have it,
     * at most {@code rows / minSupport} per combination. Replaces {@link #possible} with this level's
     * possibly frequent slices (the counted ones that are, and the bounded ones) unless it is the last.
     */
    private long boundUncounted(int depth, java.util.Set<Long> counted, LongIntMap countedFrequent, boolean last) {
        LongIntMap next = last ? null : new LongIntMap(Math.max(16, countedFrequent.size()));
        Map<Long, long[]> perCombination = new HashMap<>();
        long[] perFeature = new long[featureCount];
        boolean[] skip = new boolean[featureCount];
        long[] sub = new long[depth - 1];
        int predicates = space.predicateCount();
        int[] possiblePairs = pairTable(depth, possible);
        for (long key : possible.keys()) {
            int[] ids = space.ids(key);
            long parentCode = combination(ids, depth - 1);
            int lastFeature = space.featureOf(ids[depth - 2]);
            for (int g = 0; g < featureCount; g++) {
                skip[g] = g <= lastFeature || counted.contains(parentCode * (featureCount + 1) + g + 1);
            }
            for (int drop = 0; drop < depth - 1; drop++) {
                sub[drop] = space.without(key, depth - 1, drop);
            }
            Arrays.fill(perFeature, 0);
            for (int x : frequentIds) {
                int g = space.featureOf(x);
                if (skip[g]) {
                    continue;
                }
                boolean allParents = true;
                for (int drop = 0; drop < depth - 1 && allParents; drop++) {
                    allParents = (possiblePairs != null ? possiblePairs[(int) (sub[drop] - 1) * predicates + x]
                            : possible.get(space.append(sub[drop], depth - 2, x))) >= 0;
                }
                if (allParents) {
                    perFeature[g]++;
                    if (next != null) {
                        next.put(space.append(key, depth - 1, x), 1);
                    }
                }
            }
            for (int g = lastFeature + 1; g < featureCount; g++) {
                if (perFeature[g] > 0) {
                    perCombination.computeIfAbsent(parentCode * (featureCount + 1) + g + 1, c -> new long[1])[0] += perFeature[g];
                }
            }
        }
        long cap = rows / params.minSupport();
        long bound = 0;
        for (long[] n : perCombination.values()) {
            bound += Math.min(n[0], cap);
        }
        if (next != null) {
            for (long key : countedFrequent.keys()) {
                next.put(key, 1);
            }
            possible = next;
        }
        return bound;
    }

    /**
     * Counts every combination of {@code depth} features that holds a candidate, through the counter: the
     * statistics of every candidate go to {@code out}, the p-value of every cell with at least the minimum
     * support goes to the returned family and its key to {@code frequentKeys}. The family is not only the
     * candidates the score bound let through, so that the multiple-testing correction is not biased by the
     * search having looked where errors were high; combinations left uncounted enter it through
     * {@link #boundUncounted}.
     */
    private double[] count(long[] keys, int depth, StatsColumns out, double[] outPValues, SliceStats total, LongIntMap frequentKeys) {
        // Combinations in increasing order of their features, each with its candidates.
        java.util.TreeMap<int[], List<Integer>> bySet = new java.util.TreeMap<>(Arrays::compare);
        for (int c = 0; c < keys.length; c++) {
            int[] ids = space.ids(keys[c]);
            int[] set = new int[depth];
            for (int j = 0; j < depth; j++) {
                set[j] = space.featureOf(ids[j]);
            }
            bySet.computeIfAbsent(set, k -> new ArrayList<>()).add(c);
        }
        List<int[]> combinations = new ArrayList<>(bySet.keySet());
        List<List<Integer>> candidates = new ArrayList<>(bySet.values());
        double[][] pValues = new double[combinations.size()][];
        long[][] frequent = new long[combinations.size()][];
        counter.count(combinations, (j, counts) -> {
            DoubleList family = new DoubleList();
            java.util.stream.LongStream.Builder freq = java.util.stream.LongStream.builder();
            double[] slotPValues = tests(counts, total, family, freq);
            for (int c : candidates.get(j)) {
                int slot = counts.slotOf(cellOf(keys[c]));
                out.set(c, counts.stats(slot));
                outPValues[c] = slot < 0 ? Double.NaN : slotPValues[slot];
            }
            pValues[j] = family.toArray();
            frequent[j] = freq.build().toArray();
        });
        int m = 0;
        for (double[] p : pValues) {
            m += p.length;
        }
        double[] family = new double[m];
        int at = 0;
        for (int j = 0; j < pValues.length; j++) {
            System.arraycopy(pValues[j], 0, family, at, pValues[j].length);
            at += pValues[j].length;
            for (long key : frequent[j]) {
                frequentKeys.put(key, 1);
            }
        }
        return family;
    }

    /**
     * The p-value and key of every cell of a counted combination with at least the minimum support; returns the
     * p-values by slot ({@code NaN} for the cells with fewer rows).
     */
    private double[] tests(CellCounts counts, SliceStats total, DoubleList family, java.util.stream.LongStream.Builder frequent) {
        int[] allFeatures = counts.features();
        long minSupport = params.minSupport();
        boolean packed = counts.isPacked();
        double[] bySlot = new double[counts.slots()];
        for (int slot = 0; slot < bySlot.length; slot++) {
            long n = counts.rows(slot);
            bySlot[slot] = Double.NaN;
            if (n >= minSupport) {
                double pValue;
                if (packed) {
                    pValue = SliceTests.binaryPValue(counts.errors(slot), n, total.errors(), total.rows());
                } else {
                    SliceStats st = counts.stats(slot);
                    pValue = SliceTests.pValueHigherThanRest(st, total.minus(st), binary());
                }
                bySlot[slot] = pValue;
                family.add(pValue);
                frequent.add(keyOfCell(allFeatures, counts.cell(slot)));
            }
        }
        return bySlot;
    }

    /** The key of a cell (mixed-radix digits of its values) of the combination {@code allFeatures}. */
    private long keyOfCell(int[] allFeatures, long cell) {
        int[] ids = new int[allFeatures.length];
        for (int j = allFeatures.length - 1; j >= 0; j--) {
            int k = features.levelCount(allFeatures[j]);
            ids[j] = space.id(allFeatures[j], (int) (cell % k));
            cell /= k;
        }
        return space.key(ids, ids.length);
    }

    /** The cell of a slice within its feature combination: mixed-radix digits of its values. */
    private long cellOf(long key) {
        int[] ids = space.ids(key);
        long cell = 0;
        for (int id : ids) {
            cell = cell * features.levelCount(space.featureOf(id)) + space.valueOf(id);
        }
        return cell;
    }

    /** A growable list of doubles. */
    private static final class DoubleList {
        private double[] values = new double[64];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

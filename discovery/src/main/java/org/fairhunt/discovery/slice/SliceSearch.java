package org.fairhunt.discovery.slice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.fairhunt.core.concurrent.Workers;
import org.fairhunt.core.FairhuntException;
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
    private final List<String> notices = new ArrayList<>();
    // Rows with a computable error only.
    private final byte[][] codes;
    private final double[] errors;
    private final double[] units;
    private final byte[] binaryErrors;
    private final int rows;
    /** Keys of the previous level's slices that may have the minimum support (exact where counted). */
    private LongIntMap possible;
    /** Predicate ids with the minimum support, ascending. */
    private int[] frequentIds;

    private SliceSearch(SliceFeatures features, RowErrors rowErrors, Params params) {
        if (features.rowCount() != rowErrors.size()) {
            throw new IllegalArgumentException("features have " + features.rowCount() + " rows, errors " + rowErrors.size());
        }
        this.features = features;
        this.space = new SliceSpace(features);
        this.params = params;
        int f = features.featureCount();
        double[] e = rowErrors.errorsUnsafe();
        double[] u = rowErrors.unitsUnsafe();
        if (rowErrors.excludedRows() > 0) {
            notices.add(rowErrors.excludedRows() + " rows left out because their error cannot be computed (missing values), "
                    + "first at rows " + rowErrors.firstExcludedRows(5));
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
        if (rowErrors.isBinary()) {
            binaryErrors = new byte[rows];
            for (int i = 0; i < rows; i++) {
                binaryErrors[i] = (byte) errors[i];
            }
        } else {
            binaryErrors = null;
        }
    }

    /** Runs the search. */
    public static SliceSearchResult run(SliceFeatures features, RowErrors errors, Params params) {
        return new SliceSearch(features, errors, params).search();
    }

    private SliceSearchResult search() {
        SliceStats total = SliceStats.EMPTY;
        if (binaryErrors != null) {
            long errorCount = 0;
            for (byte b : binaryErrors) {
                errorCount += b;
            }
            total = new SliceStats(rows, rows, errorCount, errorCount, errorCount, rows, errorCount > 0 ? 1 : 0, rows > 0 ? 1 : Double.POSITIVE_INFINITY);
        } else {
            StatsColumns t = new StatsColumns(1);
            for (int i = 0; i < rows; i++) {
                t.addRow(0, errors[i], units[i]);
            }
            total = t.get(0);
        }
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
        for (int f = 0; f < codes.length; f++) {
            byte[] c = codes[f];
            int base = space.id(f, 0);
            if (binaryErrors != null) {
                for (int i = 0; i < rows; i++) {
                    int id = base + (c[i] & 0xFF);
                    s.rows[id]++;
                    s.errors[id] += binaryErrors[i];
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    s.addRow(base + (c[i] & 0xFF), errors[i], units[i]);
                }
            }
        }
        long[] keys = new long[n];
        int[] one = new int[1];
        for (int id = 0; id < n; id++) {
            one[0] = id;
            keys[id] = space.key(one, 1);
            if (binaryErrors != null) {
                s.completeBinary(id);
            }
        }
        DoubleList family = new DoubleList();
        possible = new LongIntMap(n);
        int[] frequent = new int[n];
        int frequentCount = 0;
        long defined = 0;
        for (int id = 0; id < n; id++) {
            if (s.rows[id] >= params.minSupport()) {
                SliceStats st = s.get(id);
                double pValue = SliceTests.pValueHigherThanRest(st, total.minus(st), binaryErrors != null);
                family.add(pValue);
                defined += Double.isNaN(pValue) ? 0 : 1;
                possible.put(keys[id], 1);
                frequent[frequentCount++] = id;
            }
        }
        frequentIds = Arrays.copyOf(frequent, frequentCount);
        return new EvaluatedLevel(1, keys, s, params.minSupport(), n, 0, family.toArray(), defined);
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
                // A child's last predicate x need not be checked on its own: the parents that contain x are.
        int predicates = space.predicateCount();
        StatsColumns p = previous.columns();
        long[] candidateKeys = new long[1024];
        int candidates = 0;
        long generated = 0;
        long pruned = 0;
        double cut = threshold - Math.abs(threshold) * BOUND_SLACK;
        int[] child = new int[depth];
        int[] parent = new int[depth - 1];
        for (int i = 0; i < previous.size(); i++) {
            if (!valid(previous, i)) {
                continue;
            }
            int[] ids = space.ids(previous.key(i));
            int lastFeature = space.featureOf(ids[depth - 2]);
            System.arraycopy(ids, 0, child, 0, depth - 1);
            int startId = lastFeature + 1 < codes.length ? space.id(lastFeature + 1, 0) : predicates;
            for (int x = startId; x < predicates; x++) {
                child[depth - 1] = x;
                double rowsUb = p.rows[i];
                double errorsUb = p.errors[i];
                double maxRate = p.maxRate[i];
                double minUnits = p.minUnits[i];
                boolean allParents = true;
                for (int drop = 0; drop < depth - 1 && allParents; drop++) {
                    int k = 0;
                    for (int j = 0; j < depth; j++) {
                        if (j != drop) {
                            parent[k++] = child[j];
                        }
                    }
                    int q = validParents.get(space.key(parent, depth - 1));
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
                candidateKeys[candidates++] = space.key(child, depth);
            }
        }
        long[] keys = Arrays.copyOf(candidateKeys, candidates);
        StatsColumns stats = new StatsColumns(candidates);
        LongIntMap countedFrequent = new LongIntMap(1024);
        java.util.Set<Long> countedCombinations = new java.util.HashSet<>();
        for (long key : keys) {
            countedCombinations.add(combination(space.ids(key), depth));
        }
        double[] family = count(keys, depth, stats, total, countedFrequent);
        long known = 0;
        for (double pValue : family) {
            known += Double.isNaN(pValue) ? 0 : 1;
        }
        long bound = known + boundUncounted(depth, countedCombinations, countedFrequent, last);
        return new EvaluatedLevel(depth, keys, stats, params.minSupport(), generated, pruned, family, bound);
    }

    /** A feature combination as a number: its features (ascending) as digits in base featureCount + 1. */
    private long combination(int[] ids, int length) {
        long code = 0;
        for (int j = 0; j < length; j++) {
            code = code * (codes.length + 1) + space.featureOf(ids[j]) + 1;
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
        long[] perFeature = new long[codes.length];
        int[] child = new int[depth];
        int[] parent = new int[depth - 1];
        for (long key : possible.keys()) {
            int[] ids = space.ids(key);
            long parentCode = combination(ids, depth - 1);
            int lastFeature = space.featureOf(ids[depth - 2]);
            System.arraycopy(ids, 0, child, 0, depth - 1);
            Arrays.fill(perFeature, 0);
            for (int x : frequentIds) {
                int g = space.featureOf(x);
                if (g <= lastFeature || counted.contains(parentCode * (codes.length + 1) + g + 1)) {
                    continue;
                }
                child[depth - 1] = x;
                boolean allParents = true;
                for (int drop = 0; drop < depth - 1 && allParents; drop++) {
                    int k = 0;
                    for (int j = 0; j < depth; j++) {
                        if (j != drop) {
                            parent[k++] = child[j];
                        }
                    }
                    allParents = possible.get(space.key(parent, depth - 1)) >= 0;
                }
                if (allParents) {
                    perFeature[g]++;
                    if (next != null) {
                        next.put(space.key(child, depth), 1);
                    }
                }
            }
            for (int g = lastFeature + 1; g < codes.length; g++) {
                if (perFeature[g] > 0) {
                    perCombination.computeIfAbsent(parentCode * (codes.length + 1) + g + 1, c -> new long[1])[0] += perFeature[g];
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
     * Counts every combination of {@code depth} features that holds a candidate, one pass over the rows
     * each (threads over combinations sharing a prefix, whose cell index is computed once): the
     * statistics of every candidate go to {@code out}, the p-value of every cell with at least the
     * minimum support goes to the returned family and its key to {@code frequentKeys}. The family is not
     * only the candidates the score bound let through, so that the multiple-testing correction is not
     * biased by the search having looked where errors were high; combinations left uncounted enter it
     * through {@link #boundUncounted}.
     */
    private double[] count(long[] keys, int depth, StatsColumns out, SliceStats total, LongIntMap frequentKeys) {
        Map<String, List<Integer>> candidatesBySet = new HashMap<>();
        for (int c = 0; c < keys.length; c++) {
            int[] ids = space.ids(keys[c]);
            StringBuilder set = new StringBuilder();
            for (int id : ids) {
                set.append(space.featureOf(id)).append(',');
            }
            candidatesBySet.computeIfAbsent(set.toString(), k -> new ArrayList<>()).add(c);
        }
        List<int[]> prefixes = new ArrayList<>();
        combinations(codes.length - 1, depth - 1, 0, new int[depth - 1], 0, prefixes);
        List<java.util.concurrent.Callable<Counted>> tasks = new ArrayList<>();
        for (int[] prefix : prefixes) {
            if (hasCandidates(prefix, candidatesBySet)) {
                tasks.add(() -> countPrefixGroup(keys, prefix, candidatesBySet, out, total));
            }
        }
        List<Counted> parts = new ArrayList<>();
        if (params.threads() == 1 || tasks.size() <= 1) {
            for (java.util.concurrent.Callable<Counted> t : tasks) {
                try {
                    parts.add(t.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new FairhuntException("slice search failed: " + e, e);
                }
            }
        } else {
            try (Workers workers = new Workers(Math.min(params.threads(), tasks.size()), "fairhunt-slices")) {
                parts.addAll(workers.invokeAll(tasks, "slice search"));
            }
        }
        int m = 0;
        for (Counted part : parts) {
            m += part.pValues().length;
        }
        double[] family = new double[m];
        int at = 0;
        for (Counted part : parts) {
            System.arraycopy(part.pValues(), 0, family, at, part.pValues().length);
            at += part.pValues().length;
            for (long key : part.frequentKeys()) {
                frequentKeys.put(key, 1);
            }
        }
        return family;
    }

    /** What counting one prefix group gave: the family's p-values and keys of the cells with enough rows. */
    private record Counted(double[] pValues, long[] frequentKeys) {
    }

    private boolean hasCandidates(int[] prefixFeatures, Map<String, List<Integer>> candidatesBySet) {
        StringBuilder name = new StringBuilder();
        for (int f : prefixFeatures) {
            name.append(f).append(',');
        }
        for (int last = prefixFeatures[prefixFeatures.length - 1] + 1; last < codes.length; last++) {
            if (candidatesBySet.containsKey(name.toString() + last + ",")) {
                return true;
            }
        }
        return false;
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

    /** All increasing {@code size}-tuples of features whose last element is below {@code limit}. */
    private static void combinations(int limit, int size, int start, int[] current, int filled, List<int[]> out) {
        if (filled == size) {
            out.add(current.clone());
            return;
        }
        for (int f = start; f < limit; f++) {
            current[filled] = f;
            combinations(limit, size, f + 1, current, filled + 1, out);
        }
    }

    private static final ThreadLocal<int[]> PREFIX_CELLS = new ThreadLocal<>();

    private Counted countPrefixGroup(long[] keys, int[] prefixFeatures, Map<String, List<Integer>> candidatesBySet,
            StatsColumns out, SliceStats total) {
        int depth = prefixFeatures.length + 1;
        long prefixCells = 1;
        StringBuilder prefixName = new StringBuilder();
        for (int f : prefixFeatures) {
            prefixCells *= features.levelCount(f);
            prefixName.append(f).append(',');
        }
        int[] prefix = null;
        if (prefixCells <= DENSE_CELLS) {
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
        DoubleList family = new DoubleList();
        java.util.stream.LongStream.Builder frequent = java.util.stream.LongStream.builder();
        List<Integer> denseBinary = new ArrayList<>();
        for (int last = prefixFeatures[depth - 2] + 1; last < codes.length; last++) {
            List<Integer> candidates = candidatesBySet.get(prefixName.toString() + last + ",");
            if (candidates == null) {
                continue;
            }
            long cells = prefixCells * features.levelCount(last);
            int[] allFeatures = Arrays.copyOf(prefixFeatures, depth);
            allFeatures[depth - 1] = last;
            if (prefix != null && cells <= DENSE_CELLS && binaryErrors != null) {
                denseBinary.add(last);
            } else if (prefix != null && cells <= DENSE_CELLS) {
                countDense(keys, candidates, prefix, (int) cells, allFeatures, out, total, family, frequent);
            } else {
                countSorted(keys, candidates, allFeatures, out, total, family, frequent);
            }
        }
        if (!denseBinary.isEmpty()) {
            countDenseBinary(keys, prefixFeatures, prefixName.toString(), candidatesBySet, prefix, (int) prefixCells, denseBinary, out,
                    total, family, frequent);
        }
        return new Counted(family.toArray(), frequent.build().toArray());
    }

    /** Rows per block when several combinations sharing a prefix are counted together. */
    private static final int BLOCK = 4096;

    /**
     * Counts 0/1 errors for every extension {@code last} of one prefix in a single blocked pass: each
     * block of prefix cells and errors stays in the first-level cache while every extension's codes
     * stream past it. Rows go in the low 32 bits of a counter and errors in the high 32, so a row costs
     * one addition per combination.
     */
    private void countDenseBinary(long[] keys, int[] prefixFeatures, String prefixName, Map<String, List<Integer>> candidatesBySet,
            int[] prefix, int prefixCells, List<Integer> lasts, StatsColumns out, SliceStats total, DoubleList family, java.util.stream.LongStream.Builder frequent) {
        int t = lasts.size();
        long[][] packed = new long[t][];
        byte[][] lastCodes = new byte[t][];
        int[] radix = new int[t];
        for (int j = 0; j < t; j++) {
            radix[j] = features.levelCount(lasts.get(j));
            packed[j] = new long[prefixCells * radix[j]];
            lastCodes[j] = codes[lasts.get(j)];
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
                byte[] lc = lastCodes[j];
                for (int i = 0; i < len; i++) {
                    pk[base[i] + (lc[from + i] & 0xFF)] += increment[i];
                }
            }
        }
        double totalErrors = total.errors();
        double totalRows = total.rows();
        long minSupport = params.minSupport();
        int[] allFeatures = Arrays.copyOf(prefixFeatures, prefixFeatures.length + 1);
        for (int j = 0; j < t; j++) {
            long[] pk = packed[j];
            allFeatures[prefixFeatures.length] = lasts.get(j);
            for (int cell = 0; cell < pk.length; cell++) {
                int n = (int) pk[cell];
                if (n >= minSupport) {
                    family.add(SliceTests.binaryPValue(pk[cell] >>> 32, n, totalErrors, totalRows));
                    frequent.add(keyOfCell(allFeatures, cell));
                }
            }
            for (int c : candidatesBySet.getOrDefault(prefixName + lasts.get(j) + ",", List.of())) {
                long v = pk[(int) cellOf(keys[c])];
                out.rows[c] = (int) v;
                out.errors[c] = v >>> 32;
                out.completeBinary(c);
            }
        }
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

    /** Counts general (non 0/1) errors for one combination in dense arrays of full statistics. */
    private void countDense(long[] keys, List<Integer> candidates, int[] prefix, int cells, int[] allFeatures, StatsColumns out,
            SliceStats total, DoubleList family, java.util.stream.LongStream.Builder frequent) {
        int lastFeature = allFeatures[allFeatures.length - 1];
        byte[] last = codes[lastFeature];
        int k = features.levelCount(lastFeature);
        long minSupport = params.minSupport();
        StatsColumns s = new StatsColumns(cells);
        for (int i = 0; i < rows; i++) {
            s.addRow(prefix[i] * k + (last[i] & 0xFF), errors[i], units[i]);
        }
        for (int cell = 0; cell < cells; cell++) {
            if (s.rows[cell] >= minSupport) {
                SliceStats st = s.get(cell);
                family.add(SliceTests.pValueHigherThanRest(st, total.minus(st), false));
                frequent.add(keyOfCell(allFeatures, cell));
            }
        }
        for (int c : candidates) {
            out.set(c, s.get((int) cellOf(keys[c])));
        }
    }

    /**
     * For combinations with too many cells to count densely: the rows' cells are sorted, and each run of
     * equal cells is one occupied cell (empty cells have no support and are no candidates).
     */
    private void countSorted(long[] keys, List<Integer> candidates, int[] allFeatures, StatsColumns out, SliceStats total,
            DoubleList family, java.util.stream.LongStream.Builder frequent) {
        LongIntMap cellToCandidate = new LongIntMap(Math.max(1, candidates.size()));
        for (int c : candidates) {
            cellToCandidate.put(cellOf(keys[c]) + 1, c);
        }
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
        StatsColumns run = new StatsColumns(1);
        for (int j = 0; j < rows; j++) {
            int i = order[j];
            run.addRow(0, errors[i], units[i]);
            if (j + 1 == rows || cellOfRow[order[j + 1]] != cellOfRow[i]) {
                SliceStats st = run.get(0);
                if (st.rows() >= params.minSupport()) {
                    family.add(SliceTests.pValueHigherThanRest(st, total.minus(st), binaryErrors != null));
                    frequent.add(keyOfCell(allFeatures, cellOfRow[i]));
                }
                int c = cellToCandidate.get(cellOfRow[i] + 1);
                if (c >= 0) {
                    out.set(c, st);
                }
                run = new StatsColumns(1);
            }
        }
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

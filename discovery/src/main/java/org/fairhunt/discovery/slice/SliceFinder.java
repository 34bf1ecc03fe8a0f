package org.fairhunt.discovery.slice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slice finding as a user sees it: runs the {@link SliceSearch}, then tests every evaluated slice
 * against the rest of the data, adjusts all those p-values together (Benjamini–Hochberg over the
 * whole family of evaluated slices, not only the ones shown, since the search looked at all of them),
 * and collapses redundant slices: a slice whose error is no higher than that of one of its ancestors
 * (a conjunction of a subset of its predicates) says nothing the ancestor does not, and is listed
 * under it instead of taking a rank of its own; so is a slice that selects exactly the same rows as a
 * better-ranked one under other names.
 *
 * <p><b>Ranking.</b> SliceLine's score finds candidates fast, but with SystemDS's α = 0.95 it penalizes small
 * slices so hard that a slice of 1.5% of the rows at nearly 4× the error scores below 0 and is never shown.
 * By default ({@link Ranking#EFFECT}) the search runs at {@link #EFFECT_SEARCH_ALPHA}, the candidates are joined
 * by every evaluated slice with q below the false discovery rate, and the findings are ranked by how much worse
 * than the rest a slice is <em>at least</em>: the lower end of its interval minus the rest's error, an effect
 * size discounted by its uncertainty, in the spirit of Slice Finder (Chung et al., 2019), which ranks
 * significant slices by effect size. {@link Ranking#SLICELINE} (an explicit {@code --alpha}) ranks by
 * SliceLine's score, SystemDS-compatible, and fills a short list with significant slices.
 */
public final class SliceFinder {
    /**
     * SliceLine's α for the candidate search when ranking by effect: a slice of 1% of the rows at twice the
     * average error scores 0 (α/(1 − α) = 99), so small, much worse slices stay candidates.
     */
    public static final double EFFECT_SEARCH_ALPHA = 0.99;

    /** How findings are ranked. */
    public enum Ranking {
        /** By the lower end of the slice error's interval minus the rest's error (the default). */
        EFFECT,
        /** By SliceLine's score at the given α (SystemDS-compatible). */
        SLICELINE
    }

    /**
     * @param search  the search parameters; {@code topK} is the number of findings shown; with
     *                {@link Ranking#EFFECT} its α is used for the scores shown but the search runs at
     *                {@link #EFFECT_SEARCH_ALPHA}
     * @param level   confidence level of the intervals (0.95)
     * @param fdr     false discovery rate below which a finding is flagged significant (0.05)
     * @param ranking how findings are ranked
     */
    public record Options(SliceSearch.Params search, double level, double fdr, Ranking ranking) {
        public Options(SliceSearch.Params search, double level, double fdr) {
            this(search, level, fdr, Ranking.EFFECT);
        }

        public static Options of(SliceSearch.Params search) {
            return new Options(search, 0.95, 0.05, Ranking.EFFECT);
        }
    }

    private SliceFinder() {
    }

    /** Finds slices of in-memory rows. */
    public static SliceReport find(SliceFeatures features, RowErrors errors, Options options) {
        return find(features, new LocalSliceCounter(features, errors, options.search().threads()), options);
    }

    /**
     * Finds slices with every pass over rows made by {@code counter} (Spark's, or {@link LocalSliceCounter});
     * {@code features} gives the features' names, levels and encoding notices.
     */
    public static SliceReport find(SliceFeatures features, SliceCounter counter, Options options) {
        SliceSearch.Params p = options.search();
        boolean byEffect = options.ranking() == Ranking.EFFECT;
        // Search deeper in the ranking than shown, so that collapsing children still leaves k findings.
        SliceSearch.Params wider = new SliceSearch.Params(p.maxDepth(), p.minSupport(), p.topK() * 2,
                byEffect ? EFFECT_SEARCH_ALPHA : p.alpha(), p.threads());
        SliceSearchResult result = SliceSearch.run(features, counter, wider);
        SliceCounter.Totals totals = counter.totals();
        boolean binary = totals.binary();
        SliceStats total = result.total();

        List<EvaluatedLevel> levels = result.levels();
        QValues family = QValues.of(levels, result.familySize());
        // Significant slices the search evaluated, so that the count and the listing speak of the same slices.
        java.util.Set<Long> significantKeys = new java.util.HashSet<>();
        boolean[][] significantAt = new boolean[levels.size()][];
        for (int l = 0; l < levels.size(); l++) {
            EvaluatedLevel level = levels.get(l);
            significantAt[l] = new boolean[level.size()];
            for (int i = 0; i < level.size(); i++) {
                if (level.inFamily(i) && family.qValue(level.pValue(i)) < options.fdr()) {
                    significantAt[l][i] = true;
                    significantKeys.add(level.key(i));
                }
            }
        }
        long significant = significantKeys.size();
        SliceSpace space = result.space();
        SliceScore shownScore = new SliceScore(p.alpha(), total.rate(), total.rows(), p.minSupport());
        List<ScoredSlice> candidates = candidates(result, significantAt, options, shownScore, space, binary);
        // The statistics of each candidate's ancestors, to find redundant children.
        Map<Long, SliceStats> statsOf = new LinkedHashMap<>();
        for (ScoredSlice s : candidates) {
            for (long ancestor : ancestors(space, s.slice().key())) {
                statsOf.put(ancestor, null);
            }
        }
        for (EvaluatedLevel level : levels) {
            for (int i = 0; i < level.size(); i++) {
                if (statsOf.containsKey(level.key(i))) {
                    statsOf.put(level.key(i), level.stats(i));
                }
            }
        }
        // Pairs of candidates with equal statistics, the only ones that may select the same rows, checked at once.
        Map<SliceStats, List<Integer>> byStats = new java.util.HashMap<>();
        List<Slice[]> pairs = new ArrayList<>();
        List<long[]> pairKeys = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            List<Integer> same = byStats.computeIfAbsent(candidates.get(i).stats(), k -> new ArrayList<>());
            for (int j : same) {
                pairs.add(new Slice[] {candidates.get(j).slice(), candidates.get(i).slice()});
                pairKeys.add(new long[] {candidates.get(j).slice().key(), candidates.get(i).slice().key()});
            }
            same.add(i);
        }
        boolean[] sameRows = pairs.isEmpty() ? new boolean[0] : counter.sameRows(pairs);
        java.util.Set<List<Long>> sameRowPairs = new java.util.HashSet<>();
        for (int j = 0; j < sameRows.length; j++) {
            if (sameRows[j]) {
                sameRowPairs.add(List.of(pairKeys.get(j)[0], pairKeys.get(j)[1]));
            }
        }
        List<SliceFinding> findings = new ArrayList<>();
        Map<Long, List<String>> collapsedInto = new LinkedHashMap<>();
        List<ScoredSlice> kept = new ArrayList<>();
        Map<SliceStats, List<ScoredSlice>> keptByStats = new java.util.HashMap<>();
        Map<Long, List<Long>> collapsedKeys = new LinkedHashMap<>();
        for (ScoredSlice s : candidates) {
            Long into = null;
            for (long ancestor : ancestors(space, s.slice().key())) {
                SliceStats a = statsOf.get(ancestor);
                if (a != null && a.rate() >= s.stats().rate()) {
                    into = ancestor;
                    break;
                }
            }
            if (into == null) {
                // The same rows under other names (espscot = scottish ∧ espeak) are one finding, not two. Only kept
                // slices with equal statistics can be (looked up by them: thousands of significant candidates made
                // a scan of every kept one quadratic).
                for (ScoredSlice earlier : keptByStats.getOrDefault(s.stats(), List.of())) {
                    if (sameRowPairs.contains(List.of(earlier.slice().key(), s.slice().key()))) {
                        into = earlier.slice().key();
                        break;
                    }
                }
            }
            if (into == null) {
                kept.add(s);
                keptByStats.computeIfAbsent(s.stats(), k -> new ArrayList<>()).add(s);
            } else {
                collapsedInto.computeIfAbsent(into, k -> new ArrayList<>()).add(s.slice().describe(features));
                collapsedKeys.computeIfAbsent(into, k -> new ArrayList<>()).add(s.slice().key());
            }
        }
        for (ScoredSlice s : kept) {
            if (findings.size() == p.topK()) {
                break;
            }
            SliceStats st = s.stats();
            SliceStats rest = total.minus(st);
            double pValue = SliceTests.pValueHigherThanRest(st, rest, binary);
            findings.add(new SliceFinding(findings.size() + 1, s.slice().predicates(features), st, st.rate(),
                    SliceTests.interval(st, binary, options.level()), rest.rate(), pValue, family.qValue(pValue),
                    shownScore.score(st), collapsedInto.getOrDefault(s.slice().key(), List.of())));
        }
        long listed = 0;
        long collapsed = 0;
        for (int i = 0; i < findings.size(); i++) {
            long key = kept.get(i).slice().key();
            listed += significantKeys.contains(key) ? 1 : 0;
            for (long c : collapsedKeys.getOrDefault(key, List.of())) {
                collapsed += significantKeys.contains(c) ? 1 : 0;
            }
        }
        SliceReport.Significant where = new SliceReport.Significant(listed, collapsed, significant - listed - collapsed);
        List<SliceReport.LevelSummary> summaries = new ArrayList<>();
        for (EvaluatedLevel level : levels) {
            summaries.add(new SliceReport.LevelSummary(level.depth(), level.generated(), level.prunedByBound(), level.size(),
                    level.familyBound(), level.familyCounted()));
        }
        List<String> notices = new ArrayList<>(features.notices());
        notices.addAll(result.notices());
        if (findings.isEmpty() && total.errors() > 0) {
            notices.add(significant > 0
                    ? significant + " slice(s) have q below " + options.fdr() + " but none was among the search's candidates; "
                            + "a SliceLine weight alpha nearer 1 (e.g. 0.999) lets smaller slices through"
                    : "no slice with at least " + p.minSupport() + " rows has an error high enough, for its size, to stand out");
        }
        return new SliceReport(totals.errorDescription(), total.rows(), Math.toIntExact(totals.excludedRows()), total, binary, features.names(), p,
                summaries, result.familySize(), result.familyCounted(), significant, where, options.fdr(), findings, notices, byEffect
                        ? "by how much worse than the rest a slice is at least (lower end of its " + Math.round(options.level() * 100)
                                + "% interval minus the rest's error); candidates: SliceLine's top at alpha " + EFFECT_SEARCH_ALPHA
                                + " and every slice with q below " + options.fdr()
                        : "by SliceLine's score at alpha " + p.alpha() + " (SystemDS), then slices with q below " + options.fdr());
    }

    /**
     * The slices to rank: the search's top slices, and every evaluated slice with q below the false discovery
     * rate (so that a significant slice is never left out because SliceLine scored it below 0), best first by
     * the ranking; with {@link Ranking#SLICELINE} the significant ones only fill a list shorter than asked.
     */
    private static List<ScoredSlice> candidates(SliceSearchResult result, boolean[][] significantAt, Options options, SliceScore score,
            SliceSpace space, boolean binary) {
        Map<Long, ScoredSlice> byKey = new LinkedHashMap<>();
        for (ScoredSlice s : result.top()) {
            byKey.put(s.slice().key(), s);
        }
        SliceStats total = result.total();
        List<ScoredSlice> significant = new ArrayList<>();
        for (int l = 0; l < result.levels().size(); l++) {
            EvaluatedLevel level = result.levels().get(l);
            for (int i = 0; i < level.size(); i++) {
                if (significantAt[l][i] && !byKey.containsKey(level.key(i))) {
                    SliceStats st = level.stats(i);
                    significant.add(new ScoredSlice(space.slice(level.key(i)), st, score.score(st)));
                }
            }
        }
        List<ScoredSlice> out = new ArrayList<>(byKey.values());
        if (options.ranking() == Ranking.EFFECT) {
            out.addAll(significant);
            java.util.Comparator<ScoredSlice> byLowerExcess = java.util.Comparator.comparingDouble(
                    s -> lowerExcess(s.stats(), total, binary, options.level()));
            out.sort(byLowerExcess.reversed().thenComparing(java.util.Comparator.comparingDouble(ScoredSlice::score).reversed()));
        } else if (out.size() < options.search().topK()) {
            significant.sort(java.util.Comparator.comparingDouble(ScoredSlice::score).reversed());
            out.addAll(significant.subList(0, Math.min(significant.size(), options.search().topK() - out.size())));
        }
        return out;
    }

    /**
     * How much worse than the rest a slice is at least: the lower end of its error's interval minus the
     * rest's error ({@code −∞} without an interval).
     */
    static double lowerExcess(SliceStats slice, SliceStats total, boolean binary, double level) {
        org.fairhunt.core.stats.Interval ci = SliceTests.interval(slice, binary, level);
        return ci == null ? Double.NEGATIVE_INFINITY : ci.lo() - total.minus(slice).rate();
    }

    /**
     * Benjamini–Hochberg q-values of a family given by the p-values known and an upper bound {@code m} of its
     * size, looked up by p-value: q is a non-decreasing function of p, so a finding's q is that of its p
     * within the family. With unknown members, the rank of a known p among the known ones is at most its
     * true rank and {@code m} at least the true size, so each term {@code m·p/rank} and hence q is at least
     * the exact BH q: valid, conservative, and exact when every member is known.
     */
    static final class QValues {
        private final double[] sorted;
        private final double[] q;

        private QValues(double[] sorted, long m) {
            if (m < sorted.length) {
                throw new IllegalArgumentException("family bound " + m + " below the " + sorted.length + " p-values known");
            }
            this.sorted = sorted;
            q = new double[sorted.length];
            double running = 1;
            for (int j = sorted.length - 1; j >= 0; j--) {
                running = Math.min(running, sorted[j] * m / (j + 1));
                q[j] = running;
            }
        }

        static QValues of(List<EvaluatedLevel> levels, long familySize) {
            int m = 0;
            for (EvaluatedLevel level : levels) {
                for (double p : level.familyPValues()) {
                    if (!Double.isNaN(p)) {
                        m++;
                    }
                }
            }
            double[] all = new double[m];
            int at = 0;
            for (EvaluatedLevel level : levels) {
                for (double p : level.familyPValues()) {
                    if (!Double.isNaN(p)) {
                        all[at++] = p;
                    }
                }
            }
            java.util.Arrays.sort(all);
            return new QValues(all, familySize);
        }

        /** Exact BH over the given p-values (NaN left out); for tests. */
        static QValues exact(double[] pValues) {
            double[] all = java.util.Arrays.stream(pValues).filter(v -> !Double.isNaN(v)).sorted().toArray();
            return new QValues(all, all.length);
        }

        /** The q-value of a p-value of the family (NaN for NaN). */
        double qValue(double p) {
            if (Double.isNaN(p) || sorted.length == 0) {
                return Double.NaN;
            }
            // The last family member not above p, allowing for rounding in how p was recomputed.
            double key = p * (1 + 1e-12) + Double.MIN_NORMAL;
            int lo = 0;
            int hi = sorted.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= key) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found < 0 ? Math.min(1, q[0]) : q[found];
        }

    }

    /** Keys of every proper, non-empty subset of a slice's predicates, larger subsets first. */
    static List<Long> ancestors(SliceSpace space, long key) {
        int[] ids = space.ids(key);
        int d = ids.length;
        List<long[]> bySize = new ArrayList<>();
        for (int mask = 1; mask < (1 << d) - 1; mask++) {
            int[] sub = new int[Integer.bitCount(mask)];
            int k = 0;
            for (int j = 0; j < d; j++) {
                if ((mask & (1 << j)) != 0) {
                    sub[k++] = ids[j];
                }
            }
            bySize.add(new long[] {sub.length, space.key(sub, sub.length)});
        }
        bySize.sort((a, b) -> Long.compare(b[0], a[0]));
        List<Long> out = new ArrayList<>();
        for (long[] e : bySize) {
            out.add(e[1]);
        }
        return out;
    }
}

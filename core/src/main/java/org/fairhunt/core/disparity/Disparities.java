package org.fairhunt.core.disparity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.MetricSeries;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.result.DisparityKind;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.ResultMaps;
import org.fairhunt.core.stats.BootstrapIntervals;
import org.fairhunt.core.stats.Critical;
import org.fairhunt.core.stats.Interval;
import org.fairhunt.core.stats.IntervalMethod;
import org.fairhunt.core.stats.MultipleTesting;
import org.fairhunt.core.stats.Proportions;
import org.fairhunt.core.stats.TwoProportions;

/**
 * Computes the disparities of an audit run.
 *
 * <p><b>Differences.</b> A proportion of unweighted, unclustered counts gets Newcombe's interval and the
 * pooled z-test, with or without the bootstrap (closed forms keep their power: a percentile p-value
 * cannot fall below 2/(B+1)). A clustered proportion gets the same construction from each side's
 * cluster-robust Wilson interval (design effect from the cluster bootstrap, t on G − 1 degrees of freedom).
 * Any other metric, or weighted rows, with the bootstrap: the difference ± a critical value times its
 * bootstrap standard error (recomputed in every replicate, slice and reference from the same replicate);
 * the p-value inverts that interval, so the two never disagree and the p-value has no floor.
 *
 * <p><b>Ratios</b> get Katz's log interval (closed form) or the percentile interval of the replicate ratios;
 * a ratio tests the same hypothesis as the difference of the same pair ("the two values are equal"), so
 * it carries the difference's p-value and q-value and counts once in Benjamini–Hochberg.
 *
 * <p><b>{@code max_gap}</b> is derived from simultaneous intervals on every pairwise difference of the
 * attribute set (Šidák over the {@code k(k−1)/2} pairs, each pair as above): the gap lies in
 * {@code [max(0, max lo_ij), max hi_ij]} with the stated confidence, and its p-value is the Šidák-adjusted
 * smallest pairwise p-value, so the interval excludes 0 exactly when the p-value is below α. The point
 * value stays max − min, which is biased upward for small slices (the largest of several noisy
 * differences); the interval is not.
 *
 * <p><b>{@code --reference best} and {@code worst}</b> pick the reference from the data, so its comparisons
 * are read as comparisons with the truly best slice, using Hsu's multiple comparisons with the best
 * (Hsu 1984): {@code θ_i − max_j θ_j} lies in {@code [min(0, min_j lo_ij), min(0, min_j hi_ij)]} from the same
 * simultaneous pairwise intervals (ratios alike on the log scale), so the winner's curse does not fail
 * fair models.
 */
public final class Disparities {
    /** How the JSON describes the method (settings.disparities.method). */
    public static final String METHOD_DESCRIPTION = "difference and ratio of each slice to the reference slice of its "
            + "attribute set, and the max-min gap per attribute set; differences of proportions of unweighted counts: "
            + "Newcombe hybrid score interval and pooled z-test (with or without bootstrap replicates), for clustered rows "
            + "built from design-effect Wilson intervals with t on G-1 df; other metrics with bootstrap replicates: estimate +- critical "
            + "value x bootstrap standard error, p-value inverting it; ratios: Katz log interval or the studentized "
            + "bootstrap interval of the log ratio, sharing the difference's p-value (one hypothesis per pair); max_gap: [max(0, max lo_ij), max hi_ij] "
            + "over Sidak-simultaneous pairwise difference intervals, p-value the Sidak-adjusted smallest pairwise "
            + "p-value (point value max-min, biased upward for small slices); a reference chosen as best or worst: Hsu's multiple "
            + "comparisons with the best; q-values: Benjamini-Hochberg across all hypotheses (difference and ratio of "
            + "one pair counted once)";

    /** The method prefix of comparisons with a reference chosen from the data (Hsu's simultaneous intervals). */
    public static final String WITH_THE_BEST = "hsu_mcb";

    private final AuditRun run;
    private final double level;
    private final boolean bootstrap;
    private final boolean weighted;
    private final boolean clustered;
    private final int replicates;
    /** Each slice's attributes as the result's read-only map, made once and shared by its comparisons. */
    private final Map<String, String>[] sliceMaps;

    private Disparities(AuditRun run, double level) {
        this.run = run;
        this.level = level;
        this.replicates = run.estimates();
        this.bootstrap = replicates > 1;
        this.weighted = run.spec().weight() != null;
        this.clustered = run.spec().cluster() != null;
        @SuppressWarnings("unchecked")
        Map<String, String>[] maps = new Map[run.slices().size()];
        this.sliceMaps = maps;
    }

    /** Slice {@code i}'s attributes, as every comparison naming it holds them. */
    private Map<String, String> attributes(int i) {
        Map<String, String> m = sliceMaps[i];
        if (m == null) {
            m = ResultMaps.copy(run.slices().get(i).asMap());
            sliceMaps[i] = m;
        }
        return m;
    }

    /** The critical value of the reported level on {@code df} degrees of freedom (0: normal), by df. */
    private final Map<Integer, Double> pairCritical = new java.util.HashMap<>();

    /**
     * {@code model.atAlpha(1 − level)}, its critical value computed once per df rather than once per comparison (a
     * normal or t quantile; the same call, the same value).
     */
    private Interval atLevel(PairModel model) {
        double alpha = 1 - level;
        double c = pairCritical.computeIfAbsent(model.df(), df -> Critical.value(alpha, df));
        return model.interval().at(c, 1 - alpha);
    }

    /**
     * Every disparity of {@code series} (sizes, such as {@code count}, are skipped), with q-values.
     *
     * @param run       the engine's run
     * @param series    the metrics to compare
     * @param reference how reference slices are chosen (unknown attributes and values are user errors)
     * @param level     confidence level of the intervals
     */
    public static List<Disparity> compute(AuditRun run, List<MetricSeries> series, ReferenceChoice reference, double level) {
        Map<List<String>, List<Integer>> sets = attributeSets(run);
        validate(run, reference, sets);
        Disparities d = new Disparities(run, level);
        List<Disparity> out = new ArrayList<>();
        for (MetricSeries m : series) {
            if (m.info().isSize()) {
                continue;
            }
            for (List<Integer> slices : sets.values()) {
                d.compareSet(m, slices, reference, out);
            }
        }
        // compareSet adds each ratio right after the difference of the same metric, slice and reference, and no
        // two differences here share those (a slice has one reference per metric): the pairs withQValues finds
        // by key, known without hashing a key of two maps per comparison.
        int[] sharesWith = new int[out.size()];
        for (int i = 0; i < sharesWith.length; i++) {
            sharesWith[i] = sharesWithPrevious(out.get(i), i);
        }
        return withQValues(out, sharesWith);
    }

    // The bodies of loops over every comparison are methods of their own: a loop in a method called once runs in the
    // interpreter to its end (C1 replaces a running loop only after some 60,000 iterations), while a method called
    // per comparison is compiled after a few hundred calls.

    private static int sharesWithPrevious(Disparity d, int i) {
        return d.kind() == Disparity.RATIO ? i - 1 : -1;
    }

    private static double pValueCounted(Disparity d, int sharesWith) {
        return sharesWith >= 0 || d.pValue() == null ? Double.NaN : d.pValue();
    }

    private static Disparity withQValueOf(Disparity d, int i, int sharesWith, double[] q) {
        double qi = sharesWith >= 0 && d.pValue() != null ? q[sharesWith] : q[i];
        return d.withQValue(Double.isNaN(qi) ? null : qi);
    }

    /** The slices of each attribute set (the overall population left out), in slice order. */
    public static Map<List<String>, List<Integer>> attributeSets(AuditRun run) {
        Map<List<String>, List<Integer>> sets = new LinkedHashMap<>();
        for (int i = 0; i < run.slices().size(); i++) {
            SliceKey key = run.slices().get(i);
            if (!key.isOverall()) {
                sets.computeIfAbsent(key.attributes(), k -> new ArrayList<>()).add(i);
            }
        }
        return sets;
    }

    private static void validate(AuditRun run, ReferenceChoice reference, Map<List<String>, List<Integer>> sets) {
        List<String> groups = run.spec().groups();
        for (Map.Entry<String, String> e : reference.fixed().entrySet()) {
            if (!groups.contains(e.getKey())) {
                throw new UserInputException("--reference names attribute '" + e.getKey() + "', which is not audited; the group "
                        + "attributes are: " + String.join(", ", groups));
            }
            Set<String> values = new LinkedHashSet<>();
            for (int i : sets.get(List.of(e.getKey()))) {
                values.add(run.slices().get(i).values().get(0));
            }
            if (!values.contains(e.getValue())) {
                throw new UserInputException("--reference " + e.getKey() + "=" + e.getValue() + ": attribute '" + e.getKey()
                        + "' never takes that value; its values are: " + String.join(", ", values));
            }
        }
    }

    /**
     * Sets q-values: Benjamini–Hochberg over every non-null p-value in {@code disparities}, a ratio
     * counting as the same hypothesis as the difference of the same metric, slice and reference (it takes
     * that difference's q-value; a ratio without a matching difference counts on its own).
     */
    public static List<Disparity> withQValues(List<Disparity> disparities) {
        Map<List<Object>, Integer> differences = new java.util.HashMap<>();
        for (int i = 0; i < disparities.size(); i++) {
            Disparity d = disparities.get(i);
            if (d.kind().equals(Disparity.DIFFERENCE)) {
                differences.put(pairKey(d), i);
            }
        }
        int[] sharesWith = new int[disparities.size()];
        for (int i = 0; i < sharesWith.length; i++) {
            Disparity d = disparities.get(i);
            Integer diff = d.kind().equals(Disparity.RATIO) ? differences.get(pairKey(d)) : null;
            sharesWith[i] = diff == null ? -1 : diff;
        }
        return withQValues(disparities, sharesWith);
    }

    /** {@link #withQValues(List)} with each ratio's difference given ({@code sharesWith[i]}, or −1: none). */
    private static List<Disparity> withQValues(List<Disparity> disparities, int[] sharesWith) {
        double[] p = new double[disparities.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = pValueCounted(disparities.get(i), sharesWith[i]);
        }
        double[] q = MultipleTesting.benjaminiHochberg(p);
        List<Disparity> out = new ArrayList<>(disparities.size());
        for (int i = 0; i < q.length; i++) {
            out.add(withQValueOf(disparities.get(i), i, sharesWith[i], q));
        }
        return out;
    }

    private static List<Object> pairKey(Disparity d) {
        return java.util.Arrays.asList(d.metric(), d.attributes(), d.reference());
    }

    private void compareSet(MetricSeries m, List<Integer> slices, ReferenceChoice reference, List<Disparity> out) {
        int ref = referenceSlice(m, slices, reference);
        Family family = new Family(m, slices);
        boolean fromData = reference.strategy() != ReferenceChoice.Strategy.LARGEST
                && !reference.fixed().keySet().containsAll(run.slices().get(slices.get(0)).attributes());
        for (int i : slices) {
            if (i != ref) {
                Disparity diff = difference(m, i, ref, family, fromData, reference);
                out.add(diff);
                out.add(ratio(m, i, ref, diff.pValue(), family, fromData, reference));
            }
        }
        out.add(maxGap(m, family));
    }

    /** The reference slice of one attribute set for metric {@code m}. */
    int referenceSlice(MetricSeries m, List<Integer> slices, ReferenceChoice reference) {
        SliceKey first = run.slices().get(slices.get(0));
        if (reference.fixed().keySet().containsAll(first.attributes())) {
            for (int i : slices) {
                SliceKey key = run.slices().get(i);
                boolean match = true;
                for (int a = 0; a < key.depth(); a++) {
                    match &= reference.fixed().get(key.attributes().get(a)).equals(key.values().get(a));
                }
                if (match) {
                    return i;
                }
            }
            // The combination of fixed values has no rows in this intersection: fall back to the strategy.
        }
        int largest = slices.get(0);
        for (int i : slices) {
            if (run.sliceRows()[i] > run.sliceRows()[largest]) {
                largest = i;
            }
        }
        if (reference.strategy() == ReferenceChoice.Strategy.LARGEST) {
            return largest;
        }
        boolean higherBetter = !Boolean.FALSE.equals(m.info().higherIsBetter());
        boolean wantHigh = (reference.strategy() == ReferenceChoice.Strategy.BEST) == higherBetter;
        int chosen = -1;
        double chosenValue = Double.NaN;
        for (int i : slices) {
            MetricValue v = m.value(i, 0);
            if (v.defined() && (chosen < 0 || (wantHigh ? v.value() > chosenValue : v.value() < chosenValue))) {
                chosen = i;
                chosenValue = v.value();
            }
        }
        return chosen < 0 ? largest : chosen;
    }

    /** Whether the data-chosen reference of {@code strategy} is the highest value (else the lowest). */
    private static boolean referenceIsHighest(MetricSeries m, ReferenceChoice.Strategy strategy) {
        boolean higherBetter = !Boolean.FALSE.equals(m.info().higherIsBetter());
        return (strategy == ReferenceChoice.Strategy.BEST) == higherBetter;
    }

    /** An interval for a given critical value (and the level it is reported at). */
    @FunctionalInterface
    interface CriticalInterval {
        Interval at(double critical, double level);
    }

    /**
     * One pairwise comparison (a difference, or a log ratio) at any critical value, or the reason there is
     * none. {@code df} > 0: critical values and p-values come from t on {@code df} degrees of freedom.
     */
    record PairModel(CriticalInterval interval, int df, IntervalMethod method, String reason) {
        static PairModel none(String reason) {
            return new PairModel(null, 0, null, reason);
        }

        /** The two-sided interval with error rate {@code alpha}. */
        Interval atAlpha(double alpha) {
            return interval.at(Critical.value(alpha, df), 1 - alpha);
        }

        /** The p-value of "no difference" (log ratio 0) that agrees with the interval. */
        double pValue() {
            return Critical.invert(c -> interval.at(c, 0.5), 0, df);
        }
    }

    /** One slice's value at any critical value, or the reason there is none; {@code df} as for {@link PairModel}. */
    record SliceModel(java.util.function.DoubleFunction<Interval> interval, int df, IntervalMethod method, String reason) {
        static SliceModel none(String reason) {
            return new SliceModel(null, 0, null, reason);
        }
    }

    /**
     * Up to this many slices in an attribute set, {@code max_gap} and comparisons with the best come from
     * simultaneous intervals on every pair (sharper); beyond it from simultaneous intervals on every slice
     * (Šidák over k, O(k) instead of O(k²) pairs; also valid, somewhat wider for few slices, alike for many).
     */
    static final int PAIRWISE_UP_TO = 40;

    /** The slices of one attribute set for one metric, with their replicate values read once. */
    private final class Family {
        final MetricSeries m;
        final List<Integer> slices;
        final List<Integer> defined = new ArrayList<>();
        private final Map<Integer, double[]> replicateValues = new java.util.HashMap<>();
        private double icc = Double.NaN;
        private List<SliceModel> singleModels;
        private String singleReason;
        private Interval[] simultaneous;
        private final Map<String, int[]> topTwo = new java.util.HashMap<>();

        /** Indices of the two most extreme interval ends ({@code upper} ends or lower ends, highest or lowest). */
        int[] topTwo(Interval[] all, boolean highest, boolean upper) {
            return topTwo.computeIfAbsent(highest + "/" + upper, key -> {
                int first = -1;
                int second = -1;
                for (int idx = 0; idx < all.length; idx++) {
                    double v = upper ? all[idx].hi() : all[idx].lo();
                    if (first < 0 || better(v, upper ? all[first].hi() : all[first].lo(), highest)) {
                        second = first;
                        first = idx;
                    } else if (second < 0 || better(v, upper ? all[second].hi() : all[second].lo(), highest)) {
                        second = idx;
                    }
                }
                return new int[] {first, second};
            });
        }

        /** Each slice's point estimate and proportion (read-only), by slice index, evaluated once for all its pairs. */
        private final MetricValue[] values;
        private final double[][] proportions;
        private final boolean[] proportionRead;

        Family(MetricSeries m, List<Integer> slices) {
            this.m = m;
            this.slices = slices;
            int all = run.slices().size();
            values = new MetricValue[all];
            proportions = new double[all][];
            proportionRead = new boolean[all];
            for (int i : slices) {
                MetricValue v = m.value(i, 0);
                values[i] = v;
                if (v.defined()) {
                    defined.add(i);
                }
            }
        }

        /** {@code m.value(slice, 0)}. */
        MetricValue value(int slice) {
            MetricValue v = values[slice];
            if (v == null) {
                v = m.value(slice, 0);
                values[slice] = v;
            }
            return v;
        }

        /** {@code m.proportion(slice, 0)} (not to be modified). */
        double[] proportion(int slice) {
            if (!proportionRead[slice]) {
                proportions[slice] = m.proportion(slice, 0);
                proportionRead[slice] = true;
            }
            return proportions[slice];
        }

        private String noClosedForm;

        /** {@link #noClosedFormReason} of the family's metric, made once (every pair of a non-proportion says it). */
        String noClosedForm() {
            if (noClosedForm == null) {
                noClosedForm = noClosedFormReason(m.info().metricName());
            }
            return noClosedForm;
        }

        /** The number of pairs among the defined slices. */
        int pairs() {
            return defined.size() * (defined.size() - 1) / 2;
        }

        double point(int slice) {
            return value(slice).value();
        }

        double[] replicates(int slice) {
            return replicateValues.computeIfAbsent(slice, s -> {
                double[] out = new double[replicates - 1];
                for (int b = 1; b < replicates; b++) {
                    MetricValue v = m.value(s, b);
                    out[b - 1] = v.defined() ? v.value() : Double.NaN;
                }
                return out;
            });
        }

        /** Each slice's last Wilson interval and the critical value and level it was made at (see {@link #wilson}). */
        private Interval[] wilsons;
        private long[] wilsonAt;
        private long[] wilsonLevel;

        /**
         * {@code Proportions.wilson(p, n, c, lv, WILSON)} for {@code slice}, remembered for the last {@code (c, lv)}:
         * every pair of a family at one critical value (the Šidák interval, a probe of {@link #smallestP}) shares
         * its slices' intervals, so k of them are computed instead of two per pair; the same call, the same value.
         */
        Interval wilson(int slice, double p, double n, double c, double lv) {
            if (wilsons == null) {
                wilsons = new Interval[run.slices().size()];
                wilsonAt = new long[wilsons.length];
                wilsonLevel = new long[wilsons.length];
            }
            long cBits = Double.doubleToRawLongBits(c);
            long lvBits = Double.doubleToRawLongBits(lv);
            Interval w = wilsons[slice];
            if (w != null && wilsonAt[slice] == cBits && wilsonLevel[slice] == lvBits) {
                return w;
            }
            w = Proportions.wilson(p, n, c, lv, IntervalMethod.WILSON);
            wilsons[slice] = w;
            wilsonAt[slice] = cBits;
            wilsonLevel[slice] = lvBits;
            return w;
        }

        /** The model of {@code value(i) − value(j)}; both values defined. */
        PairModel difference(int i, int j) {
            double pi = point(i);
            double pj = point(j);
            double d = pi - pj;
            double[] a = weighted ? null : proportion(i);
            double[] b = weighted ? null : proportion(j);
            if (a != null && b != null && !clustered) {
                return new PairModel((c, lv) -> TwoProportions.mover(pi, wilson(i, pi, a[1], c, lv), pj, wilson(j, pj, b[1], c, lv),
                        IntervalMethod.NEWCOMBE), 0, IntervalMethod.NEWCOMBE, null);
            }
            if (!bootstrap) {
                return PairModel.none(noClosedForm());
            }
            if (run.hasSingleCluster(i) || run.hasSingleCluster(j)) {
                return PairModel.none(MetricEstimate.SINGLE_CLUSTER_REASON.replace("the slice holds", "the slice or its reference holds"));
            }
            int g = clustered ? Math.min(run.clusterCount(i), run.clusterCount(j)) : 0;
            int df = clustered ? g - 1 : 0;
            if (a != null && b != null) {
                double vi = BootstrapIntervals.variance(replicates(i));
                double vj = BootstrapIntervals.variance(replicates(j));
                if (Double.isNaN(vi) || Double.isNaN(vj)) {
                    return PairModel.none(UNDEFINED_REPLICATES);
                }
                if (Double.isNaN(icc)) {
                    icc = run.intraclassCorrelation(m);
                }
                double ni = Proportions.effectiveSize(pi, a[1], vi, run.clusterCount(i), icc);
                double nj = Proportions.effectiveSize(pj, b[1], vj, run.clusterCount(j), icc);
                return new PairModel((c, lv) -> TwoProportions.mover(pi, Proportions.wilson(pi, ni, c, lv, IntervalMethod.WILSON), pj,
                        Proportions.wilson(pj, nj, c, lv, IntervalMethod.WILSON), IntervalMethod.NEWCOMBE_DESIGN_EFFECT), df, IntervalMethod.NEWCOMBE_DESIGN_EFFECT,
                        null);
            }
            double[] ri = replicates(i);
            double[] rj = replicates(j);
            double[] diff = new double[ri.length];
            for (int k = 0; k < diff.length; k++) {
                diff[k] = ri[k] - rj[k];
            }
            return studentized(d, diff, g, df, IntervalMethod.BOOTSTRAP_STUDENTIZED);
        }

        /** The model of {@code log(value(i) / value(j))}; both values defined. */
        PairModel logRatio(int i, int j) {
            double pi = point(i);
            double pj = point(j);
            if (!(pi > 0 && pj > 0)) {
                return PairModel.none(pj == 0 ? "the reference value is 0, so the ratio is undefined"
                        : "a value is 0, so the log ratio has no interval");
            }
            double lr = Math.log(pi / pj);
            double[] a = weighted ? null : proportion(i);
            double[] b = weighted ? null : proportion(j);
            if (a != null && b != null && !clustered) {
                double se = Math.sqrt(Math.max(0, 1 / a[0] - 1 / a[1] + 1 / b[0] - 1 / b[1]));
                if (!(se > 0)) {
                    return PairModel.none("both values are 100%, where the log interval has no width; the difference's "
                            + "interval says how far apart they may be");
                }
                return new PairModel((c, lv) -> new Interval(lr - c * se, lr + c * se, lv, IntervalMethod.KATZ_LOG), 0, IntervalMethod.KATZ_LOG, null);
            }
            if (!bootstrap) {
                return PairModel.none(noClosedForm());
            }
            if (run.hasSingleCluster(i) || run.hasSingleCluster(j)) {
                return PairModel.none(MetricEstimate.SINGLE_CLUSTER_REASON.replace("the slice holds", "the slice or its reference holds"));
            }
            double[] ri = replicates(i);
            double[] rj = replicates(j);
            double[] logs = new double[ri.length];
            for (int k = 0; k < logs.length; k++) {
                logs[k] = ri[k] > 0 && rj[k] > 0 ? Math.log(ri[k] / rj[k]) : Double.NaN;
            }
            int g = clustered ? Math.min(run.clusterCount(i), run.clusterCount(j)) : 0;
            return studentized(lr, logs, g, clustered ? g - 1 : 0, IntervalMethod.BOOTSTRAP_STUDENTIZED_LOG);
        }

        /** The model of one slice's value at any critical value (for many slices, where pairs would be too many). */
        SliceModel single(int i) {
            double p = point(i);
            double[] a = weighted ? null : proportion(i);
            if (a != null && !clustered) {
                return new SliceModel(c -> Proportions.wilson(p, a[1], c, level, IntervalMethod.WILSON), 0, IntervalMethod.WILSON,
                        null);
            }
            if (!bootstrap) {
                return SliceModel.none(noClosedForm());
            }
            if (run.hasSingleCluster(i)) {
                return SliceModel.none(MetricEstimate.SINGLE_CLUSTER_REASON.replace("the slice holds", "a slice holds"));
            }
            double variance = BootstrapIntervals.variance(replicates(i));
            if (Double.isNaN(variance)) {
                return SliceModel.none(UNDEFINED_REPLICATES);
            }
            int g = clustered ? run.clusterCount(i) : 0;
            if (a != null) {
                if (Double.isNaN(icc)) {
                    icc = run.intraclassCorrelation(m);
                }
                double n = Proportions.effectiveSize(p, a[1], variance, g, icc);
                return new SliceModel(c -> Proportions.wilson(p, n, c, level, IntervalMethod.WILSON_DESIGN_EFFECT), g - 1,
                        IntervalMethod.WILSON_DESIGN_EFFECT, null);
            }
            if (!(variance > 0)) {
                return SliceModel.none(BootstrapIntervals.SAME_IN_EVERY_REPLICATE);
            }
            double se = Math.sqrt(g > 1 ? variance * g / (g - 1.0) : variance);
            return new SliceModel(c -> new Interval(p - c * se, p + c * se, level, IntervalMethod.BOOTSTRAP_STUDENTIZED),
                    clustered ? g - 1 : 0, IntervalMethod.BOOTSTRAP_STUDENTIZED, null);
        }

        /** The slice models of every defined slice, or the first reason one has none. */
        List<SliceModel> singles() {
            if (singleModels == null) {
                singleModels = new ArrayList<>();
                for (int i : defined) {
                    SliceModel model = single(i);
                    singleModels.add(model);
                    if (model.reason() != null) {
                        singleReason = model.reason();
                        break;
                    }
                }
            }
            return singleModels;
        }

        /** The smallest degrees of freedom of the slice models (0: normal). */
        int singlesDf() {
            int df = Integer.MAX_VALUE;
            for (SliceModel model : singles()) {
                df = Math.min(df, model.df());
            }
            return df == Integer.MAX_VALUE ? 0 : df;
        }

        private PairModel studentized(double estimate, double[] reps, int clusters, int df, IntervalMethod method) {
            double variance = BootstrapIntervals.variance(reps);
            if (Double.isNaN(variance)) {
                return PairModel.none(UNDEFINED_REPLICATES);
            }
            if (!(variance > 0)) {
                return PairModel.none(BootstrapIntervals.SAME_IN_EVERY_REPLICATE);
            }
            // The bootstrap variance of a mean of G clusters has divisor G; G/(G−1) makes it the usual unbiased one.
            double se = Math.sqrt(clusters > 1 ? variance * clusters / (clusters - 1.0) : variance);
            return new PairModel((c, lv) -> new Interval(estimate - c * se, estimate + c * se, lv, method), df, method, null);
        }
    }

    private static final String UNDEFINED_REPLICATES =
            "the comparison is undefined in too many bootstrap replicates (slice too small or one-sided)";

    private Disparity difference(MetricSeries m, int slice, int ref, Family family, boolean fromData,
            ReferenceChoice reference) {
        return pairwise(m, slice, ref, false, null, family, fromData, reference);
    }

    private Disparity ratio(MetricSeries m, int slice, int ref, Double differenceP, Family family, boolean fromData,
            ReferenceChoice reference) {
        return pairwise(m, slice, ref, true, differenceP, family, fromData, reference);
    }

    private Disparity pairwise(MetricSeries m, int slice, int ref, boolean isRatio, Double differenceP, Family family,
            boolean fromData, ReferenceChoice reference) {
        DisparityKind kind = isRatio ? Disparity.RATIO : Disparity.DIFFERENCE;
        String metric = m.info().metricName();
        MetricValue v = family.value(slice);
        MetricValue r = family.value(ref);
        long n = run.sliceRows()[slice];
        long refN = run.sliceRows()[ref];
        boolean tooSmall = n < run.spec().minGroupSize() || refN < run.spec().minGroupSize();
        Map<String, String> attrs = attributes(slice);
        Map<String, String> refAttrs = attributes(ref);
        String reason = undefinedReason(v, slice, r, ref);
        if (reason == null && isRatio && r.value() == 0) {
            reason = "the reference value is 0, so the ratio is undefined";
        }
        if (reason != null) {
            return new Disparity(metric, attrs, refAttrs, kind, null, null, null, null, null, reason, n, refN, tooSmall, null,
                    null, null);
        }
        double value = isRatio ? v.value() / r.value() : v.value() - r.value();
        PairModel model = isRatio ? family.logRatio(slice, ref) : family.difference(slice, ref);
        Interval ci = null;
        double p = Double.NaN;
        String method = model.method() == null ? null : model.method().word();
        reason = model.reason();
        if (reason == null) {
            Interval pair = atLevel(model);
            ci = isRatio ? new Interval(Math.exp(pair.lo()), Math.exp(pair.hi()), level, pair.method()) : pair;
            if (isRatio) {
                p = differenceP == null ? model.pValue() : differenceP;
            } else if ("newcombe".equals(method)) {
                double[] a = family.proportion(slice);
                double[] b = family.proportion(ref);
                p = TwoProportions.zTestPValue(a[0], a[1], b[0], b[1]);
            } else {
                p = model.pValue();
            }
            if (fromData) {
                String why = family.defined.contains(slice) && family.defined.contains(ref) ? null : "undefined";
                Interval best = why == null ? withTheBest(family, slice, isRatio, referenceIsHighest(m, reference.strategy()))
                        : null;
                if (best == null) {
                    ci = null;
                    reason = "some slice of the attribute set has no interval against this one, so the comparison with the "
                            + "best (chosen from the data) has none";
                } else {
                    ci = best;
                    method = WITH_THE_BEST + "_" + method;
                }
            }
        }
        return new Disparity(metric, attrs, refAttrs, kind, value, ci == null ? null : ci.lo(), ci == null ? null : ci.hi(),
                Double.isNaN(p) ? null : p, null, reason, n, refN, tooSmall, method, null, null);
    }

    /**
     * Hsu's interval for {@code θ_i − max_j θ_j} (or {@code min_j} when the reference is the lowest; ratios
     * {@code θ_i / max_j θ_j} on the log scale), from the Šidák-simultaneous pairwise intervals of the
     * family; {@code null} when a pair has none.
     */
    private Interval withTheBest(Family family, int slice, boolean isRatio, boolean highest) {
        if (family.defined.size() > PAIRWISE_UP_TO) {
            return sliceWiseWithTheBest(family, slice, isRatio, highest);
        }
        double alpha = Critical.sidakAlpha(1 - level, family.pairs());
        double lo = 0;
        double hi = 0;
        double loAll = highest ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        double hiAll = loAll;
        for (int j : family.defined) {
            if (j == slice) {
                continue;
            }
            PairModel model = isRatio ? family.logRatio(slice, j) : family.difference(slice, j);
            if (model.reason() != null) {
                return null;
            }
            Interval ci = model.atAlpha(alpha);
            loAll = highest ? Math.min(loAll, ci.lo()) : Math.max(loAll, ci.lo());
            hiAll = highest ? Math.min(hiAll, ci.hi()) : Math.max(hiAll, ci.hi());
        }
        if (Double.isInfinite(loAll)) {
            return null;
        }
        lo = highest ? Math.min(0, loAll) : Math.max(0, loAll);
        hi = highest ? Math.min(0, hiAll) : Math.max(0, hiAll);
        return isRatio ? new Interval(Math.exp(lo), Math.exp(hi), level, IntervalMethod.HSU_MCB)
                : new Interval(lo, hi, level, IntervalMethod.HSU_MCB);
    }

    private String noClosedFormReason(String metric) {
        if (clustered) {
            return "clustered data need the bootstrap for an honest interval; ask for bootstrap replicates";
        }
        return weighted ? "weighted rows have no closed-form interval; ask for bootstrap replicates"
                : "'" + metric + "' is not a proportion of counts, so it has no closed-form interval; ask for bootstrap replicates";
    }

    private String undefinedReason(MetricValue v, int slice, MetricValue r, int ref) {
        if (!v.defined()) {
            return "undefined in " + run.slices().get(slice).label() + ": " + v.reason();
        }
        if (!r.defined()) {
            return "undefined in the reference " + run.slices().get(ref).label() + ": " + r.reason();
        }
        return null;
    }

    /**
     * The largest gap of one attribute set: max − min of the defined values as the point value, and the
     * interval and p-value from the Šidák-simultaneous pairwise differences (see the class comment). The
     * one owner of "largest gap": reports read these rows rather than recomputing them.
     */
    private Disparity maxGap(MetricSeries m, Family family) {
        String metric = m.info().metricName();
        SliceKey first = run.slices().get(family.slices.get(0));
        Map<String, String> attrs = new LinkedHashMap<>();
        first.attributes().forEach(a -> attrs.put(a, ""));
        List<Integer> defined = family.defined;
        boolean tooSmall = false;
        for (int i : defined) {
            tooSmall |= run.sliceRows()[i] < run.spec().minGroupSize();
        }
        if (defined.size() < 2) {
            return new Disparity(metric, attrs, null, Disparity.MAX_GAP, null, null, null, null, null,
                    "fewer than two slices have a defined value", null, null, tooSmall, null, null, null);
        }
        int hiK = 0;
        int loK = 0;
        for (int k = 0; k < defined.size(); k++) {
            double v = family.point(defined.get(k));
            if (v > family.point(defined.get(hiK))) {
                hiK = k;
            }
            if (v < family.point(defined.get(loK))) {
                loK = k;
            }
        }
        double value = family.point(defined.get(hiK)) - family.point(defined.get(loK));
        int best = Boolean.FALSE.equals(m.info().higherIsBetter()) ? defined.get(loK) : defined.get(hiK);
        if (defined.size() > PAIRWISE_UP_TO) {
            return sliceWiseGap(m, family, attrs, value, best, hiK, loK, tooSmall);
        }
        int pairs = family.pairs();
        double alpha = Critical.sidakAlpha(1 - level, pairs);
        double lo = 0;
        double hi = 0;
        String method = null;
        String reason = null;
        List<PairModel> models = new ArrayList<>(pairs);
        int extreme = -1;
        int criticalDf = -1;
        double critical = Double.NaN;
        for (int a = 0; a < defined.size() && reason == null; a++) {
            for (int b = a + 1; b < defined.size() && reason == null; b++) {
                PairModel model = family.difference(defined.get(a), defined.get(b));
                if (model.reason() != null) {
                    reason = model.reason();
                    break;
                }
                if (model.df() != criticalDf) { // the quantile once per df, not once per pair (the same value)
                    criticalDf = model.df();
                    critical = Critical.value(alpha, criticalDf);
                }
                Interval ci = model.interval().at(critical, 1 - alpha);
                lo = Math.max(lo, Math.max(ci.lo(), -ci.hi()));
                hi = Math.max(hi, Math.max(ci.hi(), -ci.lo()));
                if ((a == loK && b == hiK) || (a == hiK && b == loK)) {
                    extreme = models.size();
                }
                models.add(model);
                method = "sidak_" + model.method().word();
            }
        }
        Double loOut = reason == null ? lo : null;
        Double hiOut = reason == null ? hi : null;
        Double p = reason == null ? Critical.sidakP(smallestP(models, Math.max(0, extreme)), pairs) : null;
        return new Disparity(metric, attrs, attributes(best), Disparity.MAX_GAP, value, loOut, hiOut, p, null,
                reason, null, null, tooSmall, reason == null ? method : null, attributes(defined.get(hiK)),
                attributes(defined.get(loK)));
    }

    /** How far below the smallest p-value's critical value a pair's interval must hold 0 to be passed over. */
    private static final double PASS_OVER_MARGIN = 1e-6;

    /**
     * The smallest of the pairs' p-values ({@link PairModel#pValue}), exactly, without inverting every pair: a pair
     * whose interval already holds 0 at a critical value {@value #PASS_OVER_MARGIN} below that of the smallest
     * p-value so far (same df) crosses 0 at a smaller critical value, as the intervals widen with it, so its
     * p-value is larger (the bisection resolves the crossing to 1e-10, and the tail changes by far more than its
     * rounding over 1e-6); one interval settles it instead of about 40 and a tail probability. The pair of the
     * extreme values goes first, as it usually has the smallest p-value. A NaN p-value makes the result NaN, as
     * a running {@code Math.min} would.
     */
    static double smallestP(List<PairModel> models, int first) {
        double minP = 1;
        double bestCritical = Double.NaN;
        int bestDf = 0;
        for (int k = -1; k < models.size(); k++) {
            if (k == first) {
                continue;
            }
            PairModel model = models.get(k < 0 ? first : k);
            if (bestCritical > PASS_OVER_MARGIN && model.df() == bestDf) {
                Interval probe = model.interval().at(bestCritical - PASS_OVER_MARGIN, 0.5);
                if (probe != null && probe.contains(0)) {
                    continue;
                }
            }
            double critical = Critical.invertedCritical(c -> model.interval().at(c, 0.5), 0);
            double p = Critical.pAtInverted(critical, model.df());
            if (Double.isNaN(p)) {
                return Double.NaN;
            }
            if (p < minP) {
                minP = p;
                bestCritical = Math.min(critical, 38);
                bestDf = model.df();
            }
        }
        return minP;
    }

    /**
     * {@code max_gap} of a large attribute set from Šidák-simultaneous intervals on its k slices: the gap lies in
     * {@code [max(0, max L_i − min U_j), max U_i − min L_j]}; its p-value is the Šidák-adjusted error rate at which
     * the lower end reaches 0, so the interval and the p-value agree as in the pairwise case.
     */
    private Disparity sliceWiseGap(MetricSeries m, Family family, Map<String, String> attrs, double value, int best, int hiK,
            int loK, boolean tooSmall) {
        String metric = m.info().metricName();
        List<Integer> defined = family.defined;
        List<SliceModel> models = family.singles();
        Double lo = null;
        Double hi = null;
        Double p = null;
        String method = null;
        String reason = family.singleReason;
        if (reason == null) {
            int k = defined.size();
            int df = family.singlesDf();
            double[] at = gapBounds(models, Critical.value(Critical.sidakAlpha(1 - level, k), df));
            lo = Math.max(0, at[0]);
            hi = at[1];
            double pOne;
            Interval[] at0 = intervals(models, 0);
            Interval[] at38;
            if (gapLower(at0) <= 0) {
                pOne = 1;
            } else if (gapLower(at38 = intervals(models, 38)) > 0) {
                pOne = 0;
            } else {
                pOne = Critical.twoSidedP(gapCrossing(models, at0, at38), df);
            }
            p = Critical.sidakP(pOne, k);
            method = "sidak_slices_" + models.get(0).method().word();
        }
        return new Disparity(metric, attrs, attributes(best), Disparity.MAX_GAP, value, lo, hi, p, null, reason,
                null, null, tooSmall, method, attributes(defined.get(hiK)),
                attributes(defined.get(loK)));
    }

    /** Every slice's interval at critical value {@code c}. */
    static Interval[] intervals(List<SliceModel> models, double c) {
        Interval[] out = new Interval[models.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = models.get(i).interval().apply(c);
        }
        return out;
    }

    /** {@code max L_i − min U_j} of {@code at}: {@code gapBounds(…)[0]} of the same intervals. */
    private static double gapLower(Interval[] at) {
        double maxL = Double.NEGATIVE_INFINITY;
        double minU = Double.POSITIVE_INFINITY;
        for (Interval ci : at) {
            maxL = Math.max(maxL, ci.lo());
            minU = Math.min(minU, ci.hi());
        }
        return maxL - minU;
    }

    /**
     * The critical value in [0, 38] at which the gap's lower end {@code max L_i − min U_j} reaches 0, by bisection to
     * 1e-10 (the gap is above 0 at 0 and not at 38: {@code at0}, {@code at38}). Each step needs only the largest
     * lower end and the smallest upper end, and every slice's interval widens with the critical value (Wilson's
     * intervals are nested in z, a studentized one is p ± c·se), so on a bracket {@code [a, b]} a slice whose lower
     * end at {@code a} is below the largest lower end at {@code b} never holds the largest lower end again (nor,
     * alike, the smallest upper end): it is left out. The margin of 1e-9 of the intervals' scale is far above
     * their rounding (1e-15 of it), so a slice left out is strictly below the extreme, which another slice holds: every
     * step compares the same two numbers as over all slices, and the result is the same to the bit. With a thousand
     * slices, a few are left after the first steps instead of all of them at each of ≈ 40.
     */
    static double gapCrossing(List<SliceModel> models, Interval[] at0, Interval[] at38) {
        int k = models.size();
        double[] loA = new double[k];
        double[] hiA = new double[k];
        double scale = 0;
        for (int i = 0; i < k; i++) {
            loA[i] = at0[i].lo();
            hiA[i] = at0[i].hi();
            scale = Math.max(scale, Math.max(Math.max(Math.abs(at0[i].lo()), Math.abs(at0[i].hi())),
                    Math.max(Math.abs(at38[i].lo()), Math.abs(at38[i].hi()))));
        }
        double margin = 1e-9 * (1 + scale);
        double maxLB = Double.NEGATIVE_INFINITY;
        double minUB = Double.POSITIVE_INFINITY;
        for (Interval ci : at38) {
            maxLB = Math.max(maxLB, ci.lo());
            minUB = Math.min(minUB, ci.hi());
        }
        int[] candidates = new int[k];
        for (int i = 0; i < k; i++) {
            candidates[i] = i;
        }
        int n = k;
        double[] loMid = new double[k];
        double[] hiMid = new double[k];
        double a = 0;
        double b = 38;
        for (int step = 0; step < 60 && b - a > 1e-10; step++) {
            int kept = 0;
            for (int t = 0; t < n; t++) {
                int i = candidates[t];
                if (loA[i] >= maxLB - margin || hiA[i] <= minUB + margin) {
                    candidates[kept++] = i;
                }
            }
            n = kept;
            double mid = (a + b) / 2;
            double maxL = Double.NEGATIVE_INFINITY;
            double minU = Double.POSITIVE_INFINITY;
            for (int t = 0; t < n; t++) {
                int i = candidates[t];
                Interval ci = models.get(i).interval().apply(mid);
                loMid[i] = ci.lo();
                hiMid[i] = ci.hi();
                maxL = Math.max(maxL, ci.lo());
                minU = Math.min(minU, ci.hi());
            }
            if (maxL - minU > 0) {
                a = mid;
                for (int t = 0; t < n; t++) {
                    int i = candidates[t];
                    loA[i] = loMid[i];
                    hiA[i] = hiMid[i];
                }
            } else {
                b = mid;
                maxLB = maxL;
                minUB = minU;
            }
        }
        return (a + b) / 2;
    }

    /** {@code [max L_i − min U_j, max U_i − min L_j]} with every slice's interval at critical value {@code c}. */
    private static double[] gapBounds(List<SliceModel> models, double c) {
        double maxL = Double.NEGATIVE_INFINITY;
        double minU = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY;
        double minL = Double.POSITIVE_INFINITY;
        for (SliceModel model : models) {
            Interval ci = model.interval().apply(c);
            maxL = Math.max(maxL, ci.lo());
            minU = Math.min(minU, ci.hi());
            maxU = Math.max(maxU, ci.hi());
            minL = Math.min(minL, ci.lo());
        }
        return new double[] {maxL - minU, maxU - minL};
    }

    /**
     * Hsu's interval for a large attribute set from Šidák-simultaneous slice intervals: {@code θ_i − max_{j≠i} θ_j}
     * lies in {@code [L_i − max_{j≠i} U_j, U_i − max_{j≠i} L_j]} (with min for the lowest; ratios divide instead),
     * clipped at 0 (1 for ratios) as in the pairwise case; {@code null} when a slice has no interval or a ratio's
     * divisor may be 0.
     */
    private Interval sliceWiseWithTheBest(Family family, int slice, boolean isRatio, boolean highest) {
        List<SliceModel> models = family.singles();
        if (family.singleReason != null) {
            return null;
        }
        int k = family.defined.size();
        if (family.simultaneous == null) {
            double c = Critical.value(Critical.sidakAlpha(1 - level, k), family.singlesDf());
            family.simultaneous = new Interval[k];
            for (int idx = 0; idx < k; idx++) {
                family.simultaneous[idx] = models.get(idx).interval().apply(c);
            }
        }
        Interval[] all = family.simultaneous;
        int at = family.defined.indexOf(slice);
        Interval own = at < 0 ? null : all[at];
        // The extremes over the other slices: the best and second best of all, so each slice is O(1).
        double extremeU = extreme(family, all, at, highest, true);
        double extremeL = extreme(family, all, at, highest, false);
        if (own == null) {
            return null;
        }
        double lo;
        double hi;
        if (isRatio) {
            if (!(extremeU > 0) || !(extremeL > 0)) {
                return null;
            }
            lo = own.lo() / extremeU;
            hi = own.hi() / extremeL;
            lo = highest ? Math.min(1, lo) : Math.max(1, lo);
            hi = highest ? Math.min(1, hi) : Math.max(1, hi);
        } else {
            lo = own.lo() - extremeU;
            hi = own.hi() - extremeL;
            lo = highest ? Math.min(0, lo) : Math.max(0, lo);
            hi = highest ? Math.min(0, hi) : Math.max(0, hi);
        }
        return new Interval(lo, hi, level, IntervalMethod.HSU_MCB);
    }

    private static boolean better(double v, double than, boolean highest) {
        return highest ? v > than : v < than;
    }

    /** The most extreme upper (or lower) end among the slices other than {@code except}. */
    private static double extreme(Family family, Interval[] all, int except, boolean highest, boolean upper) {
        int[] two = family.topTwo(all, highest, upper);
        int idx = two[0] == except ? two[1] : two[0];
        if (idx < 0) {
            return highest ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return upper ? all[idx].hi() : all[idx].lo();
    }
}

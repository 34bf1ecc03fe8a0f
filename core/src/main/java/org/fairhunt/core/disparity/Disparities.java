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
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.stats.BootstrapIntervals;
import org.fairhunt.core.stats.BootstrapTests;
import org.fairhunt.core.stats.Interval;
import org.fairhunt.core.stats.MultipleTesting;
import org.fairhunt.core.stats.TwoProportions;

/**
 * Computes the disparities of an audit run.
 *
 * <p>For a bootstrapped run every comparison is recomputed in each replicate (slice and reference from
 * the same replicate, so their correlation through shared clusters is kept); the interval is the
 * percentile interval of those replicate comparisons and the p-value inverts it
 * ({@link BootstrapTests#percentilePValue}). The max–min gap is never negative, so its p-value comes from
 * the centred replicates instead ({@link BootstrapTests#centredPValue}). Without the bootstrap, metrics
 * that are proportions of unweighted counts get Newcombe's interval and the pooled z-test for a
 * difference, Katz's log interval for a ratio, and Pearson's chi-square test of homogeneity for the gap;
 * other metrics get the value and a reason. q-values are Benjamini–Hochberg over every p-value of the
 * audit.
 */
public final class Disparities {
    /** Metrics that are sizes, not rates: comparing them says nothing about fairness. */
    private static final Set<String> NOT_COMPARED = Set.of("count");

    /** How the JSON describes the method (settings.disparities.method). */
    public static final String METHOD_DESCRIPTION = "difference and ratio of each slice to the reference slice of its "
            + "attribute set, and the max-min gap per attribute set; with bootstrap replicates: percentile intervals of the "
            + "comparison recomputed in every replicate, two-sided p-value 2(min(#below, #above)+1)/(B+1) of the "
            + "replicates against no difference, and for max_gap (1+#{centred gap >= observed})/(B+1); without it, for "
            + "proportions of unweighted counts: Newcombe hybrid score interval and pooled z-test (difference), Katz log "
            + "interval (ratio), Pearson chi-square homogeneity test (max_gap), none for weighted or clustered audits; "
            + "q-values: Benjamini-Hochberg across all comparisons";

    private final AuditRun run;
    private final double level;
    private final boolean bootstrap;
    private final boolean weighted;
    private final boolean clustered;
    private final int replicates;

    private Disparities(AuditRun run, double level) {
        this.run = run;
        this.level = level;
        this.replicates = run.estimates();
        this.bootstrap = replicates > 1;
        this.weighted = run.spec().weight() != null;
        this.clustered = run.spec().cluster() != null;
    }

    /**
     * Every disparity of {@code series} (metrics named {@code count} are skipped), with q-values.
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
            if (NOT_COMPARED.contains(m.info().metricName())) {
                continue;
            }
            for (List<Integer> slices : sets.values()) {
                d.compareSet(m, slices, reference, out);
            }
        }
        return withQValues(out);
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

    /** Sets q-values: Benjamini–Hochberg over every non-null p-value in {@code disparities}. */
    public static List<Disparity> withQValues(List<Disparity> disparities) {
        double[] p = new double[disparities.size()];
        for (int i = 0; i < p.length; i++) {
            Double v = disparities.get(i).pValue();
            p[i] = v == null ? Double.NaN : v;
        }
        double[] q = MultipleTesting.benjaminiHochberg(p);
        List<Disparity> out = new ArrayList<>(disparities.size());
        for (int i = 0; i < q.length; i++) {
            out.add(disparities.get(i).withQValue(Double.isNaN(q[i]) ? null : q[i]));
        }
        return out;
    }

    private void compareSet(MetricSeries m, List<Integer> slices, ReferenceChoice reference, List<Disparity> out) {
        int ref = referenceSlice(m, slices, reference);
        for (int i : slices) {
            if (i != ref) {
                out.add(difference(m, i, ref));
                out.add(ratio(m, i, ref));
            }
        }
        out.add(maxGap(m, slices));
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

    private Disparity difference(MetricSeries m, int slice, int ref) {
        return pairwise(m, slice, ref, false);
    }

    private Disparity ratio(MetricSeries m, int slice, int ref) {
        return pairwise(m, slice, ref, true);
    }

    private Disparity pairwise(MetricSeries m, int slice, int ref, boolean isRatio) {
        String kind = isRatio ? Disparity.RATIO : Disparity.DIFFERENCE;
        String metric = m.info().metricName();
        MetricValue v = m.value(slice, 0);
        MetricValue r = m.value(ref, 0);
        long n = run.sliceRows()[slice];
        long refN = run.sliceRows()[ref];
        boolean tooSmall = n < run.spec().minGroupSize() || refN < run.spec().minGroupSize();
        Map<String, String> attrs = run.slices().get(slice).asMap();
        Map<String, String> refAttrs = run.slices().get(ref).asMap();
        String reason = undefinedReason(v, slice, r, ref);
        if (reason == null && isRatio && r.value() == 0) {
            reason = "the reference value is 0, so the ratio is undefined";
        }
        if (reason != null) {
            return new Disparity(metric, attrs, refAttrs, kind, null, null, null, null, null, reason, n, refN, tooSmall, null,
                    null, null);
        }
        double value = isRatio ? v.value() / r.value() : v.value() - r.value();
        Interval ci = null;
        double p = Double.NaN;
        String method = null;
        if (bootstrap) {
            if (run.hasSingleCluster(slice) || run.hasSingleCluster(ref)) {
                reason = MetricEstimate.SINGLE_CLUSTER_REASON.replace("the slice holds", "the slice or its reference holds");
            } else {
                double[] reps = new double[replicates - 1];
                for (int b = 1; b < replicates; b++) {
                    MetricValue vb = m.value(slice, b);
                    MetricValue rb = m.value(ref, b);
                    boolean ok = vb.defined() && rb.defined() && !(isRatio && rb.value() == 0);
                    reps[b - 1] = !ok ? Double.NaN : isRatio ? vb.value() / rb.value() : vb.value() - rb.value();
                }
                ci = BootstrapIntervals.percentile(reps, level);
                method = "bootstrap";
                if (ci == null) {
                    reason = "the comparison is undefined in too many bootstrap replicates (slice too small or one-sided)";
                } else {
                    p = BootstrapTests.percentilePValue(reps, isRatio ? 1 : 0);
                }
            }
        } else if (!weighted && !clustered && m.proportion(slice, 0) != null && m.proportion(ref, 0) != null) {
            double[] a = m.proportion(slice, 0);
            double[] b = m.proportion(ref, 0);
            ci = isRatio ? TwoProportions.katzRatio(a[0], a[1], b[0], b[1], level)
                    : TwoProportions.newcombeDifference(a[0], a[1], b[0], b[1], level);
            p = TwoProportions.zTestPValue(a[0], a[1], b[0], b[1]);
            method = isRatio ? "katz_log" : "newcombe";
            if (ci == null) {
                reason = "a count of 0 leaves the ratio without a closed-form interval; ask for bootstrap replicates";
            }
        } else {
            reason = noClosedFormReason(metric);
        }
        return new Disparity(metric, attrs, refAttrs, kind, value, ci == null ? null : ci.lo(), ci == null ? null : ci.hi(),
                Double.isNaN(p) ? null : p, null, reason, n, refN, tooSmall, method, null, null);
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

    private Disparity maxGap(MetricSeries m, List<Integer> slices) {
        String metric = m.info().metricName();
        SliceKey first = run.slices().get(slices.get(0));
        Map<String, String> attrs = new LinkedHashMap<>();
        first.attributes().forEach(a -> attrs.put(a, ""));
        List<Integer> defined = new ArrayList<>();
        boolean tooSmall = false;
        boolean singleCluster = false;
        for (int i : slices) {
            if (m.value(i, 0).defined()) {
                defined.add(i);
                tooSmall |= run.sliceRows()[i] < run.spec().minGroupSize();
                singleCluster |= run.hasSingleCluster(i);
            }
        }
        if (defined.size() < 2) {
            return new Disparity(metric, attrs, null, Disparity.MAX_GAP, null, null, null, null, null,
                    "fewer than two slices have a defined value", null, null, tooSmall, null, null, null);
        }
        double[] point = new double[defined.size()];
        int hiK = 0;
        int loK = 0;
        for (int k = 0; k < point.length; k++) {
            point[k] = m.value(defined.get(k), 0).value();
            if (point[k] > point[hiK]) {
                hiK = k;
            }
            if (point[k] < point[loK]) {
                loK = k;
            }
        }
        double value = point[hiK] - point[loK];
        int best = Boolean.FALSE.equals(m.info().higherIsBetter()) ? defined.get(loK) : defined.get(hiK);
        Interval ci = null;
        double p = Double.NaN;
        String method = null;
        String reason = null;
        if (bootstrap) {
            if (singleCluster) {
                reason = MetricEstimate.SINGLE_CLUSTER_REASON.replace("the slice holds", "a slice holds");
            } else {
                double[] gaps = new double[replicates - 1];
                double[] centred = new double[replicates - 1];
                for (int b = 1; b < replicates; b++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double min = Double.POSITIVE_INFINITY;
                    double cMax = Double.NEGATIVE_INFINITY;
                    double cMin = Double.POSITIVE_INFINITY;
                    boolean ok = true;
                    for (int k = 0; k < point.length && ok; k++) {
                        MetricValue vb = m.value(defined.get(k), b);
                        ok = vb.defined();
                        if (ok) {
                            max = Math.max(max, vb.value());
                            min = Math.min(min, vb.value());
                            cMax = Math.max(cMax, vb.value() - point[k]);
                            cMin = Math.min(cMin, vb.value() - point[k]);
                        }
                    }
                    gaps[b - 1] = ok ? max - min : Double.NaN;
                    centred[b - 1] = ok ? cMax - cMin : Double.NaN;
                }
                ci = BootstrapIntervals.percentile(gaps, level);
                method = "bootstrap";
                if (ci == null) {
                    reason = "a slice's value is undefined in too many bootstrap replicates";
                } else {
                    p = BootstrapTests.centredPValue(centred, value);
                }
            }
        } else if (!weighted && !clustered && m.proportion(defined.get(0), 0) != null) {
            double[] x = new double[point.length];
            double[] n = new double[point.length];
            for (int k = 0; k < point.length; k++) {
                double[] pr = m.proportion(defined.get(k), 0);
                x[k] = pr[0];
                n[k] = pr[1];
            }
            p = TwoProportions.homogeneityPValue(x, n);
            method = "pearson_chi_square";
            reason = "the max-min gap has no closed-form interval; ask for bootstrap replicates";
        } else {
            reason = noClosedFormReason(metric);
        }
        return new Disparity(metric, attrs, run.slices().get(best).asMap(), Disparity.MAX_GAP, value,
                ci == null ? null : ci.lo(), ci == null ? null : ci.hi(), Double.isNaN(p) ? null : p, null, reason, null, null,
                tooSmall, method, run.slices().get(defined.get(hiK)).asMap(), run.slices().get(defined.get(loK)).asMap());
    }
}

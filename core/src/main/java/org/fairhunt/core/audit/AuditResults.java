package org.fairhunt.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.MetricSeries;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.stats.BootstrapIntervals;
import org.fairhunt.core.stats.Interval;
import org.fairhunt.core.stats.IntervalMethod;
import org.fairhunt.core.stats.Proportions;

/**
 * Builds the immutable {@link AuditResult} from an engine's {@link AuditRun} (here, beside the facade,
 * so that the result package knows nothing of the engine): the value of every metric
 * of every slice, with its interval — the bootstrap percentile interval when the audit was
 * bootstrapped (it honours clusters and weights), else Wilson's score interval for metrics that are
 * proportions of unweighted counts.
 */
public final class AuditResults {
    private AuditResults() {
    }

    /**
     * @param run      the engine's output
     * @param metrics  metric names to report, in order, or {@code null} for every metric the run has
     * @param settings what was audited, as it should appear in the JSON
     * @param level    confidence level, e.g. 0.95
     */
    public static AuditResult from(AuditRun run, List<String> metrics, Map<String, Object> settings, double level) {
        List<MetricSeries> series = select(run, metrics);
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (MetricSeries s : series) {
            descriptions.put(s.info().metricName(), s.info().description());
        }
        boolean weighted = run.spec().weight() != null;
        boolean clustered = run.spec().cluster() != null;
        int replicates = run.estimates();
        List<SliceResult> slices = new ArrayList<>();
        Map<String, Double> icc = new java.util.HashMap<>();
        List<String> names = new ArrayList<>();
        for (MetricSeries s : series) {
            names.add(s.info().metricName());
        }
        // Wilson's z of the level, computed once (Proportions.wilson(x, n, level) computes it in every call).
        double z = Proportions.normalQuantile(1 - (1 - level) / 2);
        double[] iccs = new double[series.size()];
        for (int k = 0; k < iccs.length; k++) {
            MetricSeries s = series.get(k);
            iccs[k] = icc.computeIfAbsent(s.info().metricName(), name -> run.intraclassCorrelation(s));
        }
        long[] rows = run.sliceRows();
        for (int sl = 0; sl < run.slices().size(); sl++) {
            // A call per slice: compiled after a few, where this loop (in a method called once) stays interpreted.
            slices.add(sliceResult(run, series, names, sl, rows[sl], replicates, weighted, clustered, level, z, iccs));
        }
        List<String> sizes = series.stream().filter(m -> m.info().isSize()).map(m -> m.info().metricName()).toList();
        if (!sizes.isEmpty()) {
            settings = new LinkedHashMap<>(settings);
            settings.put(AuditResult.SIZE_METRICS, sizes);
        }
        return new AuditResult(AuditResult.SCHEMA, run.source(), run.rows(), settings, descriptions,
                withFewClusterWarning(run), slices, List.of(), List.of(), Map.of());
    }

    /** Slice {@code sl}'s result: its metrics in the order of {@code series}, named by {@code names}. */
    private static SliceResult sliceResult(AuditRun run, List<MetricSeries> series, List<String> names, int sl, long n,
            int replicates, boolean weighted, boolean clustered, double level, double z, double[] iccs) {
        MetricEstimate[] values = new MetricEstimate[series.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = estimate(run, series.get(k), sl, replicates, weighted, clustered, level, z, run.clusterCount(sl), iccs[k]);
        }
        // The slice's maps made read-only once (no copy in SliceResult); a metric named twice keeps its first place.
        return new SliceResult(run.slices().get(sl).asMap(), n, n < run.spec().minGroupSize(),
                org.fairhunt.core.result.ResultMaps.of(names, java.util.Arrays.asList(values)));
    }

    /** The series named in {@code metrics} (unknown names are a user error listing the known ones). */
    public static List<MetricSeries> select(AuditRun run, List<String> metrics) {
        List<MetricSeries> all = run.metrics();
        if (metrics == null) {
            return all;
        }
        List<MetricSeries> out = new ArrayList<>();
        for (String name : metrics) {
            out.add(run.metric(name).orElseThrow(() -> new org.fairhunt.core.UserInputException("unknown metric '" + name
                    + "' for this audit; the metrics available are: "
                    + String.join(", ", all.stream().map(m -> m.info().metricName()).toList()))));
        }
        return out;
    }

    /** Why a slice with fewer than two bootstrap clusters has no bootstrap interval. */
    public static final String SINGLE_CLUSTER_REASON = MetricEstimate.SINGLE_CLUSTER_REASON;

    private static double[] replicates(MetricSeries s, int slice, int replicates) {
        double[] reps = new double[replicates - 1];
        for (int r = 1; r < replicates; r++) {
            MetricValue v = s.value(slice, r);
            reps[r - 1] = v.defined() ? v.value() : Double.NaN;
        }
        return reps;
    }

    /** Below this many clusters a slice's intervals rest on few independent units, and the audit says so. */
    public static final int FEW_CLUSTERS = 30;

    /** The run's warnings, plus one naming the slices with fewer than {@link #FEW_CLUSTERS} clusters. */
    static List<String> withFewClusterWarning(AuditRun run) {
        if (run.clusters() == null) {
            return run.warnings();
        }
        List<String> few = new ArrayList<>();
        for (int sl = 0; sl < run.slices().size(); sl++) {
            if (run.clusterCount(sl) < FEW_CLUSTERS) {
                few.add(run.slices().get(sl).label() + " (" + run.clusterCount(sl) + ")");
            }
        }
        if (few.isEmpty()) {
            return run.warnings();
        }
        List<String> out = new ArrayList<>(run.warnings());
        out.add(few.size() + " slice(s) hold fewer than " + FEW_CLUSTERS + " clusters, so their intervals rest on few "
                + "independent units (t quantiles with G-1 degrees of freedom widen them): "
                + String.join(", ", few.subList(0, Math.min(10, few.size()))) + (few.size() > 10 ? ", ..." : ""));
        return List.copyOf(out);
    }

    /**
     * The estimate and its interval. A proportion of unweighted, unclustered counts gets Wilson's score
     * interval, the closed form with good coverage down to small n and p near 0 or 1 (where percentile
     * bootstrap intervals collapse to a point). Everything else gets the bootstrap percentile interval
     * when the audit was bootstrapped, since only the bootstrap honours clusters and weights and covers
     * metrics without a closed form (AUC, ECE, WER). A proportion of clustered, unweighted counts gets
     * Wilson's interval at the effective sample size with a t quantile on G − 1 degrees of freedom
     * ({@link Proportions#clusteredWilson}), its design effect read off the cluster bootstrap.
     *
     * @param clusters the slice's number of clusters (0 when the audit has no cluster column)
     * @param z        Wilson's critical value at {@code level} ({@code Proportions.normalQuantile(1 - (1 - level) / 2)})
     * @param icc      the metric's audit-wide intra-cluster correlation ({@link AuditRun#intraclassCorrelation})
     */
    static MetricEstimate estimate(AuditRun run, MetricSeries s, int slice, int replicates, boolean weighted,
            boolean clustered, double level, double z, int clusters, double icc) {
        boolean singleCluster = clustered && clusters < 2;
        MetricValue point = s.value(slice, 0);
        if (!point.defined()) {
            return MetricEstimate.undefined(point.reason() == null ? "undefined" : point.reason());
        }
        if (!s.info().hasInterval()) {
            return new MetricEstimate(point.value(), null, null, null);
        }
        double[] proportion = weighted ? null : s.proportion(slice, 0);
        if (proportion != null && !clustered) {
            return new MetricEstimate(point.value(), null, proportion[1] <= 0 ? null
                    : Proportions.wilson(proportion[0] / proportion[1], proportion[1], z, level, IntervalMethod.WILSON), null);
        }
        Interval ci = null;
        String ciReason = null;
        if (replicates > 1 && singleCluster) {
            ciReason = MetricEstimate.SINGLE_CLUSTER_REASON;
        } else if (replicates > 1) {
            double[] reps = new double[replicates - 1];
            for (int r = 1; r < replicates; r++) {
                MetricValue v = s.value(slice, r);
                reps[r - 1] = v.defined() ? v.value() : Double.NaN;
            }
            if (s.info().lowerBoundSeries() != null) {
                Interval lower = BootstrapIntervals.percentile(replicates(run.metric(s.info().lowerBoundSeries()).orElseThrow(),
                        slice, replicates), level);
                Interval upper = BootstrapIntervals.percentile(replicates(run.metric(s.info().upperBoundSeries()).orElseThrow(),
                        slice, replicates), level);
                if (lower == null || upper == null || !(upper.hi() > 0)) {
                    return new MetricEstimate(point.value(), null, null, upper == null ? BootstrapIntervals.noIntervalReason(reps)
                            : lower == null ? "the metric is undefined in too many bootstrap replicates (slice too small or "
                                    + "one-sided)" : BootstrapIntervals.NO_UPPER_BOUND_REASON);
                }
                // 0 stays inside unless a closed-form test of "the target is 0" rejects (unweighted, unclustered rows).
                double zeroP = weighted || clustered ? Double.NaN : s.zeroPValue(slice);
                double lo = zeroP >= 1 - level ? 0 : Math.min(Math.max(0, lower.lo()), upper.hi());
                ci = new Interval(lo, upper.hi(), level, org.fairhunt.core.stats.IntervalMethod.BOOTSTRAP_DEBIASED_LOWER_PLUGIN_UPPER);
                return new MetricEstimate(point.value(), null, ci, null);
            }
            if (s.info().nonNegative()) {
                ci = BootstrapIntervals.nonNegative(reps, level);
                return new MetricEstimate(point.value(), null, ci, ci != null ? null : BootstrapIntervals.definedShareOk(reps)
                        ? BootstrapIntervals.NO_UPPER_BOUND_REASON : BootstrapIntervals.noIntervalReason(reps));
            }
            if (proportion != null) {
                double variance = BootstrapIntervals.variance(reps);
                ci = Double.isNaN(variance) ? null
                        : Proportions.clusteredWilson(point.value(), proportion[1], variance, clusters, icc, level);
            } else {
                ci = BootstrapIntervals.percentile(reps, level);
            }
            if (ci == null) {
                ciReason = BootstrapIntervals.noIntervalReason(reps);
            }
        } else if (proportion != null) {
            ciReason = "clustered data need the bootstrap for an honest interval; ask for bootstrap replicates";
        }
        return new MetricEstimate(point.value(), null, ci, ciReason);
    }
}

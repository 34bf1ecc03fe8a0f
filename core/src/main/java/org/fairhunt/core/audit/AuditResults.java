package org.fairhunt.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.MetricSeries;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.stats.BootstrapIntervals;
import org.fairhunt.core.stats.Interval;
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
        for (int sl = 0; sl < run.slices().size(); sl++) {
            SliceKey key = run.slices().get(sl);
            Map<String, MetricEstimate> values = new LinkedHashMap<>();
            for (MetricSeries s : series) {
                values.put(s.info().metricName(), estimate(s, sl, replicates, weighted, clustered, level, run.hasSingleCluster(sl)));
            }
            long n = run.sliceRows()[sl];
            slices.add(new SliceResult(key.asMap(), n, n < run.spec().minGroupSize(), values));
        }
        return new AuditResult(AuditResult.SCHEMA, run.source(), run.rows(), settings, descriptions, run.warnings(), slices,
                List.of(), List.of(), Map.of());
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

    static MetricEstimate estimate(MetricSeries s, int slice, int replicates, boolean weighted, double level,
            boolean singleCluster) {
        return estimate(s, slice, replicates, weighted, false, level, singleCluster);
    }

    /**
     * The estimate and its interval. A proportion of unweighted, unclustered counts gets Wilson's score
     * interval, the closed form with good coverage down to small n and p near 0 or 1 (where percentile
     * bootstrap intervals collapse to a point). Everything else gets the bootstrap percentile interval
     * when the audit was bootstrapped, since only the bootstrap honours clusters and weights and covers
     * metrics without a closed form (AUC, ECE, WER).
     */
    static MetricEstimate estimate(MetricSeries s, int slice, int replicates, boolean weighted, boolean clustered,
            double level, boolean singleCluster) {
        MetricValue point = s.value(slice, 0);
        if (!point.defined()) {
            return MetricEstimate.undefined(point.reason() == null ? "undefined" : point.reason());
        }
        if (!s.info().hasInterval()) {
            return new MetricEstimate(point.value(), null, null, null);
        }
        double[] proportion = weighted ? null : s.proportion(slice, 0);
        if (proportion != null && !clustered) {
            return new MetricEstimate(point.value(), null, Proportions.wilson(proportion[0], proportion[1], level), null);
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
            ci = BootstrapIntervals.percentile(reps, level);
            if (ci == null) {
                ciReason = "the metric is undefined in too many bootstrap replicates (slice too small or one-sided)";
            }
        } else if (proportion != null) {
            ciReason = "clustered data need the bootstrap for an honest interval; ask for bootstrap replicates";
        }
        return new MetricEstimate(point.value(), null, ci, ciReason);
    }
}

package org.fairhunt.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fairhunt.core.metric.MetricDefinition;
import org.fairhunt.core.metric.MetricInfo;
import org.fairhunt.core.metric.MetricValue;

/**
 * Everything one pass of the engine produced: the slices, their sizes, and for every statistic the
 * sums per slice and replicate (and AUC values if asked for). Renderers do not read this; the
 * {@code result} package turns it into the immutable, serialisable audit result. Kept so that
 * disparities, policies and discovery can use the bootstrap replicates.
 *
 * @param source    where the table came from
 * @param rows      rows in the table
 * @param spec      what was audited
 * @param slices    the slices, overall first
 * @param sliceRows rows per slice (unweighted)
 * @param grids     the sums per statistic, in the spec's order
 * @param auc       AUC per slice and replicate ({@code [slice][replicate]}), or {@code null}
 * @param aucReasons why AUC is undefined per slice and replicate, or {@code null} entries where defined
 * @param warnings  things the user should know (clusters with missing keys, excluded rows)
 * @param clusters  for a run with a cluster column, the number of distinct clusters in each slice (capped
 *                  at {@link #CLUSTER_COUNT_CAP}); a slice with fewer than two cannot show its variability
 *                  in the bootstrap, and few clusters set the degrees of freedom of its intervals;
 *                  {@code null} without a cluster column
 */
public record AuditRun(String source, int rows, AuditSpec spec, List<SliceKey> slices, long[] sliceRows,
        List<StatisticGrid> grids, double[][] auc, String[][] aucReasons, List<String> warnings,
        int[] clusters) {

    /** Cluster counts are exact up to this many (more only changes degrees of freedom already past 10,000). */
    public static final int CLUSTER_COUNT_CAP = 10_000;

    /** A run without cluster counts (every slice treated as having enough clusters). */
    public AuditRun(String source, int rows, AuditSpec spec, List<SliceKey> slices, long[] sliceRows,
            List<StatisticGrid> grids, double[][] auc, String[][] aucReasons, List<String> warnings) {
        this(source, rows, spec, slices, sliceRows, grids, auc, aucReasons, warnings, null);
    }

    /** Whether {@code slice} has fewer than two bootstrap clusters (false when unknown or not bootstrapped). */
    public boolean hasSingleCluster(int slice) {
        return clusters != null && clusters[slice] < 2;
    }

    /**
     * The intra-cluster correlation of a proportion metric over the whole audit (the overall slice, every
     * cluster), from its cluster-bootstrap variance (Kish: {@code (deff − 1)/(n/G − 1)}); 0 for other metrics,
     * unclustered, weighted or unbootstrapped runs.
     */
    public double intraclassCorrelation(MetricSeries s) {
        int overall = 0;
        if (clusters == null || replicates() < 2 || spec.weight() != null || !slices.get(overall).isOverall()) {
            return 0;
        }
        double[] proportion = s.proportion(overall, 0);
        org.fairhunt.core.metric.MetricValue point = s.value(overall, 0);
        if (proportion == null || !point.defined()) {
            return 0;
        }
        double[] reps = new double[replicates()];
        for (int r = 1; r <= replicates(); r++) {
            org.fairhunt.core.metric.MetricValue v = s.value(overall, r);
            reps[r - 1] = v.defined() ? v.value() : Double.NaN;
        }
        return org.fairhunt.core.stats.Proportions.intraclassCorrelation(point.value(), proportion[1],
                org.fairhunt.core.stats.BootstrapIntervals.variance(reps), clusterCount(overall));
    }

    /** The number of clusters of {@code slice} (capped), or 0 when the run has no cluster column. */
    public int clusterCount(int slice) {
        return clusters == null ? 0 : clusters[slice];
    }

    /** B, the bootstrap replicates (0 without bootstrap); as everywhere, the point estimate is not counted. */
    public int replicates() {
        return spec.replicates();
    }

    /** B + 1: the point estimate (index 0) and the B replicates (1…B), the range of every replicate index. */
    public int estimates() {
        return spec.replicates() + 1;
    }

    /** Every metric the run can evaluate, in statistic order, AUC last. */
    public List<MetricSeries> metrics() {
        List<MetricSeries> out = new ArrayList<>();
        for (StatisticGrid g : grids) {
            for (MetricDefinition m : g.statistic().metrics()) {
                out.add(new GridSeries(g, m));
            }
        }
        if (auc != null) {
            out.add(new AucSeries(auc, aucReasons));
        }
        return out;
    }

    /** The series of {@code metricName}, if the run has it. */
    public Optional<MetricSeries> metric(String metricName) {
        return metrics().stream().filter(m -> m.info().metricName().equals(metricName)).findFirst();
    }

    /** Slice index of {@code key}, or -1. */
    public int sliceIndex(SliceKey key) {
        return slices.indexOf(key);
    }

    private record GridSeries(StatisticGrid grid, MetricDefinition metric) implements MetricSeries {
        @Override
        public MetricInfo info() {
            return metric;
        }

        @Override
        public MetricValue value(int slice, int replicate) {
            return grid.evaluate(metric, slice, replicate);
        }

        @Override
        public double[] proportion(int slice, int replicate) {
            return metric.proportion(grid.sumsUnsafe(), grid.offset(slice, replicate));
        }

        @Override
        public double zeroPValue(int slice) {
            return metric.zeroPValue(grid.sumsUnsafe(), grid.offset(slice, 0));
        }
    }

    private record AucSeries(double[][] auc, String[][] reasons) implements MetricSeries {
        @Override
        public MetricInfo info() {
            return AucPass.INFO;
        }

        @Override
        public MetricValue value(int slice, int replicate) {
            String reason = reasons[slice][replicate];
            return reason != null ? MetricValue.undefined(reason) : MetricValue.of(auc[slice][replicate]);
        }
    }
}

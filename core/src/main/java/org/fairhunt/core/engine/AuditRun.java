package org.fairhunt.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fairhunt.core.metric.Auc;
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
 * @param singleCluster for a bootstrapped run, whether each slice holds fewer than two bootstrap clusters
 *                  (its replicates then cannot show its variability); {@code null} without bootstrap
 */
public record AuditRun(String source, int rows, AuditSpec spec, List<SliceKey> slices, long[] sliceRows,
        List<StatisticGrid> grids, double[][] auc, String[][] aucReasons, List<String> warnings,
        boolean[] singleCluster) {

    /** A run without cluster counts (every slice treated as having enough clusters). */
    public AuditRun(String source, int rows, AuditSpec spec, List<SliceKey> slices, long[] sliceRows,
            List<StatisticGrid> grids, double[][] auc, String[][] aucReasons, List<String> warnings) {
        this(source, rows, spec, slices, sliceRows, grids, auc, aucReasons, warnings, null);
    }

    /** Whether {@code slice} has fewer than two bootstrap clusters (false when unknown or not bootstrapped). */
    public boolean hasSingleCluster(int slice) {
        return singleCluster != null && singleCluster[slice];
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
    }

    private record AucSeries(double[][] auc, String[][] reasons) implements MetricSeries {
        @Override
        public MetricInfo info() {
            return Auc.INFO;
        }

        @Override
        public MetricValue value(int slice, int replicate) {
            String reason = reasons[slice][replicate];
            return reason != null ? MetricValue.undefined(reason) : MetricValue.of(auc[slice][replicate]);
        }
    }
}

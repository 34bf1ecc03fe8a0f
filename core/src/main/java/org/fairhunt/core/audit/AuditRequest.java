package org.fairhunt.core.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An audit as a user describes it.
 *
 * @param label         the outcome column
 * @param positive      the label value counted as positive ({@code null}: 1/true/yes)
 * @param prediction    the model's prediction column, or {@code null}
 * @param score         the model's score column, or {@code null}
 * @param regression    treat label and prediction as numbers (mae, rmse, mean_error) rather than classes
 * @param groups        group attributes
 * @param bins          cut points for numeric group attributes, by attribute (e.g. age → "25,40,60")
 * @param intersections largest number of attributes combined in a slice
 * @param minGroupSize  slices with fewer rows are flagged too small
 * @param metrics       metric names to report, or {@code null} for all available
 * @param bootstrap     bootstrap replicates (0 = none)
 * @param seed          bootstrap seed
 * @param cluster       bootstrap cluster column, or {@code null}
 * @param weight        row weight column, or {@code null}
 * @param threads       worker threads
 * @param level         confidence level
 */
public record AuditRequest(String label, String positive, String prediction, String score, boolean regression,
        List<String> groups, Map<String, String> bins, int intersections, int minGroupSize, List<String> metrics,
        int bootstrap, long seed, String cluster, String weight, int threads, double level) {

    public AuditRequest {
        groups = List.copyOf(groups);
        bins = Map.copyOf(new LinkedHashMap<>(bins));
        metrics = metrics == null ? null : List.copyOf(metrics);
    }

    /** A request with defaults for everything but the columns. */
    public static AuditRequest of(String label, String positive, String prediction, String score, List<String> groups) {
        return new AuditRequest(label, positive, prediction, score, false, groups, Map.of(), 1, 30, null, 0, 1, null, null,
                Runtime.getRuntime().availableProcessors(), 0.95);
    }

    public AuditRequest withIntersections(int k) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, k, minGroupSize, metrics,
                bootstrap, seed, cluster, weight, threads, level);
    }

    public AuditRequest withMinGroupSize(int n) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, n, metrics,
                bootstrap, seed, cluster, weight, threads, level);
    }

    public AuditRequest withBins(Map<String, String> newBins) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, newBins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, threads, level);
    }

    public AuditRequest withBootstrap(int replicates, long newSeed, String clusterColumn) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, replicates, newSeed, clusterColumn, weight, threads, level);
    }

    public AuditRequest withThreads(int n) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, n, level);
    }

    public AuditRequest withMetrics(List<String> names) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                names, bootstrap, seed, cluster, weight, threads, level);
    }

    public AuditRequest withRegression(boolean r) {
        return new AuditRequest(label, positive, prediction, score, r, groups, bins, intersections, minGroupSize, metrics,
                bootstrap, seed, cluster, weight, threads, level);
    }

    public AuditRequest withWeight(String column) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, column, threads, level);
    }
}

package org.fairhunt.core.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.policy.Policy;

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
 * @param reference     how disparities choose their reference slice ({@code largest}, {@code best},
 *                      {@code worst}, {@code ATTR=VALUE}); empty for largest
 * @param policy        constraints to judge, or {@code null}
 * @param clarify       whether to add the SageMaker Clarify bias metrics
 * @param conditionalGroup the column Clarify's conditional metrics (CDDL, CDDPL) condition on, or {@code null}
 * @param clarifyFacets value sets ({@code ATTR=V1,V2}) reported as Clarify facets besides every slice
 * @param maxLevels     most distinct values a group attribute may take (more is refused: an id is not a group)
 */
public record AuditRequest(String label, String positive, String prediction, String score, boolean regression,
        List<String> groups, Map<String, String> bins, int intersections, int minGroupSize, List<String> metrics,
        int bootstrap, long seed, String cluster, String weight, int threads, double level,
        List<String> reference, Policy policy, boolean clarify, String conditionalGroup, List<String> clarifyFacets,
        int maxLevels) {
    /** Default {@link #maxLevels()}: generous for real groups (countries, regions), small enough to stop an id column. */
    public static final int DEFAULT_MAX_LEVELS = 1000;

    public AuditRequest {
        groups = List.copyOf(groups);
        // Insertion order kept (Map.copyOf would not keep it, and the JSON would change between runs).
        bins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bins));
        metrics = metrics == null ? null : List.copyOf(metrics);
        reference = reference == null ? List.of() : List.copyOf(reference);
        clarifyFacets = clarifyFacets == null ? List.of() : List.copyOf(clarifyFacets);
    }

    /** The request without reference, policy or Clarify options (largest reference, no policy, no Clarify). */
    public AuditRequest(String label, String positive, String prediction, String score, boolean regression,
            List<String> groups, Map<String, String> bins, int intersections, int minGroupSize, List<String> metrics,
            int bootstrap, long seed, String cluster, String weight, int threads, double level) {
        this(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize, metrics, bootstrap,
                seed, cluster, weight, threads, level, List.of(), null, false, null, List.of(), DEFAULT_MAX_LEVELS);
    }

    /** The same request with {@code --reference} choices. */
    public AuditRequest withReference(List<String> choices) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, threads, level, choices, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    /** The same request judged against {@code newPolicy} ({@code null}: none). */
    public AuditRequest withPolicy(Policy newPolicy) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, threads, level, reference, newPolicy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    /** The same request with (or without) the Clarify bias metrics, conditioned on {@code group} for CDDL/CDDPL. */
    public AuditRequest withClarify(boolean on, String group) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, threads, level, reference, policy, on, group, clarifyFacets, maxLevels);
    }

    /** The same request with Clarify facets that unite several values ({@code ATTR=V1,V2}). */
    public AuditRequest withClarifyFacets(List<String> valueSets) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, threads, level, reference, policy, clarify, conditionalGroup,
                valueSets, maxLevels);
    }

    /** The same request at confidence level {@code newLevel}. */
    public AuditRequest withLevel(double newLevel) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, threads, newLevel, reference, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    /** A request with defaults for everything but the columns. */
    public static AuditRequest of(String label, String positive, String prediction, String score, List<String> groups) {
        return new AuditRequest(label, positive, prediction, score, false, groups, Map.of(), 1, 30, null, 0, 1, null, null,
                Runtime.getRuntime().availableProcessors(), 0.95);
    }

    public AuditRequest withIntersections(int k) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, k, minGroupSize, metrics,
                bootstrap, seed, cluster, weight, threads, level, reference, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    public AuditRequest withMinGroupSize(int n) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, n, metrics,
                bootstrap, seed, cluster, weight, threads, level, reference, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    public AuditRequest withBins(Map<String, String> newBins) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, newBins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, threads, level, reference, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    public AuditRequest withBootstrap(int replicates, long newSeed, String clusterColumn) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, replicates, newSeed, clusterColumn, weight, threads, level, reference, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    public AuditRequest withThreads(int n) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, n, level, reference, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    public AuditRequest withMetrics(List<String> names) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                names, bootstrap, seed, cluster, weight, threads, level, reference, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    public AuditRequest withRegression(boolean r) {
        return new AuditRequest(label, positive, prediction, score, r, groups, bins, intersections, minGroupSize, metrics,
                bootstrap, seed, cluster, weight, threads, level, reference, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    public AuditRequest withWeight(String column) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, column, threads, level, reference, policy, clarify,
                conditionalGroup, clarifyFacets, maxLevels);
    }

    /** The same request with another limit on distinct values per group attribute. */
    public AuditRequest withMaxLevels(int n) {
        return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                metrics, bootstrap, seed, cluster, weight, threads, level, reference, policy, clarify,
                conditionalGroup, clarifyFacets, n);
    }

    /** A builder with the defaults of {@link #of}: no columns, one attribute at a time, no bootstrap. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names every part of a request instead of two dozen positional arguments. */
    public static final class Builder {
        private String label;
        private String positive;
        private String prediction;
        private String score;
        private boolean regression;
        private List<String> groups = List.of();
        private Map<String, String> bins = Map.of();
        private int intersections = 1;
        private int minGroupSize = 30;
        private List<String> metrics;
        private int bootstrap;
        private long seed = 1;
        private String cluster;
        private String weight;
        private int threads = Runtime.getRuntime().availableProcessors();
        private double level = 0.95;
        private List<String> reference = List.of();
        private Policy policy;
        private boolean clarify;
        private String conditionalGroup;
        private List<String> clarifyFacets = List.of();
        private int maxLevels = DEFAULT_MAX_LEVELS;

        private Builder() {
        }

        /** The label column and the value counted as positive ({@code null}: 1/true/yes). */
        public Builder label(String column, String positiveValue) {
            this.label = column;
            this.positive = positiveValue;
            return this;
        }

        public Builder prediction(String column) {
            this.prediction = column;
            return this;
        }

        public Builder score(String column) {
            this.score = column;
            return this;
        }

        public Builder regression(boolean on) {
            this.regression = on;
            return this;
        }

        public Builder groups(List<String> attributes) {
            this.groups = attributes;
            return this;
        }

        public Builder bins(Map<String, String> cuts) {
            this.bins = cuts;
            return this;
        }

        public Builder intersections(int k) {
            this.intersections = k;
            return this;
        }

        public Builder minGroupSize(int n) {
            this.minGroupSize = n;
            return this;
        }

        public Builder maxLevels(int n) {
            this.maxLevels = n;
            return this;
        }

        /** Metric names to report, or {@code null} for all available. */
        public Builder metrics(List<String> names) {
            this.metrics = names;
            return this;
        }

        /** B bootstrap replicates (0: none), their seed and cluster column ({@code null}: each row). */
        public Builder bootstrap(int replicates, long bootstrapSeed, String clusterColumn) {
            this.bootstrap = replicates;
            this.seed = bootstrapSeed;
            this.cluster = clusterColumn;
            return this;
        }

        public Builder weight(String column) {
            this.weight = column;
            return this;
        }

        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        public Builder level(double confidence) {
            this.level = confidence;
            return this;
        }

        public Builder reference(List<String> choices) {
            this.reference = choices;
            return this;
        }

        public Builder policy(Policy p) {
            this.policy = p;
            return this;
        }

        /** Adds the Clarify metrics, conditioned on {@code group} ({@code null}: none) and with extra facets. */
        public Builder clarify(boolean on, String group, List<String> facets) {
            this.clarify = on;
            this.conditionalGroup = group;
            this.clarifyFacets = facets;
            return this;
        }

        public AuditRequest build() {
            return new AuditRequest(label, positive, prediction, score, regression, groups, bins, intersections, minGroupSize,
                    metrics, bootstrap, seed, cluster, weight, threads, level, reference, policy, clarify, conditionalGroup,
                    clarifyFacets, maxLevels);
        }
    }
}

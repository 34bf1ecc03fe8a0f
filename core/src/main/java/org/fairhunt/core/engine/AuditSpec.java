package org.fairhunt.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fairhunt.core.metric.Statistic;

/**
 * What to audit: the statistics (and so the metrics), the group attributes and intersection depth,
 * the minimum reportable slice size, and the bootstrap. Immutable; build with {@link #builder()}.
 *
 * @param groups        categorical group attributes (bin numeric ones first)
 * @param intersections the largest number of attributes combined in one slice (1 = each alone)
 * @param minGroupSize  slices with fewer rows are reported but flagged {@code too_small}
 * @param statistics    the statistic families to accumulate
 * @param replicates    bootstrap replicates (0 = none)
 * @param seed          bootstrap seed
 * @param cluster       column whose value identifies a bootstrap cluster, or {@code null} (each row its own)
 * @param weight        column of non-negative row weights, or {@code null} (all 1)
 * @param threads       worker threads (results do not depend on it)
 * @param auc           whether to compute AUC, with {@code aucLabel}, {@code aucPositive}, {@code aucScore}
 */
public record AuditSpec(List<String> groups, int intersections, int minGroupSize, List<Statistic> statistics,
        int replicates, long seed, String cluster, String weight, int threads,
        boolean auc, String aucLabel, String aucPositive, String aucScore) {

    public AuditSpec {
        groups = List.copyOf(groups);
        statistics = List.copyOf(statistics);
        if (intersections < 1) {
            throw new IllegalArgumentException("intersections must be at least 1, got " + intersections);
        }
        if (replicates < 0) {
            throw new IllegalArgumentException("bootstrap replicates must be >= 0, got " + replicates);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AuditSpec}; defaults: depth 1, min size 30, no bootstrap, seed 1, all cores. */
    public static final class Builder {
        private final List<String> groups = new ArrayList<>();
        private int intersections = 1;
        private int minGroupSize = 30;
        private final List<Statistic> statistics = new ArrayList<>();
        private int replicates;
        private long seed = 1;
        private String cluster;
        private String weight;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean auc;
        private String aucLabel;
        private String aucPositive;
        private String aucScore;

        public Builder group(String attribute) {
            groups.add(Objects.requireNonNull(attribute));
            return this;
        }

        public Builder groups(List<String> attributes) {
            attributes.forEach(this::group);
            return this;
        }

        public Builder intersections(int depth) {
            this.intersections = depth;
            return this;
        }

        public Builder minGroupSize(int n) {
            this.minGroupSize = n;
            return this;
        }

        public Builder statistic(Statistic s) {
            statistics.add(Objects.requireNonNull(s));
            return this;
        }

        public Builder bootstrap(int replicates, long seed) {
            this.replicates = replicates;
            this.seed = seed;
            return this;
        }

        public Builder cluster(String column) {
            this.cluster = column;
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

        /** Adds AUC of {@code score} against the binary {@code label}. */
        public Builder auc(String label, String positive, String score) {
            this.auc = true;
            this.aucLabel = label;
            this.aucPositive = positive;
            this.aucScore = score;
            return this;
        }

        public AuditSpec build() {
            return new AuditSpec(groups, intersections, minGroupSize, statistics, replicates, seed, cluster, weight,
                    threads, auc, aucLabel, aucPositive, aucScore);
        }
    }
}

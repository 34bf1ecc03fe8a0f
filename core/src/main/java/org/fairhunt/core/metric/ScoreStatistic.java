package org.fairhunt.core.metric;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * Sums for probability-score metrics of a binary label: the Brier score, the expected calibration error
 * over {@value #BINS} equal-width bins of [0, 1] (the last bin closed: a score of exactly 1 falls in
 * [0.9, 1]), and the mean score. A score outside [0, 1] is counted in {@code out_of_range} and makes
 * Brier and ECE undefined for its slice, since they are defined for probabilities only. AUC, a rank
 * metric, is computed by {@link Auc}.
 */
public final class ScoreStatistic implements Statistic {
    /** Number of equal-width calibration bins. */
    public static final int BINS = 10;
    static final int N = 0;
    static final int SUM_SQUARED_ERROR = 1;
    static final int SUM_SCORE = 2;
    static final int OUT_OF_RANGE = 3;
    static final int EXCLUDED = 4;
    static final int BIN_BASE = 5;

    private final String label;
    private final String positive;
    private final String score;

    public ScoreStatistic(String label, String positive, String score) {
        this.label = label;
        this.positive = positive;
        this.score = score;
    }

    @Override
    public String name() {
        return "score";
    }

    @Override
    public List<String> slotNames() {
        List<String> names = new ArrayList<>(List.of("n", "sum_squared_error", "sum_score", "out_of_range", "excluded"));
        for (int b = 0; b < BINS; b++) {
            names.add("bin" + b + "_n");
            names.add("bin" + b + "_sum_score");
            names.add("bin" + b + "_sum_label");
        }
        return names;
    }

    @Override
    public List<ScoreMetric> metrics() {
        return List.of(ScoreMetric.BRIER, ScoreMetric.ECE, ScoreMetric.MEAN_SCORE);
    }

    /** The bin of a probability in [0, 1]. */
    static int bin(double s) {
        return Math.min(BINS - 1, (int) (s * BINS));
    }

    @Override
    public RowStatistic bind(Table table) {
        BinaryOutcome y = BinaryOutcome.of(table, label, positive);
        NumericColumn scores = table.finite(score, "score");
        return new RowStatistic() {
            @Override
            public int contribute(int row, int[] slots, double[] values) {
                int yv = y.value(row);
                double s = scores.value(row);
                if (yv < 0 || Double.isNaN(s)) {
                    slots[0] = EXCLUDED;
                    values[0] = 1;
                    return 1;
                }
                slots[0] = N;
                values[0] = 1;
                slots[1] = SUM_SCORE;
                values[1] = s;
                if (s < 0 || s > 1) {
                    slots[2] = OUT_OF_RANGE;
                    values[2] = 1;
                    return 3;
                }
                double e = s - yv;
                slots[2] = SUM_SQUARED_ERROR;
                values[2] = e * e;
                int b = BIN_BASE + 3 * bin(s);
                slots[3] = b;
                values[3] = 1;
                slots[4] = b + 1;
                values[4] = s;
                slots[5] = b + 2;
                values[5] = yv;
                return 6;
            }

            @Override
            public int maxContributions() {
                return 6;
            }

            @Override
            public String exclusionNote() {
                return "rows with a missing '" + label + "' or '" + score + "' are left out of the score metrics";
            }
        };
    }

    /** Metrics of {@link ScoreStatistic}. */
    public enum ScoreMetric implements MetricDefinition {
        BRIER("brier", "Brier score: mean squared difference between score and label (0/1)", Boolean.FALSE),
        ECE("ece", "expected calibration error: Σ over 10 equal-width score bins of (bin share) × |mean score − positive rate|", Boolean.FALSE),
        MEAN_SCORE("mean_score", "mean predicted score", null);

        private final String metricName;
        private final String description;
        private final Boolean higherIsBetter;

        ScoreMetric(String metricName, String description, Boolean higherIsBetter) {
            this.metricName = metricName;
            this.description = description;
            this.higherIsBetter = higherIsBetter;
        }

        @Override
        public String metricName() {
            return metricName;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public Boolean higherIsBetter() {
            return higherIsBetter;
        }

        @Override
        public MetricValue evaluate(double[] s, int o) {
            double n = s[o + N];
            if (n <= 0) {
                return MetricValue.undefined("no rows with a label and a score");
            }
            if (this == MEAN_SCORE) {
                return MetricValue.of(s[o + SUM_SCORE] / n);
            }
            if (s[o + OUT_OF_RANGE] > 0) {
                return MetricValue.undefined("scores outside [0, 1] are not probabilities");
            }
            if (this == BRIER) {
                return MetricValue.of(s[o + SUM_SQUARED_ERROR] / n);
            }
            double ece = 0;
            for (int b = 0; b < BINS; b++) {
                int k = o + BIN_BASE + 3 * b;
                double nb = s[k];
                if (nb > 0) {
                    ece += nb / n * Math.abs(s[k + 1] / nb - s[k + 2] / nb);
                }
            }
            return MetricValue.of(ece);
        }
    }
}

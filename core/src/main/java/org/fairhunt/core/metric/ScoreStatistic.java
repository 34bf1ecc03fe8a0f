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
        return List.of(ScoreMetric.BRIER, ScoreMetric.ECE, ScoreMetric.ECE_DEBIASED, ScoreMetric.SCE_DEBIASED, ScoreMetric.MEAN_SCORE);
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

            /** Row counts and the bins' counts of positive labels (0/1); the score sums are fractional. */
            @Override
            public boolean isCountSlot(int slot) {
                return slot == N || slot == OUT_OF_RANGE || slot == EXCLUDED || slot >= BIN_BASE && (slot - BIN_BASE) % 3 != 1;
            }

            @Override
            public String exclusionNote() {
                return "rows with a missing '" + label + "' or '" + score + "' are left out of the score metrics";
            }
        };
    }

    /**
     * {@code 2|d| − E|X|}, {@code X ~ N(d, σ²)}, {@code σ² = r(1 − r)/(n − 1)}: the plug-in {@code |d|} minus its
     * bias estimated at {@code d} (Kumar, Liang and Ma 2019, the debiased estimator with the Gaussian expectation
     * in closed form: {@code E|X| = σ√(2/π) e^{−d²/2σ²} + d (1 − 2Φ(−d/σ))}). A bin of one row, or with
     * {@code r} 0 or 1, has no estimated noise and keeps {@code |d|}.
     */
    static double debiasedAbs(double d, double r, double n) {
        double variance = n > 1 ? r * (1 - r) / (n - 1) : 0;
        if (!(variance > 0)) {
            return Math.abs(d);
        }
        double sigma = Math.sqrt(variance);
        double expected = sigma * Math.sqrt(2 / Math.PI) * Math.exp(-d * d / (2 * variance))
                + d * (1 - 2 * org.fairhunt.core.stats.Proportions.normalCdf(-d / sigma));
        return 2 * Math.abs(d) - expected;
    }

    /** Metrics of {@link ScoreStatistic}. */
    public enum ScoreMetric implements MetricDefinition {
        BRIER("brier", "Brier score: mean squared difference between score and label (0/1)", Boolean.FALSE),
        ECE("ece", "expected calibration error: Σ over 10 equal-width score bins of (bin share) × |mean score − positive rate| "
                + "(biased upward: a calibrated model scores about 0.07 at 200 rows; its interval reaches 0, see sce_debiased)",
                Boolean.FALSE),
        ECE_DEBIASED("ece_debiased", "ECE with the bias of each bin's |d| estimated and subtracted (Kumar, Liang and Ma 2019): "
                + "Σ (bin share) × (2|d| − E|N(d, r(1 − r)/(n_bin − 1))|), d = mean score − positive rate r; much less biased, "
                + "may fall below 0", Boolean.FALSE),
        SCE_DEBIASED("sce_debiased", "squared calibration error, unbiased (Kumar, Liang and Ma 2019): Σ (bin share) × (d² − "
                + "r(1 − r)/(n_bin − 1)); 0 in expectation for a calibrated model, may fall below 0; since ece ≥ this, its "
                + "interval's lower end is the lower end of the ECE intervals", Boolean.FALSE),
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
        public String lowerBoundSeries() {
            return this == ECE || this == ECE_DEBIASED ? SCE_DEBIASED.metricName : null;
        }

        @Override
        public String upperBoundSeries() {
            return this == ECE || this == ECE_DEBIASED ? ECE.metricName : null;
        }

        @Override
        public boolean nonNegative() {
            return this == SCE_DEBIASED;
        }

        /**
         * The binned calibration test of Hosmer and Lemeshow for external validation: {@code Σ (O − E)² / (E (1 − E/n))}
         * over the bins (O positive labels, E summed scores, n rows), chi-square with one degree of freedom per
         * bin used (no parameters were fitted to these data).
         */
        @Override
        public double zeroPValue(double[] s, int o) {
            if (this != ECE && this != ECE_DEBIASED || s[o + OUT_OF_RANGE] > 0) {
                return Double.NaN;
            }
            double statistic = 0;
            int bins = 0;
            for (int b = 0; b < BINS; b++) {
                int k = o + BIN_BASE + 3 * b;
                double nb = s[k];
                double expected = s[k + 1];
                if (nb > 0 && expected > 0 && expected < nb) {
                    double diff = s[k + 2] - expected;
                    statistic += diff * diff / (expected * (1 - expected / nb));
                    bins++;
                }
            }
            return bins == 0 ? Double.NaN
                    : 1 - new org.hipparchus.distribution.continuous.ChiSquaredDistribution(bins).cumulativeProbability(statistic);
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
                    double d = s[k + 1] / nb - s[k + 2] / nb;
                    double r = s[k + 2] / nb;
                    ece += nb / n * switch (this) {
                        case ECE -> Math.abs(d);
                        case ECE_DEBIASED -> debiasedAbs(d, r, nb);
                        default -> d * d - (nb > 1 ? r * (1 - r) / (nb - 1) : 0);
                    };
                }
            }
            return MetricValue.of(ece);
        }
    }
}

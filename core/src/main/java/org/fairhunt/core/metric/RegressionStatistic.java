package org.fairhunt.core.metric;

import java.util.List;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * Sums for a numeric label and prediction, with the error {@code e = prediction − label}: slots
 * {@code n, sum_error, sum_abs_error, sum_squared_error, excluded}.
 */
public final class RegressionStatistic implements Statistic {
    static final int N = 0;
    static final int SUM_ERROR = 1;
    static final int SUM_ABS = 2;
    static final int SUM_SQUARED = 3;
    static final int EXCLUDED = 4;

    private final String label;
    private final String prediction;

    public RegressionStatistic(String label, String prediction) {
        this.label = label;
        this.prediction = prediction;
    }

    @Override
    public String name() {
        return "regression";
    }

    @Override
    public List<String> slotNames() {
        return List.of("n", "sum_error", "sum_abs_error", "sum_squared_error", "excluded");
    }

    @Override
    public List<RegressionMetric> metrics() {
        return List.of(RegressionMetric.values());
    }

    @Override
    public RowStatistic bind(Table table) {
        NumericColumn y = table.finite(label, "numeric label");
        NumericColumn p = table.finite(prediction, "numeric prediction");
        return new RowStatistic() {
            @Override
            public int contribute(int row, int[] slots, double[] values) {
                double e = p.value(row) - y.value(row);
                if (Double.isNaN(e)) {
                    slots[0] = EXCLUDED;
                    values[0] = 1;
                    return 1;
                }
                slots[0] = N;
                values[0] = 1;
                slots[1] = SUM_ERROR;
                values[1] = e;
                slots[2] = SUM_ABS;
                values[2] = Math.abs(e);
                slots[3] = SUM_SQUARED;
                values[3] = e * e;
                return 4;
            }

            @Override
            public int maxContributions() {
                return 4;
            }

            @Override
            public String exclusionNote() {
                return "rows with a missing '" + label + "' or '" + prediction + "' are left out of the regression metrics";
            }
        };
    }

    /** Metrics of {@link RegressionStatistic}. */
    public enum RegressionMetric implements MetricDefinition {
        MAE("mae", "mean absolute error", Boolean.FALSE),
        RMSE("rmse", "root mean squared error", Boolean.FALSE),
        MEAN_ERROR("mean_error", "mean signed error, prediction − label (positive: over-prediction)", null);

        private final String metricName;
        private final String description;
        private final Boolean higherIsBetter;

        RegressionMetric(String metricName, String description, Boolean higherIsBetter) {
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
                return MetricValue.undefined("no rows with a label and a prediction");
            }
            return switch (this) {
                case MAE -> MetricValue.of(s[o + SUM_ABS] / n);
                case RMSE -> MetricValue.of(Math.sqrt(s[o + SUM_SQUARED] / n));
                case MEAN_ERROR -> MetricValue.of(s[o + SUM_ERROR] / n);
            };
        }
    }
}

package org.fairhunt.cli.demo;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * The credit demo's baseline model: an L2-regularised logistic regression on a table's columns,
 * fitted by the bounty's solver ({@link org.fairhunt.bounty.learn.LogisticRegression#newton}, the one
 * owner of that method). Categorical features are one-hot encoded against their first level, numeric
 * ones standardised; a missing value gets all-zero codes.
 */
public final class CreditBaseline {
    private final List<String> features;
    private final double[] means;
    private final double[] scales;
    private final double[] coefficients;
    private final int[] offsets;

    private CreditBaseline(List<String> features, double[] means, double[] scales, double[] coefficients, int[] offsets) {
        this.features = features;
        this.means = means;
        this.scales = scales;
        this.coefficients = coefficients;
        this.offsets = offsets;
    }

    /**
     * Fits on the rows {@code train} of {@code table}.
     *
     * @param positive 1 for each row of {@code table} that is positive
     * @param lambda   ridge penalty on the coefficients (not the intercept)
     */
    public static CreditBaseline fit(Table table, List<String> features, int[] positive, int[] train, double lambda) {
        int f = features.size();
        double[] means = new double[f];
        double[] scales = new double[f];
        int[] offsets = new int[f + 1];
        offsets[0] = 1;
        for (int j = 0; j < f; j++) {
            Column c = table.column(features.get(j));
            if (c instanceof NumericColumn num) {
                double s = 0;
                double s2 = 0;
                int n = 0;
                for (int i : train) {
                    double v = num.value(i);
                    if (!Double.isNaN(v)) {
                        s += v;
                        s2 += v * v;
                        n++;
                    }
                }
                means[j] = n == 0 ? 0 : s / n;
                scales[j] = n < 2 ? 1 : Math.max(1e-12, Math.sqrt(Math.max(0, s2 / n - means[j] * means[j])));
                offsets[j + 1] = offsets[j] + 1;
            } else {
                offsets[j + 1] = offsets[j] + Math.max(0, ((CategoricalColumn) c).levelCount() - 1);
            }
        }
        int p = offsets[f];
        CreditBaseline model = new CreditBaseline(List.copyOf(features), means, scales, new double[p], offsets);
        double[][] x = new double[train.length][];
        double[] y = new double[train.length];
        for (int r = 0; r < train.length; r++) {
            x[r] = model.encode(table, train[r]);
            y[r] = positive[train[r]];
        }
        double[] penalty = new double[p];
        java.util.Arrays.fill(penalty, 1, p, lambda);
        double[] beta = org.fairhunt.bounty.learn.LogisticRegression.newton(x, y, penalty, 25, 1e-9);
        System.arraycopy(beta, 0, model.coefficients, 0, p);
        return model;
    }

    private double[] encode(Table table, int row) {
        double[] x = new double[offsets[features.size()]];
        x[0] = 1;
        for (int j = 0; j < features.size(); j++) {
            Column c = table.column(features.get(j));
            if (c instanceof NumericColumn num) {
                double v = num.value(row);
                x[offsets[j]] = Double.isNaN(v) ? 0 : (v - means[j]) / scales[j];
            } else {
                int code = ((CategoricalColumn) c).code(row);
                if (code > 0) {
                    x[offsets[j] + code - 1] = 1;
                }
            }
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The predicted probability of the positive class for {@code row}. */
    public double probability(Table table, int row) {
        return sigmoid(dot(coefficients, encode(table, row)));
    }

    /** The features, in order. */
    public List<String> features() {
        return new ArrayList<>(features);
    }
}

package org.fairhunt.cli.demo;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * A small L2-regularised logistic regression fitted by iteratively reweighted least squares (Newton's
 * method), exact and deterministic — enough for a demo baseline. Categorical features are one-hot
 * encoded against their first level, numeric ones standardised; a missing value gets all-zero codes.
 */
public final class LogisticRegression {
    private final List<String> features;
    private final double[] means;
    private final double[] scales;
    private final double[] coefficients;
    private final int[] offsets;

    private LogisticRegression(List<String> features, double[] means, double[] scales, double[] coefficients, int[] offsets) {
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
    public static LogisticRegression fit(Table table, List<String> features, int[] positive, int[] train, double lambda) {
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
        LogisticRegression model = new LogisticRegression(List.copyOf(features), means, scales, new double[p], offsets);
        double[][] x = new double[train.length][];
        for (int r = 0; r < train.length; r++) {
            x[r] = model.encode(table, train[r]);
        }
        double[] beta = model.coefficients;
        for (int iteration = 0; iteration < 25; iteration++) {
            double[][] h = new double[p][p];
            double[] g = new double[p];
            for (int r = 0; r < train.length; r++) {
                double mu = sigmoid(dot(beta, x[r]));
                double w = Math.max(mu * (1 - mu), 1e-10);
                double resid = positive[train[r]] - mu;
                for (int a = 0; a < p; a++) {
                    double xa = x[r][a];
                    if (xa == 0) {
                        continue;
                    }
                    g[a] += xa * resid;
                    for (int b = 0; b <= a; b++) {
                        h[a][b] += w * xa * x[r][b];
                    }
                }
            }
            for (int a = 1; a < p; a++) {
                g[a] -= lambda * beta[a];
                h[a][a] += lambda;
            }
            h[0][0] += 1e-9;
            double[] step = solveCholesky(h, g);
            double change = 0;
            for (int a = 0; a < p; a++) {
                beta[a] += step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < 1e-9) {
                break;
            }
        }
        return model;
    }

    /** Solves {@code H x = g} for symmetric positive definite H given by its lower triangle. */
    static double[] solveCholesky(double[][] h, double[] g) {
        int n = g.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = g[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
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

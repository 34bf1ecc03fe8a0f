package org.fairhunt.bounty.learn;

import org.fairhunt.bounty.schema.Feature;
import org.fairhunt.bounty.schema.FeatureSchema;

/**
 * L2-regularized binary logistic regression fitted by Newton's method. Numeric features are
 * standardized for the fit (missing values take the mean) and the scaling is folded back into the
 * weights; categorical features are one-hot by level code.
 */
public final class LogisticRegression {
    /** Penalty on the standardized weights (not on the bias). */
    private final double lambda;

    public LogisticRegression(double lambda) {
        this.lambda = lambda;
    }

    /**
     * Weights on the original scale. For feature j: {@code levelWeights[j]} (categorical, one per
     * level) or {@code means[j]} and {@code numericWeights[j]} (numeric).
     */
    public record Weights(float[][] levelWeights, float[] means, float[] numericWeights, float bias) {
        /** The logit of {@code row}, computed as the ONNX graph does (up to float rounding). */
        public double logit(FeatureSchema schema, float[][] x, int row) {
            double z = bias;
            for (int j = 0; j < schema.features().size(); j++) {
                float v = x[j][row];
                if (schema.features().get(j).categorical()) {
                    if (!Float.isNaN(v) && v >= 0 && v < levelWeights[j].length && v == Math.rint(v)) {
                        z += levelWeights[j][(int) v];
                    }
                } else {
                    z += (double) numericWeights[j] * (Float.isNaN(v) ? means[j] : v);
                }
            }
            return z;
        }
    }

    /** Fits class 1 vs class 0 of {@code y} on {@code rows}. */
    public Weights fit(FeatureSchema schema, float[][] x, double[] y, int[] rows) {
        int f = schema.features().size();
        int[] offset = new int[f];
        double[] mu = new double[f];
        double[] sd = new double[f];
        int d = 0;
        for (int j = 0; j < f; j++) {
            Feature feat = schema.features().get(j);
            offset[j] = d;
            if (feat.categorical()) {
                d += feat.levels().size();
            } else {
                double s = 0;
                double ss = 0;
                int n = 0;
                for (int r : rows) {
                    float v = x[j][r];
                    if (!Float.isNaN(v)) {
                        s += v;
                        ss += (double) v * v;
                        n++;
                    }
                }
                mu[j] = n == 0 ? 0 : s / n;
                double var = n == 0 ? 0 : ss / n - mu[j] * mu[j];
                sd[j] = var > 1e-12 ? Math.sqrt(var) : 1;
                d += 1;
            }
        }
        int n = rows.length;
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            for (int j = 0; j < f; j++) {
                float v = x[j][r];
                if (schema.features().get(j).categorical()) {
                    int k = schema.features().get(j).levels().size();
                    if (!Float.isNaN(v) && v >= 0 && v < k) {
                        z[i][offset[j] + (int) v] = 1;
                    }
                } else {
                    z[i][offset[j]] = Float.isNaN(v) ? 0 : (v - mu[j]) / sd[j];
                }
            }
            z[i][d] = 1;
        }
        double[] beta = new double[d + 1];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[d + 1];
            double[][] hess = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int a = 0; a <= d; a++) {
                    eta += z[i][a] * beta[a];
                }
                double p = 1 / (1 + Math.exp(-eta));
                double g = p - y[rows[i]];
                double h = Math.max(p * (1 - p), 1e-10);
                for (int a = 0; a <= d; a++) {
                    if (z[i][a] == 0) {
                        continue;
                    }
                    grad[a] += g * z[i][a];
                    for (int b = 0; b <= d; b++) {
                        hess[a][b] += h * z[i][a] * z[i][b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                grad[a] += lambda * beta[a];
                hess[a][a] += lambda;
            }
            hess[d][d] += 1e-9;
            double[] step = solve(hess, grad);
            double max = 0;
            for (int a = 0; a <= d; a++) {
                beta[a] -= step[a];
                max = Math.max(max, Math.abs(step[a]));
            }
            if (max < 1e-8) {
                break;
            }
        }
        float[][] levelWeights = new float[f][];
        float[] means = new float[f];
        float[] numericWeights = new float[f];
        double bias = beta[d];
        for (int j = 0; j < f; j++) {
            if (schema.features().get(j).categorical()) {
                int k = schema.features().get(j).levels().size();
                levelWeights[j] = new float[k];
                for (int c = 0; c < k; c++) {
                    levelWeights[j][c] = (float) beta[offset[j] + c];
                }
            } else {
                double wj = beta[offset[j]] / sd[j];
                numericWeights[j] = (float) wj;
                means[j] = (float) mu[j];
                bias -= wj * mu[j];
            }
        }
        return new Weights(levelWeights, means, numericWeights, (float) bias);
    }

    /** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] v = b.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double tv = v[c];
            v[c] = v[p];
            v[p] = tv;
            if (Math.abs(m[c][c]) < 1e-300) {
                continue;
            }
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                if (f == 0) {
                    continue;
                }
                for (int k = c; k < n; k++) {
                    m[r][k] -= f * m[c][k];
                }
                v[r] -= f * v[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = v[r];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = Math.abs(m[r][r]) < 1e-300 ? 0 : s / m[r][r];
        }
        return x;
    }
}

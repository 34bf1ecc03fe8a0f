package org.fairhunt.bounty.learn;

import org.fairhunt.bounty.schema.Feature;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
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
        double[] penalty = new double[d + 1];
        java.util.Arrays.fill(penalty, 0, d, lambda);
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = y[rows[i]];
        }
        double[] beta = newton(z, labels, penalty, 50, 1e-8);
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

    /**
     * The one logistic-regression solver: Newton's method (iteratively reweighted least squares) for
     * the L2-penalized log-likelihood of a design matrix, each step solved by Hipparchus's Cholesky
     * decomposition of the (symmetric, positive definite) penalized Hessian, with its QR decomposition
     * as the fallback when a column is all zero and unpenalized.
     *
     * @param design        one row per observation, one column per coefficient (include an intercept column)
     * @param y             0/1 per row
     * @param penalty       ridge penalty per coefficient (0 for the intercept)
     * @param maxIterations Newton steps at most
     * @param tolerance     stop when no coefficient moves more than this
     * @return the coefficients
     */
    public static double[] newton(double[][] design, double[] y, double[] penalty, int maxIterations, double tolerance) {
        int p = penalty.length;
        double[] beta = new double[p];
        for (int iter = 0; iter < maxIterations; iter++) {
            double[] grad = new double[p];
            double[][] hess = new double[p][p];
            for (int i = 0; i < design.length; i++) {
                double[] z = design[i];
                double eta = 0;
                for (int a = 0; a < p; a++) {
                    eta += z[a] * beta[a];
                }
                double mu = 1 / (1 + Math.exp(-eta));
                double w = Math.max(mu * (1 - mu), 1e-10);
                double r = y[i] - mu;
                for (int a = 0; a < p; a++) {
                    double za = z[a];
                    if (za == 0) {
                        continue;
                    }
                    grad[a] += za * r;
                    for (int b = 0; b <= a; b++) {
                        hess[a][b] += w * za * z[b];
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                grad[a] -= penalty[a] * beta[a];
                // A tiny ridge keeps an unpenalized, constant column (the intercept) from a zero pivot.
                hess[a][a] += penalty[a] > 0 ? penalty[a] : 1e-9;
                for (int b = 0; b < a; b++) {
                    hess[b][a] = hess[a][b];
                }
            }
            double[] step = solve(hess, grad);
            double max = 0;
            for (int a = 0; a < p; a++) {
                beta[a] += step[a];
                max = Math.max(max, Math.abs(step[a]));
            }
            if (max < tolerance) {
                break;
            }
        }
        return beta;
    }

    /** Solves H x = g for the symmetric penalized Hessian H. */
    static double[] solve(double[][] h, double[] g) {
        RealMatrix m = MatrixUtils.createRealMatrix(h);
        RealVector v = new ArrayRealVector(g, false);
        try {
            return new CholeskyDecomposition(m, 1e-12, 1e-300).getSolver().solve(v).toArray();
        } catch (MathIllegalArgumentException notPositiveDefinite) {
            return new QRDecomposition(m).getSolver().solve(v).toArray();
        }
    }
}

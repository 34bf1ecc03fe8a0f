package org.fairhunt.bounty.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one logistic-regression solver (Newton steps through Hipparchus's decompositions). */
class LogisticRegressionTest {
    @Test
    void an_intercept_only_model_is_the_logit_of_the_positive_share() {
        double[][] x = new double[8][];
        double[] y = {1, 1, 0, 1, 0, 0, 1, 1};
        for (int i = 0; i < 8; i++) {
            x[i] = new double[] {1};
        }
        // By hand: the MLE of p is 5/8, so the intercept is log(5/3).
        assertEquals(Math.log(5.0 / 3.0), LogisticRegression.newton(x, y, new double[] {0}, 50, 1e-12)[0], 1e-8);
    }

    @Test
    void the_solution_zeroes_the_gradient_of_the_penalized_likelihood() {
        Random rnd = new Random(5);
        int n = 400;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextBoolean() ? 1 : 0;
            x[i] = new double[] {1, a, b, 0};
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-(0.3 + 1.5 * a - b))) ? 1 : 0;
        }
        double[] penalty = {0, 0.7, 0.7, 0.7};
        double[] beta = LogisticRegression.newton(x, y, penalty, 50, 1e-12);
        // Independently: d/dbeta [sum log-likelihood - 1/2 sum penalty beta^2] = sum (y - p) x - penalty beta.
        for (int a = 0; a < 4; a++) {
            double g = -penalty[a] * beta[a];
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int k = 0; k < 4; k++) {
                    eta += x[i][k] * beta[k];
                }
                g += (y[i] - 1 / (1 + Math.exp(-eta))) * x[i][a];
            }
            assertEquals(0, g, 1e-9, "gradient component " + a);
        }
        // The all-zero, penalized column gets weight 0 exactly.
        assertEquals(0.0, beta[3], 0.0);
    }
}

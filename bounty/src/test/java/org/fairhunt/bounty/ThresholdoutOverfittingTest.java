package org.fairhunt.bounty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.fairhunt.bounty.pdl.Thresholdout;
import org.junit.jupiter.api.Test;

/**
 * The adaptive-overfitting experiment of Dwork et al. (Science 2015, Fig. 2) with no signal at all: labels
 * are independent of d Gaussian features, so every classifier's true accuracy is ½. The analyst asks the
 * holdout for each feature's correlation with the label, keeps the features whose training and holdout
 * correlations agree in sign and both exceed 1/√n, and builds a classifier from the k strongest; then asks
 * the holdout for that classifier's accuracy. Answered by the plain holdout, the selection is fitted to the
 * holdout and the reported accuracy is far above the fresh test split's; answered by Thresholdout (the
 * paper's T = 4/√n, σ = 1/√n), the reported accuracy tracks the test split.
 */
class ThresholdoutOverfittingTest {
    static final int N = 2000;
    static final int D = 2000;
    static final int K = 100;
    static final int REPS = 10;

    @Test
    void adaptive_selection_overfits_the_plain_holdout_and_not_thresholdout() {
        Outcome[] plain = new Outcome[REPS];
        Outcome[] reuse = new Outcome[REPS];
        for (int rep = 0; rep < REPS; rep++) {
            Random r = new Random(1000 + rep);
            Split train = Split.noise(r);
            Split holdout = Split.noise(r);
            Split test = Split.noise(r);
            plain[rep] = run(train, holdout, test, null);
            double s = 1 / Math.sqrt(N);
            reuse[rep] = run(train, holdout, test, new Thresholdout(new Thresholdout.Settings(4 * s, s, D + 1), 77 + rep));
        }
        double plainFit = Arrays.stream(plain).mapToDouble(o -> o.holdout - o.test).average().orElseThrow();
        double reuseFit = Arrays.stream(reuse).mapToDouble(o -> o.holdout - o.test).average().orElseThrow();
        double plainReported = Arrays.stream(plain).mapToDouble(o -> o.reported - o.test).average().orElseThrow();
        double reuseReported = Arrays.stream(reuse).filter(o -> o.fromHoldout).mapToDouble(o -> o.reported - o.test).average().orElseThrow();
        long fromHoldout = Arrays.stream(reuse).filter(o -> o.fromHoldout).count();
        String figures = String.format(java.util.Locale.ROOT, "%d runs, n = d = %d, k = %d. Holdout − test accuracy of the chosen classifier: "
                + "plain %.4f, Thresholdout %.4f. Reported − test: plain %.4f; Thresholdout %.4f over the %d final answers from the "
                + "holdout (the other %d answered the training accuracy)", REPS, N, K, plainFit, reuseFit, plainReported, reuseReported,
                fromHoldout, REPS - fromHoldout);
        System.out.println(figures);
        // The test split's accuracy has sd 1/(2√n) = 0.011 per run, a difference of two splits 0.016, a mean of 10 of them 0.005.
        assertTrue(plainFit > 0.1 && plainReported > 0.1, "the plain holdout is overfitted: " + figures);
        assertTrue(Math.abs(reuseFit) < 0.025, "Thresholdout's holdout is not: " + figures);
        // Holdout answers carry Lap(σ) noise, sd √2σ = 0.032 per answer.
        assertTrue(fromHoldout >= REPS / 2 && Math.abs(reuseReported) < 0.05, figures);
    }

    record Outcome(double holdout, double test, double reported, boolean fromHoldout) {
    }

    /** The analyst's classifier: its exact holdout and test accuracies and what the holdout mechanism reported. */
    static Outcome run(Split train, Split holdout, Split test, Thresholdout reuse) {
        double cut = 1 / Math.sqrt(N);
        double[] score = new double[D];
        for (int j = 0; j < D; j++) {
            double ct = train.correlation(j);
            double ch = reuse == null ? holdout.correlation(j) : reuse.query(ct, holdout.correlation(j)).value();
            score[j] = Math.abs(ct) > cut && Math.abs(ch) > cut && Math.signum(ct) == Math.signum(ch) ? ct : 0;
        }
        Integer[] order = new Integer[D];
        for (int j = 0; j < D; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(score[b]), Math.abs(score[a])));
        double[] w = new double[D];
        for (int i = 0; i < K && score[order[i]] != 0; i++) {
            w[order[i]] = Math.signum(score[order[i]]);
        }
        double onHoldout = holdout.accuracy(w);
        if (reuse == null) {
            return new Outcome(onHoldout, test.accuracy(w), onHoldout, true);
        }
        Thresholdout.Answer a = reuse.query(train.accuracy(w), onHoldout);
        return new Outcome(onHoldout, test.accuracy(w), a.value(), a.overThreshold());
    }

    /** n rows of d standard normal features and independent ±1 labels. */
    record Split(double[][] x, double[] y) {
        static Split noise(Random r) {
            double[][] x = new double[N][D];
            double[] y = new double[N];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < D; j++) {
                    x[i][j] = r.nextGaussian();
                }
                y[i] = r.nextBoolean() ? 1 : -1;
            }
            return new Split(x, y);
        }

        /** The paper's correlation query: mean of x_j·y. */
        double correlation(int j) {
            double s = 0;
            for (int i = 0; i < N; i++) {
                s += x[i][j] * y[i];
            }
            return s / N;
        }

        double accuracy(double[] w) {
            int right = 0;
            for (int i = 0; i < N; i++) {
                double s = 0;
                for (int j = 0; j < D; j++) {
                    s += w[j] * x[i][j];
                }
                right += Math.signum(s) == y[i] ? 1 : 0;
            }
            return right / (double) N;
        }
    }
}

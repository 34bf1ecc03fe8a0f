package org.fairhunt.core.engine;

import org.fairhunt.core.metric.MetricValue;

/**
 * The test oracle for {@link AucPass}: AUC of one set of rows, computed independently (a comparison sort
 * of boxed indices and one sweep over tie blocks, {@code O(n log n)}), with the engine's reason strings.
 */
final class Auc {
    private Auc() {
    }

    /**
     * @param scores   scores, none NaN
     * @param positive whether each row is positive
     * @param weights  row weights, or {@code null} for 1
     */
    static MetricValue of(double[] scores, boolean[] positive, double[] weights) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a] == 0 ? 0 : scores[a], scores[b] == 0 ? 0 : scores[b]));
        double cumulativeNegatives = 0;
        double numerator = 0;
        double pos = 0;
        double neg = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            double blockNeg = 0;
            double blockPos = 0;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                double w = weights == null ? 1 : weights[order[j]];
                if (positive[order[j]]) {
                    blockPos += w;
                } else {
                    blockNeg += w;
                }
                j++;
            }
            numerator += blockPos * (cumulativeNegatives + 0.5 * blockNeg);
            cumulativeNegatives += blockNeg;
            pos += blockPos;
            neg += blockNeg;
            i = j;
        }
        if (pos <= 0) {
            return MetricValue.undefined(AucPass.NO_POSITIVES);
        }
        if (neg <= 0) {
            return MetricValue.undefined(AucPass.NO_NEGATIVES);
        }
        return MetricValue.of(numerator / (pos * neg));
    }
}

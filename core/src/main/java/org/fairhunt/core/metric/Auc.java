package org.fairhunt.core.metric;

/**
 * The area under the ROC curve, exactly: the Mann–Whitney statistic, i.e. the (weighted) share of
 * positive–negative pairs in which the positive has the higher score, ties counting one half. It is a
 * rank metric, not a sum, so the engine computes it from the rows of each slice sorted by score.
 */
public final class Auc {
    /** Name, description and direction of AUC. */
    public static final MetricInfo INFO = new MetricInfo() {
        @Override
        public String metricName() {
            return "auc";
        }

        @Override
        public String description() {
            return "area under the ROC curve: P(score of a positive > score of a negative), ties count 1/2";
        }

        @Override
        public Boolean higherIsBetter() {
            return Boolean.TRUE;
        }
    };

    private Auc() {
    }

    /**
     * AUC of one set of rows, sorting a copy: {@code O(n log n)}.
     *
     * @param scores   scores, none NaN
     * @param positive whether each row is positive
     * @param weights  row weights, or {@code null} for 1
     */
    public static MetricValue of(double[] scores, boolean[] positive, double[] weights) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
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
            return MetricValue.undefined("no positives");
        }
        if (neg <= 0) {
            return MetricValue.undefined("no negatives");
        }
        return MetricValue.of(numerator / (pos * neg));
    }
}

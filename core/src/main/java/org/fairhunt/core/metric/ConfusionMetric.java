package org.fairhunt.core.metric;

import static org.fairhunt.core.metric.ConfusionStatistic.FN;
import static org.fairhunt.core.metric.ConfusionStatistic.FP;
import static org.fairhunt.core.metric.ConfusionStatistic.TN;
import static org.fairhunt.core.metric.ConfusionStatistic.TP;

/**
 * The metrics of a binary confusion matrix. Each is a proportion {@code numerator / denominator} of
 * weighted counts; an empty denominator makes it undefined with the reason given here.
 */
public enum ConfusionMetric implements MetricDefinition {
    COUNT("count", "rows with both a label and a prediction", null),
    ACCURACY("accuracy", "(TP + TN) / all", Boolean.TRUE),
    ERROR_RATE("error_rate", "(FP + FN) / all", Boolean.FALSE),
    TPR("tpr", "true positive rate (recall): TP / (TP + FN)", Boolean.TRUE),
    FPR("fpr", "false positive rate: FP / (FP + TN)", Boolean.FALSE),
    FNR("fnr", "false negative rate: FN / (TP + FN)", Boolean.FALSE),
    TNR("tnr", "true negative rate (specificity): TN / (FP + TN)", Boolean.TRUE),
    PRECISION("precision", "positive predictive value: TP / (TP + FP)", Boolean.TRUE),
    NPV("npv", "negative predictive value: TN / (TN + FN)", Boolean.TRUE),
    FDR("fdr", "false discovery rate: FP / (TP + FP)", Boolean.FALSE),
    FALSE_OMISSION_RATE("false_omission_rate", "FN / (TN + FN)", Boolean.FALSE),
    SELECTION_RATE("selection_rate", "share predicted positive: (TP + FP) / all", null),
    PREVALENCE("prevalence", "share actually positive: (TP + FN) / all", null);

    private final String metricName;
    private final String description;
    private final Boolean higherIsBetter;

    ConfusionMetric(String metricName, String description, Boolean higherIsBetter) {
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
    public boolean isSize() {
        return this == COUNT;
    }

    @Override
    public MetricValue evaluate(double[] s, int o) {
        if (this == COUNT) {
            return MetricValue.of(s[o + TP] + s[o + FP] + s[o + TN] + s[o + FN]);
        }
        double[] p = proportion(s, o);
        return MetricValue.ratio(p[0], p[1], undefinedReason());
    }

    @Override
    public double[] proportion(double[] s, int o) {
        double tp = s[o + TP];
        double fp = s[o + FP];
        double tn = s[o + TN];
        double fn = s[o + FN];
        double all = tp + fp + tn + fn;
        return switch (this) {
            case COUNT -> null;
            case ACCURACY -> new double[] {tp + tn, all};
            case ERROR_RATE -> new double[] {fp + fn, all};
            case TPR -> new double[] {tp, tp + fn};
            case FPR -> new double[] {fp, fp + tn};
            case FNR -> new double[] {fn, tp + fn};
            case TNR -> new double[] {tn, fp + tn};
            case PRECISION -> new double[] {tp, tp + fp};
            case NPV -> new double[] {tn, tn + fn};
            case FDR -> new double[] {fp, tp + fp};
            case FALSE_OMISSION_RATE -> new double[] {fn, tn + fn};
            case SELECTION_RATE -> new double[] {tp + fp, all};
            case PREVALENCE -> new double[] {tp + fn, all};
        };
    }

    private String undefinedReason() {
        return switch (this) {
            case TPR, FNR -> "no positives";
            case FPR, TNR -> "no negatives";
            case PRECISION, FDR -> "no positive predictions";
            case NPV, FALSE_OMISSION_RATE -> "no negative predictions";
            default -> "no rows with a label and a prediction";
        };
    }
}

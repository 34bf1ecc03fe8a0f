package org.fairhunt.core.clarify;

import static org.fairhunt.core.clarify.ClarifyStatistic.NEGATIVE;
import static org.fairhunt.core.clarify.ClarifyStatistic.POSITIVE;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.metric.MetricValue;

/**
 * The Clarify bias metrics, with smclarify's definitions and signs (github.com/aws/amazon-sagemaker-clarify,
 * {@code src/smclarify/bias/metrics/pretraining.py}, {@code posttraining.py}, {@code common.py}). Facet
 * {@code d} is the facet, {@code a} the rest. Pre-training metrics read rows with a label; post-training
 * metrics read rows with both a label and a prediction; CI counts every row. Like smclarify's
 * {@code divide}, {@code 0/0} is 0 and {@code x/0} is infinite — reported as undefined with that reason,
 * since JSON has no infinity — and a difference of two infinite rates is 0.
 */
public enum ClarifyMetric {
    CI(true, "class imbalance: (n_a - n_d) / (n_a + n_d); positive when the facet has fewer rows than the rest"),
    DPL(true, "difference in proportions of labels: q_a - q_d, q = share of positive labels"),
    KL(true, "Kullback-Leibler divergence of the label distributions: sum P_a log(P_a / P_d), over labels both facets have"),
    JS(true, "Jensen-Shannon divergence of the label distributions: (KL(P_a, P) + KL(P_d, P)) / 2, P = (P_a + P_d) / 2"),
    LP(true, "L2 norm of the difference of the label distributions"),
    TVD(true, "total variation distance of the label distributions: half the L1 norm of their difference"),
    KS(true, "Kolmogorov-Smirnov distance: the largest absolute difference of the label distributions"),
    CDDL(true, "conditional demographic disparity in labels: sum over groups n_i (share of rejected in d - share of "
            + "accepted in d) / n"),
    DPPL(false, "difference in positive proportions in predicted labels: q'_a - q'_d"),
    DI(false, "disparate impact: q'_d / q'_a, the ratio of shares predicted positive"),
    DCAcc(false, "difference in conditional acceptance: c_a - c_d, c = positive labels / positive predictions"),
    DCR(false, "difference in conditional rejection: r_d - r_a, r = negative labels / negative predictions"),
    RD(false, "recall difference: recall_a - recall_d"),
    SD(false, "specificity difference: specificity_d - specificity_a"),
    DAR(false, "difference in acceptance rates (precision): TP_a / n'_a(1) - TP_d / n'_d(1)"),
    DRR(false, "difference in rejection rates: TN_d / n'_d(0) - TN_a / n'_a(0)"),
    AD(false, "accuracy difference: accuracy_a - accuracy_d"),
    TE(false, "treatment equality: FN_d / FP_d - FN_a / FP_a"),
    CDDPL(false, "conditional demographic disparity in predicted labels: CDDL with predictions for labels"),
    GE(false, "generalized entropy (alpha = 2) of benefits b = prediction - label + 1 over the whole data set; the same "
            + "for every facet");

    private final boolean preTraining;
    private final String description;

    ClarifyMetric(boolean preTraining, String description) {
        this.preTraining = preTraining;
        this.description = description;
    }

    /** The code as Clarify writes it ({@code DCAcc} is smclarify's function {@code DCA}). */
    /**
     * Whether the metric is a distance between label distributions (KL, JS, LP, TVD, KS): never negative and 0
     * under no bias, where its plug-in estimate is biased upward and every bootstrap replicate lies above the
     * truth, so it gets a one-sided upper bound instead of a two-sided interval.
     */
    public boolean isDistance() {
        return this == KL || this == JS || this == LP || this == TVD || this == KS;
    }

    public String code() {
        return name();
    }

    /** One line saying what the code measures. */
    public String description() {
        return description;
    }

    /** Whether the metric needs only labels (pre-training) rather than predictions too. */
    public boolean isPreTraining() {
        return preTraining;
    }

    /** Whether the metric needs a conditional group. */
    public boolean isConditional() {
        return this == CDDL || this == CDDPL;
    }

    /** The metrics an audit can report: post-training ones need predictions, CDDL/CDDPL a conditional group. */
    public static List<ClarifyMetric> applicable(boolean predictions, boolean conditionalGroup) {
        List<ClarifyMetric> out = new ArrayList<>();
        for (ClarifyMetric m : values()) {
            if ((m.preTraining || predictions) && (!m.isConditional() || conditionalGroup)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The metric for facet {@code d} against the rest {@code a}. GE ignores the facet (pass any). */
    MetricValue compute(Counts d, Counts a) {
        return switch (this) {
            case CI -> classImbalance(d, a);
            case DPL -> dpl(d, a);
            case KL, JS, LP, TVD, KS -> labelDistance(d, a);
            case CDDL -> conditionalDisparity(d, a, true);
            case CDDPL -> conditionalDisparity(d, a, false);
            case GE -> generalizedEntropy(d, a);
            default -> postTraining(d, a);
        };
    }

    private static MetricValue classImbalance(Counts d, Counts a) {
        double nd = d.rows();
        double na = a.rows();
        if (nd <= 0) {
            return MetricValue.undefined("the facet is empty");
        }
        if (na <= 0) {
            return MetricValue.undefined("the rest of the data is empty");
        }
        return MetricValue.of((na - nd) / (na + nd));
    }

    private static MetricValue dpl(Counts d, Counts a) {
        double nd = d.label(POSITIVE) + d.label(NEGATIVE);
        double na = a.label(POSITIVE) + a.label(NEGATIVE);
        String empty = emptiness(nd, na, "a label");
        if (empty != null) {
            return MetricValue.undefined(empty);
        }
        return MetricValue.of(a.label(POSITIVE) / na - d.label(POSITIVE) / nd);
    }

    private static String emptiness(double nd, double na, String what) {
        if (nd <= 0) {
            return "the facet has no rows with " + what;
        }
        if (na <= 0) {
            return "the rest of the data has no rows with " + what;
        }
        return null;
    }

    /** KL, JS, LP, TVD, KS over the label distribution (positive, negative), as smclarify aligns it. */
    private MetricValue labelDistance(Counts d, Counts a) {
        double nd = d.label(POSITIVE) + d.label(NEGATIVE);
        double na = a.label(POSITIVE) + a.label(NEGATIVE);
        String empty = emptiness(nd, na, "a label");
        if (empty != null) {
            return MetricValue.undefined(empty);
        }
        // smclarify's pdfs_aligned_nonzero keeps only the label values both facets have (without renormalising).
        double[] pa = new double[2];
        double[] pd = new double[2];
        int k = 0;
        for (int state : new int[] {POSITIVE, NEGATIVE}) {
            double qa = a.label(state) / na;
            double qd = d.label(state) / nd;
            if (qa > 0 && qd > 0) {
                pa[k] = qa;
                pd[k] = qd;
                k++;
            }
        }
        if (k == 0) {
            return MetricValue.undefined("the facet and the rest share no label value");
        }
        double result = 0;
        switch (this) {
            case KL -> {
                for (int i = 0; i < k; i++) {
                    result += pa[i] * Math.log(pa[i] / pd[i]);
                }
            }
            case JS -> {
                for (int i = 0; i < k; i++) {
                    double p = (pa[i] + pd[i]) / 2;
                    result += 0.5 * (pa[i] * Math.log(pa[i] / p) + pd[i] * Math.log(pd[i] / p));
                }
            }
            case LP -> {
                for (int i = 0; i < k; i++) {
                    result += (pa[i] - pd[i]) * (pa[i] - pd[i]);
                }
                result = Math.sqrt(result);
            }
            case TVD -> {
                for (int i = 0; i < k; i++) {
                    result += 0.5 * Math.abs(pa[i] - pd[i]);
                }
            }
            default -> {
                for (int i = 0; i < k; i++) {
                    result = Math.max(result, Math.abs(pa[i] - pd[i]));
                }
            }
        }
        return MetricValue.of(result);
    }

    /**
     * smclarify's {@code CDD}: per conditional group i, {@code D_i − A_i} with {@code A_i} the facet's share of
     * the group's positives and {@code D_i} its share of the group's negatives (0 when the group has none),
     * averaged with weights {@code n_i}, the group's rows.
     */
    private static MetricValue conditionalDisparity(Counts d, Counts a, boolean labels) {
        double positives = 0;
        double negatives = 0;
        double weighted = 0;
        double total = 0;
        for (int g = 0; g < d.groups(); g++) {
            double posD = labels ? d.label(g, POSITIVE) : d.predicted(g, POSITIVE);
            double negD = labels ? d.label(g, NEGATIVE) : d.predicted(g, NEGATIVE);
            double pos = posD + (labels ? a.label(g, POSITIVE) : a.predicted(g, POSITIVE));
            double neg = negD + (labels ? a.label(g, NEGATIVE) : a.predicted(g, NEGATIVE));
            positives += pos;
            negatives += neg;
            double share = pos > 0 ? posD / pos : 0;
            double rejected = neg > 0 ? negD / neg : 0;
            weighted += (pos + neg) * (rejected - share);
            total += pos + neg;
        }
        String what = labels ? "labels" : "predicted labels";
        if (positives <= 0) {
            return MetricValue.undefined("no positive " + what + " in the data");
        }
        if (negatives <= 0) {
            return MetricValue.undefined("no negative " + what + " in the data");
        }
        return MetricValue.of(weighted / total);
    }

    private MetricValue postTraining(Counts d, Counts a) {
        String empty = emptiness(d.labelled(), a.labelled(), "both a label and a prediction");
        if (empty != null) {
            return MetricValue.undefined(empty);
        }
        double na = a.labelled();
        double nd = d.labelled();
        double predPosA = a.tp() + a.fp();
        double predPosD = d.tp() + d.fp();
        double predNegA = a.tn() + a.fn();
        double predNegD = d.tn() + d.fn();
        return switch (this) {
            case DPPL -> MetricValue.of(predPosA / na - predPosD / nd);
            case DI -> finite(divide(predPosD / nd, predPosA / na));
            case DCAcc -> difference(divide(a.tp() + a.fn(), predPosA), divide(d.tp() + d.fn(), predPosD));
            case DCR -> difference(divide(d.tn() + d.fp(), predNegD), divide(a.tn() + a.fp(), predNegA));
            case RD -> difference(divide(a.tp(), a.tp() + a.fn()), divide(d.tp(), d.tp() + d.fn()));
            case SD -> difference(divide(d.tn(), d.tn() + d.fp()), divide(a.tn(), a.tn() + a.fp()));
            case DAR -> difference(divide(a.tp(), predPosA), divide(d.tp(), predPosD));
            case DRR -> difference(divide(d.tn(), predNegD), divide(a.tn(), predNegA));
            case AD -> difference(divide(a.tp() + a.tn(), na), divide(d.tp() + d.tn(), nd));
            case TE -> difference(divide(d.fn(), d.fp()), divide(a.fn(), a.fp()));
            default -> throw new IllegalStateException(name());
        };
    }

    /** GE with alpha 2 over the data as a whole (facet plus rest). */
    private static MetricValue generalizedEntropy(Counts d, Counts a) {
        double tp = d.tp() + a.tp();
        double tn = d.tn() + a.tn();
        double fp = d.fp() + a.fp();
        double fn = d.fn() + a.fn();
        double n = tp + tn + fp + fn;
        if (n <= 0) {
            return MetricValue.undefined("no rows with both a label and a prediction");
        }
        // benefit = prediction - label + 1: 0 for a false negative, 1 when right, 2 for a false positive
        double sum = (tp + tn) + 2 * fp;
        double sumSquares = (tp + tn) + 4 * fp;
        if (sum <= 0) {
            return MetricValue.undefined("every prediction is a false negative, so the mean benefit is 0");
        }
        double mean = sum / n;
        return MetricValue.of((sumSquares / (mean * mean) - n) / (n * 2 * (2 - 1)));
    }

    /** smclarify's {@code divide}: 0/0 is 0, x/0 is ±infinity. */
    static double divide(double x, double y) {
        if (y == 0) {
            return x == 0 ? 0 : x < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return x / y;
    }

    /** {@code x − y}, 0 when both are the same infinity (as smclarify special-cases it). */
    private static MetricValue difference(double x, double y) {
        if (Double.isInfinite(x) && x == y) {
            return MetricValue.of(0);
        }
        return finite(x - y);
    }

    private static MetricValue finite(double v) {
        if (Double.isInfinite(v)) {
            return MetricValue.undefined((v > 0 ? "+" : "-") + "infinity (a rate with a zero denominator; Clarify reports "
                    + (v > 0 ? "" : "-") + "Infinity)");
        }
        return MetricValue.of(v);
    }
}

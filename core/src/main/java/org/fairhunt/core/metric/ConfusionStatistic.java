package org.fairhunt.core.metric;

import java.util.Arrays;
import java.util.List;
import org.fairhunt.core.table.Table;

/**
 * The confusion matrix of a binary label and a binary prediction: slots {@code tp, fp, tn, fn}, and
 * {@code excluded} for rows whose label or prediction is missing (they still count in the slice's size).
 */
public final class ConfusionStatistic implements Statistic {
    static final int TP = 0;
    static final int FP = 1;
    static final int TN = 2;
    static final int FN = 3;
    static final int EXCLUDED = 4;

    private final String label;
    private final String positive;
    private final String prediction;

    /**
     * @param positive the label value counted as positive, or {@code null} for 1/true/yes
     */
    public ConfusionStatistic(String label, String positive, String prediction) {
        this.label = label;
        this.positive = positive;
        this.prediction = prediction;
    }

    @Override
    public String name() {
        return "confusion";
    }

    @Override
    public List<String> slotNames() {
        return List.of("tp", "fp", "tn", "fn", "excluded");
    }

    @Override
    public List<ConfusionMetric> metrics() {
        return Arrays.asList(ConfusionMetric.values());
    }

    @Override
    public RowStatistic bind(Table table) {
        BinaryOutcome y = BinaryOutcome.of(table, label, positive);
        BinaryOutcome p = BinaryOutcome.matching(table, prediction, y);
        return new OneHotRowStatistic() {
            @Override
            public int oneHotSlot(int row) {
                int yv = y.value(row);
                int pv = p.value(row);
                if (yv < 0 || pv < 0) {
                    return EXCLUDED;
                }
                if (yv == 1) {
                    return pv == 1 ? TP : FN;
                }
                return pv == 1 ? FP : TN;
            }

            @Override
            public String exclusionNote() {
                return "rows with a missing '" + label + "' or '" + prediction + "' are left out of the confusion metrics";
            }
        };
    }
}

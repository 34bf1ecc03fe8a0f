package org.fairhunt.core.clarify;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.metric.BinaryOutcome;
import org.fairhunt.core.metric.MetricDefinition;
import org.fairhunt.core.metric.OneHotRowStatistic;
import org.fairhunt.core.metric.RowStatistic;
import org.fairhunt.core.metric.Statistic;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Table;

/**
 * The counts every Clarify metric is computed from: for each level of the conditional group (one level
 * when there is none; a missing value is a level of its own), the nine cells of label state × prediction
 * state, each state being positive, negative or missing. Each row adds its weight to exactly one slot, so
 * the statistic is one-hot and cheap to bootstrap. It yields no per-slice metrics: Clarify's metrics
 * compare a facet with the rest of the data and are computed by {@link ClarifyReport}.
 */
public final class ClarifyStatistic implements Statistic {
    static final int POSITIVE = 0;
    static final int NEGATIVE = 1;
    static final int MISSING = 2;
    static final int CELLS = 9;

    private final String label;
    private final String positive;
    private final String prediction;
    private final String conditionalGroup;
    private final List<String> groupLevels;

    /**
     * @param label            the true outcome
     * @param positive         its positive value, or {@code null} for 1/true/yes
     * @param prediction       the predicted outcome (coded like the label), or {@code null} for pre-training metrics only
     * @param conditionalGroup the column CDDL and CDDPL condition on, or {@code null}
     * @param groupLevels      the conditional group's levels (from the table the statistic will be bound to), or empty
     */
    public ClarifyStatistic(String label, String positive, String prediction, String conditionalGroup, List<String> groupLevels) {
        this.label = label;
        this.positive = positive;
        this.prediction = prediction;
        this.conditionalGroup = conditionalGroup;
        this.groupLevels = conditionalGroup == null ? List.of() : List.copyOf(groupLevels);
    }

    /** A statistic for {@code table}, reading the conditional group's levels from it. */
    public static ClarifyStatistic of(Table table, String label, String positive, String prediction, String conditionalGroup) {
        List<String> levels = List.of();
        if (conditionalGroup != null) {
            levels = table.categorical(conditionalGroup).levels();
        }
        return new ClarifyStatistic(label, positive, prediction, conditionalGroup, levels);
    }

    public String label() {
        return label;
    }

    public String prediction() {
        return prediction;
    }

    public String conditionalGroup() {
        return conditionalGroup;
    }

    /** Levels of the conditional group, the last being "(missing)"; one unnamed level without a group. */
    public int groupCount() {
        return conditionalGroup == null ? 1 : groupLevels.size() + 1;
    }

    @Override
    public String name() {
        return "clarify";
    }

    @Override
    public List<String> slotNames() {
        List<String> names = new ArrayList<>();
        String[] state = {"pos", "neg", "missing"};
        for (int g = 0; g < groupCount(); g++) {
            String prefix = conditionalGroup == null ? "" : (g < groupLevels.size() ? groupLevels.get(g)
                    : CategoricalColumn.MISSING_LABEL) + ":";
            for (int l = 0; l < 3; l++) {
                for (int p = 0; p < 3; p++) {
                    names.add(prefix + "label_" + state[l] + "_pred_" + state[p]);
                }
            }
        }
        return names;
    }

    @Override
    public List<MetricDefinition> metrics() {
        return List.of();
    }

    /** The slot of a group level and label and prediction states. */
    static int slot(int group, int labelState, int predictionState) {
        return group * CELLS + labelState * 3 + predictionState;
    }

    @Override
    public RowStatistic bind(Table table) {
        BinaryOutcome y = BinaryOutcome.of(table, label, positive);
        BinaryOutcome p = prediction == null ? null : BinaryOutcome.matching(table, prediction, y);
        int[] groupOfRow = null;
        if (conditionalGroup != null) {
            CategoricalColumn g = table.categorical(conditionalGroup);
            if (!g.levels().equals(groupLevels)) {
                throw new IllegalStateException("conditional group levels changed between building and binding the statistic");
            }
            int[] codes = g.codesUnsafe();
            groupOfRow = new int[codes.length];
            for (int i = 0; i < codes.length; i++) {
                groupOfRow[i] = codes[i] == CategoricalColumn.MISSING ? groupLevels.size() : codes[i];
            }
        }
        int[] groups = groupOfRow;
        return new OneHotRowStatistic() {
            @Override
            public int oneHotSlot(int row) {
                int g = groups == null ? 0 : groups[row];
                return slot(g, state(y.value(row)), p == null ? MISSING : state(p.value(row)));
            }
        };
    }

    private static int state(int outcome) {
        return outcome == 1 ? POSITIVE : outcome == 0 ? NEGATIVE : MISSING;
    }
}

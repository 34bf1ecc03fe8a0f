package org.fairhunt.core.metric;

/**
 * A {@link RowStatistic} in which every row adds exactly 1 to one slot (a confusion matrix, Clarify's
 * group × label × prediction counts). Implementations give only {@link #oneHotSlot}; the engine folds
 * that slot into its slice key.
 */
public interface OneHotRowStatistic extends RowStatistic {

    @Override
    int oneHotSlot(int row);

    @Override
    default boolean isOneHot() {
        return true;
    }

    @Override
    default int contribute(int row, int[] slots, double[] values) {
        slots[0] = oneHotSlot(row);
        values[0] = 1;
        return 1;
    }

    @Override
    default int maxContributions() {
        return 1;
    }
}

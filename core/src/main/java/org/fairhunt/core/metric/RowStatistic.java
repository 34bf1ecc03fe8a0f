package org.fairhunt.core.metric;

/**
 * What each row of one table adds to a {@link Statistic}'s slots. Must be safe to call from several
 * threads at once (implementations read immutable columns only).
 */
public interface RowStatistic {

    /**
     * For one-hot statistics (each row adds exactly 1 to one slot, as a confusion matrix does), the
     * slot of {@code row}; the engine then folds the slot into its slice key, which makes one pass over
     * many bootstrap replicates much cheaper. Returns -1 if the statistic is not one-hot.
     */
    default int oneHotSlot(int row) {
        return -1;
    }

    /** Whether {@link #oneHotSlot} is used rather than {@link #contribute}. */
    default boolean isOneHot() {
        return false;
    }

    /**
     * Whether {@code slot} only ever receives integer values (0 or 1 in practice: a row count, a count of
     * positives), so that its sums are exact in any order of addition. The engine then adds a bootstrap row's
     * weights to such a slot as packed integer counters, as it does for one-hot statistics.
     */
    default boolean isCountSlot(int slot) {
        return false;
    }

    /**
     * Writes the contributions of {@code row} as sparse pairs, {@code slots[k]} gets {@code values[k]},
     * and returns how many pairs were written (at most {@link #maxContributions()}).
     */
    int contribute(int row, int[] slots, double[] values);

    /** The most pairs {@link #contribute} writes for any row. */
    int maxContributions();

    /** Rows this statistic leaves out (e.g. a missing label), reported per slice so none vanish silently. */
    default String exclusionNote() {
        return null;
    }
}

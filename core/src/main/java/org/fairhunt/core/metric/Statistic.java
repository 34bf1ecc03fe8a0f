package org.fairhunt.core.metric;

import java.util.List;
import org.fairhunt.core.table.Table;

/**
 * A family of sufficient statistics: {@link #slotNames()} sums per slice, from which
 * {@link #metrics()} are computed. Implementations are immutable descriptions; {@link #bind} checks a
 * table's columns and returns the per-row contribution function.
 */
public interface Statistic {

    /** Short identifier, such as {@code confusion}, {@code score}, {@code regression}, {@code wer}. */
    String name();

    /** The names of the summed slots, in order; their count is the statistic's width. */
    List<String> slotNames();

    default int width() {
        return slotNames().size();
    }

    /** The metrics this statistic yields. */
    List<? extends MetricDefinition> metrics();

    /**
     * Checks {@code table} (columns exist, values are of the expected kind) and prepares the
     * contributions of its rows; user mistakes are reported as {@link org.fairhunt.core.UserInputException}.
     */
    RowStatistic bind(Table table);
}

package org.fairhunt.discovery.slice;

import java.util.List;

/**
 * The search's only passes over rows, behind one small interface so that they can run where the rows are:
 * {@link LocalSliceCounter} over in-memory codes (threads over combinations), or Spark's counter over
 * partitions ({@code org.fairhunt.spark.SparkSliceCounter}: one {@code mapPartitions} + {@code treeReduce}
 * per level over {@link CellCounts}, whose size is the combinations' cells, not the rows). Everything else
 * the search and the finder do (candidates, bounds, p-values, Benjamini–Hochberg, collapsing) works on the
 * statistics these return, so any counter that returns the same statistics gives the same report.
 */
public interface SliceCounter {
    /**
     * What the rows say before any slice is counted.
     *
     * @param errorDescription  what a row's error is, for reports
     * @param total             the statistics of every row with a computable error
     * @param binary            whether every such row has a 0/1 error with one unit (exact binomial methods apply)
     * @param excludedRows      rows whose error cannot be computed
     * @param firstExcludedRows the 1-based numbers of the first (at most five) of them
     */
    record Totals(String errorDescription, SliceStats total, boolean binary, long excludedRows, List<Long> firstExcludedRows) {
        public Totals {
            firstExcludedRows = List.copyOf(firstExcludedRows);
        }
    }

    /** How many excluded row numbers {@link Totals#firstExcludedRows} lists. */
    int FIRST_EXCLUDED = 5;

    /** Receives one combination's counts. */
    @FunctionalInterface
    interface Sink {
        void accept(int combination, CellCounts counts);
    }

    Totals totals();

    /**
     * Counts every cell of each feature combination (features ascending; all of one size per call) over the
     * rows with a computable error, and hands each combination's counts to {@code sink} with its index in
     * {@code combinations}, once, possibly from several threads at once.
     */
    void count(List<int[]> combinations, Sink sink);

    /**
     * For each pair of slices, whether the two select exactly the same rows, every row counted (asked only for
     * pairs with equal statistics, all at once: on Spark it is one job, not one per pair).
     */
    boolean[] sameRows(List<Slice[]> pairs);
}

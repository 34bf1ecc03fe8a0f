package org.fairhunt.discovery.slice;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The statistics of every cell of one feature combination: a cell is one combination of the features'
 * values, numbered by its mixed-radix digits (the first feature's value is the most significant digit).
 * Its size is the combination's cells (or, for combinations too large for dense arrays, the occupied
 * ones), never the rows; two counts of disjoint row sets {@linkplain #merge merge} into the count of their
 * union, which is what Spark's partitions send and merge.
 *
 * <p>Three forms, chosen by the counter from the combination alone (so every part of the data picks the same):
 * 0/1 errors counted densely in one {@code long} per cell (rows in the low 32 bits, errors in the high 32);
 * other errors densely in full {@link StatsColumns}; and combinations with more cells than
 * {@link SliceSearch#DENSE_CELLS}, their occupied cells only, ascending.
 */
public final class CellCounts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] features;
    private final long[] packed;
    private final StatsColumns stats;
    private final long[] cells;

    private CellCounts(int[] features, long[] packed, StatsColumns stats, long[] cells) {
        this.features = features;
        this.packed = packed;
        this.stats = stats;
        this.cells = cells;
    }

    /** 0/1 errors, every cell: {@code packed[cell]} = rows | errors &lt;&lt; 32. */
    static CellCounts packed(int[] features, long[] packed) {
        return new CellCounts(features, packed, null, null);
    }

    /** General errors, every cell. */
    static CellCounts dense(int[] features, StatsColumns stats) {
        return new CellCounts(features, null, stats, null);
    }

    /** The occupied cells only, ascending, with their statistics. */
    static CellCounts sparse(int[] features, long[] cells, StatsColumns stats) {
        return new CellCounts(features, null, stats, cells);
    }

    /** The features of the combination, ascending. */
    public int[] features() {
        return features.clone();
    }

    /** Whether these are 0/1 errors counted in packed longs. */
    boolean isPacked() {
        return packed != null;
    }

    /** Number of cells held (every cell when dense). */
    public int slots() {
        return packed != null ? packed.length : stats.size();
    }

    /** The cell held at {@code slot}. */
    long cell(int slot) {
        return cells == null ? slot : cells[slot];
    }

    /** The slot of {@code cell}, or −1 when it has no rows. */
    int slotOf(long cell) {
        if (cells == null) {
            return (int) cell;
        }
        int at = Arrays.binarySearch(cells, cell);
        return at < 0 ? -1 : at;
    }

    long rows(int slot) {
        return packed != null ? (int) packed[slot] : stats.rows[slot];
    }

    double errors(int slot) {
        return packed != null ? packed[slot] >>> 32 : stats.errors[slot];
    }

    /** The statistics of the cell at {@code slot} ({@link SliceStats#EMPTY} for −1). */
    SliceStats stats(int slot) {
        if (slot < 0) {
            return SliceStats.EMPTY;
        }
        if (packed != null) {
            long n = (int) packed[slot];
            long e = packed[slot] >>> 32;
            return new SliceStats(n, n, e, e, e, n, e > 0 ? 1 : 0, n > 0 ? 1 : Double.POSITIVE_INFINITY);
        }
        return stats.get(slot);
    }

    /** Bytes of the counts' arrays, for the benchmark's report of what a partition sends. */
    public long arrayBytes() {
        if (packed != null) {
            return 8L * packed.length;
        }
        return (cells == null ? 0 : 8L * cells.length) + 60L * stats.size();
    }

    /** The counts of the union of the disjoint row sets of {@code this} and {@code o} (same combination, same form). */
    public CellCounts merge(CellCounts o) {
        if (!Arrays.equals(features, o.features) || (packed == null) != (o.packed == null) || (cells == null) != (o.cells == null)) {
            throw new IllegalArgumentException("counts of different combinations or forms");
        }
        if (packed != null) {
            long[] sum = packed.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += o.packed[i];
            }
            return packed(features, sum);
        }
        if (cells == null) {
            StatsColumns s = new StatsColumns(stats.size());
            for (int i = 0; i < s.size(); i++) {
                s.merge(i, stats, i, o.stats, i);
            }
            return dense(features, s);
        }
        long[] union = new long[cells.length + o.cells.length];
        int n = 0;
        for (int i = 0, j = 0; i < cells.length || j < o.cells.length;) {
            long c = j == o.cells.length || (i < cells.length && cells[i] <= o.cells[j]) ? cells[i] : o.cells[j];
            union[n++] = c;
            if (i < cells.length && cells[i] == c) {
                i++;
            }
            if (j < o.cells.length && o.cells[j] == c) {
                j++;
            }
        }
        long[] merged = Arrays.copyOf(union, n);
        StatsColumns s = new StatsColumns(n);
        for (int k = 0; k < n; k++) {
            s.merge(k, stats, slotOf(merged[k]), o.stats, o.slotOf(merged[k]));
        }
        return sparse(features, merged, s);
    }
}

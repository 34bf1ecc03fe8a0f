package org.fairhunt.discovery.slice;

import java.util.Arrays;

/**
 * The {@link SliceStats} of many slices in parallel primitive arrays (nothing boxed on the hot
 * path). Index {@code i} holds slice {@code i}'s state.
 */
final class StatsColumns implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final int[] rows;
    final double[] units;
    final double[] errors;
    final double[] errorsSquared;
    final double[] errorsTimesUnits;
    final double[] unitsSquared;
    final double[] maxRate;
    final double[] minUnits;

    StatsColumns(int n) {
        rows = new int[n];
        units = new double[n];
        errors = new double[n];
        errorsSquared = new double[n];
        errorsTimesUnits = new double[n];
        unitsSquared = new double[n];
        maxRate = new double[n];
        minUnits = new double[n];
        Arrays.fill(minUnits, Double.POSITIVE_INFINITY);
    }

    int size() {
        return rows.length;
    }

    SliceStats get(int i) {
        return new SliceStats(rows[i], units[i], errors[i], errorsSquared[i], errorsTimesUnits[i], unitsSquared[i], maxRate[i],
                minUnits[i]);
    }

    void set(int i, SliceStats s) {
        rows[i] = Math.toIntExact(s.rows());
        units[i] = s.units();
        errors[i] = s.errors();
        errorsSquared[i] = s.errorsSquared();
        errorsTimesUnits[i] = s.errorsTimesUnits();
        unitsSquared[i] = s.unitsSquared();
        maxRate[i] = s.maxRate();
        minUnits[i] = s.minUnits();
    }

    /** Fills the sums that 0/1 errors with one unit per row imply from the row and error counts. */
    void completeBinary(int i) {
        units[i] = rows[i];
        errorsSquared[i] = errors[i];
        errorsTimesUnits[i] = errors[i];
        unitsSquared[i] = rows[i];
        maxRate[i] = errors[i] > 0 ? 1 : 0;
        minUnits[i] = rows[i] > 0 ? 1 : Double.POSITIVE_INFINITY;
    }

    void addRow(int i, double e, double u) {
        rows[i]++;
        units[i] += u;
        errors[i] += e;
        errorsSquared[i] += e * e;
        errorsTimesUnits[i] += e * u;
        unitsSquared[i] += u * u;
        double r = SliceStats.rowRate(e, u);
        if (r > maxRate[i]) {
            maxRate[i] = r;
        }
        if (u < minUnits[i]) {
            minUnits[i] = u;
        }
    }

    /** Sets slot {@code i} to the union of {@code a}'s slot {@code ia} and {@code b}'s slot {@code ib} (−1: no rows). */
    void merge(int i, StatsColumns a, int ia, StatsColumns b, int ib) {
        SliceStats x = ia < 0 ? SliceStats.EMPTY : a.get(ia);
        SliceStats y = ib < 0 ? SliceStats.EMPTY : b.get(ib);
        set(i, x.merge(y));
    }
}

package org.fairhunt.discovery.slice;

/**
 * The sufficient statistics of one slice: everything its error, interval, test against the rest and
 * score bound need, and nothing that grows with the data. Two states of disjoint row sets
 * {@linkplain #merge merge} into the state of their union, so partial states from threads, files or
 * Spark partitions combine into the same numbers.
 *
 * @param rows             number of rows
 * @param units            Σ units (reference words for speech; rows for a per-row error)
 * @param errors           Σ errors
 * @param errorsSquared    Σ errors²
 * @param errorsTimesUnits Σ errors·units
 * @param unitsSquared     Σ units²
 * @param maxRate          max over rows of errors/units ({@code +∞} for errors over zero units; 0 for no rows)
 * @param minUnits         min over rows of units ({@code +∞} for no rows)
 */
public record SliceStats(long rows, double units, double errors, double errorsSquared, double errorsTimesUnits,
        double unitsSquared, double maxRate, double minUnits) implements java.io.Serializable {

    /** The state of no rows. */
    public static final SliceStats EMPTY = new SliceStats(0, 0, 0, 0, 0, 0, 0, Double.POSITIVE_INFINITY);

    /** The state of one row. */
    public static SliceStats ofRow(double error, double units) {
        return new SliceStats(1, units, error, error * error, error * units, units * units, rowRate(error, units), units);
    }

    /** errors/units of one row, with 0/0 = 0 and e/0 = +∞. */
    static double rowRate(double error, double units) {
        if (units > 0) {
            return error / units;
        }
        return error > 0 ? Double.POSITIVE_INFINITY : 0;
    }

    /** The state of the union of two disjoint row sets. */
    public SliceStats merge(SliceStats o) {
        return new SliceStats(rows + o.rows, units + o.units, errors + o.errors, errorsSquared + o.errorsSquared,
                errorsTimesUnits + o.errorsTimesUnits, unitsSquared + o.unitsSquared, Math.max(maxRate, o.maxRate),
                Math.min(minUnits, o.minUnits));
    }

    /**
     * The sums of the rows in this state but not in {@code part} (a subset of them): the rest of the
     * data outside a slice. Extremes cannot be subtracted, so {@link #maxRate} and {@link #minUnits}
     * of the result are {@code NaN}.
     */
    public SliceStats minus(SliceStats part) {
        return new SliceStats(rows - part.rows, units - part.units, errors - part.errors, errorsSquared - part.errorsSquared,
                errorsTimesUnits - part.errorsTimesUnits, unitsSquared - part.unitsSquared, Double.NaN, Double.NaN);
    }

    /** Σ errors / Σ units; {@code NaN} when there are no units. */
    public double rate() {
        return units > 0 ? errors / units : Double.NaN;
    }

    /**
     * The estimated variance of {@link #rate()} as a ratio estimator (first-order linearization):
     * {@code Σ (e − R·u)² / U² · n/(n − 1)}. For 0/1 errors with one unit per row this is
     * {@code p(1 − p)/(n − 1)}. {@code NaN} for fewer than two rows or no units.
     */
    public double rateVariance() {
        if (rows < 2 || !(units > 0)) {
            return Double.NaN;
        }
        double r = errors / units;
        double residualSquares = errorsSquared - 2 * r * errorsTimesUnits + r * r * unitsSquared;
        return Math.max(0, residualSquares) / (units * units) * rows / (rows - 1.0);
    }
}

package org.fairhunt.discovery.slice;

/**
 * SliceLine's score (Sagadeeva and Boehm, SIGMOD 2021) and its upper bound. For a slice of
 * {@code s} rows with error rate {@code r} in data of {@code N} rows with average error {@code ē}:
 * <pre>score = α·(r/ē − 1) − (1 − α)·(N/s − 1)</pre>
 * The first term rewards error above average, the second penalizes small slices; a slice is
 * interesting when its score is positive. Here {@code r} and {@code ē} are {@code Σ errors / Σ units}
 * (for plain per-row errors, the mean), and the size is counted in rows.
 */
public final class SliceScore {
    private final double alpha;
    private final double averageError;
    private final double totalRows;
    private final double minSupport;

    public SliceScore(double alpha, double averageError, long totalRows, long minSupport) {
        this.alpha = alpha;
        this.averageError = averageError;
        this.totalRows = totalRows;
        this.minSupport = Math.max(1, minSupport);
    }

    /** The score of a slice of {@code rows} rows with error rate {@code rate}. */
    public double score(double rate, double rows) {
        return alpha * (rate / averageError - 1) - (1 - alpha) * (totalRows / rows - 1);
    }

    public double score(SliceStats s) {
        return score(s.rate(), s.rows());
    }

    /**
     * An upper bound of the score of every slice with at least {@code minSupport} rows inside a row set
     * whose rows number at most {@code rowsUb}, whose errors sum to at most {@code errorsUb}, whose
     * rows each have errors/units at most {@code maxRate} and units at least {@code minUnits}.
     *
     * <p>Why it holds: a subset of {@code s} rows has rate at most {@code maxRate} (a ratio of sums is
     * at most the largest row ratio) and at most {@code errorsUb / (s·minUnits)}. With that bound
     * {@code b(s) = min(maxRate, errorsUb/(s·minUnits))}, {@code f(s) = α(b(s)/ē − 1) − (1−α)(N/s − 1)}
     * increases in {@code s} while the first term is constant and is monotone beyond the kink at
     * {@code s* = errorsUb/(maxRate·minUnits)}, so its maximum over {@code [minSupport, rowsUb]} lies at
     * {@code minSupport}, {@code s*} or {@code rowsUb}. For 0/1 errors this is SliceLine's bound with
     * {@code maxRate} its maximum tuple error.
     */
    public double upperBound(double rowsUb, double errorsUb, double maxRate, double minUnits) {
        if (rowsUb < minSupport || !(errorsUb > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double kink = maxRate * minUnits > 0 ? errorsUb / (maxRate * minUnits) : Double.POSITIVE_INFINITY;
        double best = boundAt(minSupport, errorsUb, maxRate, minUnits);
        best = Math.max(best, boundAt(rowsUb, errorsUb, maxRate, minUnits));
        if (kink > minSupport && kink < rowsUb) {
            best = Math.max(best, boundAt(kink, errorsUb, maxRate, minUnits));
        }
        return best;
    }

    private double boundAt(double s, double errorsUb, double maxRate, double minUnits) {
        double byErrors = minUnits > 0 ? errorsUb / (s * minUnits) : Double.POSITIVE_INFINITY;
        return score(Math.min(maxRate, byErrors), s);
    }

    public double alpha() {
        return alpha;
    }

    public double averageError() {
        return averageError;
    }
}

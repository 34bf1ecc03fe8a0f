package org.fairhunt.discovery.slice;

import java.util.List;
import org.fairhunt.core.stats.Interval;

/**
 * One reported slice.
 *
 * @param rank       1 for the best score
 * @param predicates {@code feature = value} conditions, all of which hold
 * @param stats      the slice's sufficient statistics
 * @param error      Σ errors / Σ units in the slice
 * @param interval   the interval of {@code error} (Wilson for 0/1 errors, else ratio t), or null
 * @param restError  the error of all other rows
 * @param pValue     one-sided p-value of "error higher than the rest"
 * @param qValue     Benjamini–Hochberg q-value over every slice evaluated (see the report's family size)
 * @param score      SliceLine's score
 * @param collapsed  descriptions of child slices no worse than this one, folded into it
 */
public record SliceFinding(int rank, List<String> predicates, SliceStats stats, double error, Interval interval,
        double restError, double pValue, double qValue, double score, List<String> collapsed) {

    /** {@code accent = scottish AND noise = white}. */
    public String description() {
        return String.join(" AND ", predicates);
    }

    public double difference() {
        return error - restError;
    }
}

package org.fairhunt.discovery.slice;

/**
 * Every slice of one lattice level whose statistics the search computed, in generation order, with
 * how many candidates the score bound pruned before counting, the p-values of the part of the level's
 * testing family (every slice of this depth with at least the minimum support) that was counted, and
 * an upper bound of the whole level's family size.
 */
public final class EvaluatedLevel {
    private final int depth;
    private final long[] keys;
    private final StatsColumns stats;
    private final long minSupport;
    private final long generated;
    private final long prunedByBound;
    private final double[] familyPValues;
    private final long familyBound;
    private final double[] pValues;

    EvaluatedLevel(int depth, long[] keys, StatsColumns stats, double[] pValues, long minSupport, long generated, long prunedByBound,
            double[] familyPValues, long familyBound) {
        this.depth = depth;
        this.keys = keys;
        this.stats = stats;
        this.minSupport = minSupport;
        this.generated = generated;
        this.prunedByBound = prunedByBound;
        this.familyPValues = familyPValues;
        this.familyBound = familyBound;
        this.pValues = pValues;
    }

    public int depth() {
        return depth;
    }

    /** Number of slices counted at this level. */
    public int size() {
        return keys.length;
    }

    public long key(int i) {
        return keys[i];
    }

    public SliceStats stats(int i) {
        return stats.get(i);
    }

    /**
     * The one-sided p-value (error higher than the rest) of evaluated slice {@code i}, as the search computed it for
     * the family; {@code NaN} when no test could be made or the slice is not {@linkplain #inFamily in the family}.
     */
    double pValue(int i) {
        return pValues[i];
    }

    double errors(int i) {
        return stats.errors[i];
    }

    /** Whether evaluated slice {@code i} meets the minimum support (and so may be reported). */
    public boolean inFamily(int i) {
        return stats.rows[i] >= minSupport && stats.units[i] > 0;
    }

    /** Candidates whose parents were all valid (before the score bound). */
    public long generated() {
        return generated;
    }

    /** Candidates dropped by the score upper bound without counting. */
    public long prunedByBound() {
        return prunedByBound;
    }

    /**
     * One-sided p-values (error higher than the rest) of every slice of this depth with at least the
     * minimum support in the feature combinations the search counted (every combination holding a
     * candidate; all of them at level 1), candidate or not. {@code NaN} where no test could be made. Not
     * a copy: callers must not modify it.
     */
    public double[] familyPValues() {
        return familyPValues;
    }

    /**
     * An upper bound of the number of slices of this depth with at least the minimum support: the
     * counted ones with a defined test, plus, in combinations not counted, every slice whose parents all
     * may have the minimum support (support only shrinks from parent to child), at most
     * {@code rows / minSupport} per combination. Equals the exact count when every combination was counted.
     */
    public long familyBound() {
        return familyBound;
    }

    /** Slices of the family whose p-value is known (counted, with a defined test). */
    public long familyCounted() {
        long m = 0;
        for (double p : familyPValues) {
            if (!Double.isNaN(p)) {
                m++;
            }
        }
        return m;
    }

    StatsColumns columns() {
        return stats;
    }
}

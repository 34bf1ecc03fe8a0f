package org.fairhunt.discovery.slice;

/**
 * Every slice of one lattice level whose statistics the search computed, in generation order, with
 * how many candidates the score bound pruned before counting, and the p-values of the whole level's
 * testing family (every slice of this depth with at least the minimum support).
 */
public final class EvaluatedLevel {
    private final int depth;
    private final long[] keys;
    private final StatsColumns stats;
    private final long minSupport;
    private final long generated;
    private final long prunedByBound;
    private final double[] familyPValues;

    EvaluatedLevel(int depth, long[] keys, StatsColumns stats, long minSupport, long generated, long prunedByBound, double[] familyPValues) {
        this.depth = depth;
        this.keys = keys;
        this.stats = stats;
        this.minSupport = minSupport;
        this.generated = generated;
        this.prunedByBound = prunedByBound;
        this.familyPValues = familyPValues;
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
     * minimum support, candidate or not: this level's part of the multiple-testing family. {@code NaN}
     * where no test could be made. Not a copy: callers must not modify it.
     */
    public double[] familyPValues() {
        return familyPValues;
    }

    StatsColumns columns() {
        return stats;
    }
}

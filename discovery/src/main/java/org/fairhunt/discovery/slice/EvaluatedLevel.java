package org.fairhunt.discovery.slice;

/**
 * Every slice of one lattice level whose statistics the search computed, in generation order, with
 * how many candidates the score bound pruned before counting. A slice is in the testing family when it
 * has at least the minimum support (rows) and some units.
 */
public final class EvaluatedLevel {
    private final int depth;
    private final long[] keys;
    private final StatsColumns stats;
    private final long minSupport;
    private final long generated;
    private final long prunedByBound;

    EvaluatedLevel(int depth, long[] keys, StatsColumns stats, long minSupport, long generated, long prunedByBound) {
        this.depth = depth;
        this.keys = keys;
        this.stats = stats;
        this.minSupport = minSupport;
        this.generated = generated;
        this.prunedByBound = prunedByBound;
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

    int rows(int i) {
        return stats.rows[i];
    }

    double errors(int i) {
        return stats.errors[i];
    }

    /** Whether slice {@code i} meets the minimum support and so counts as a tested finding. */
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

    StatsColumns columns() {
        return stats;
    }
}

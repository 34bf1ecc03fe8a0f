package org.fairhunt.discovery.slice;

import java.util.List;

/**
 * What a {@link SliceSearch} found: the top-k slices by score (best first), every evaluated lattice
 * level, the statistics of all rows searched, and notices about what was skipped.
 */
public final class SliceSearchResult {
    private final SliceFeatures features;
    private final SliceSpace space;
    private final SliceSearch.Params params;
    private final SliceStats total;
    private final SliceScore score;
    private final List<ScoredSlice> top;
    private final List<EvaluatedLevel> levels;
    private final List<String> notices;

    SliceSearchResult(SliceFeatures features, SliceSpace space, SliceSearch.Params params, SliceStats total, SliceScore score,
            List<ScoredSlice> top, List<EvaluatedLevel> levels, List<String> notices) {
        this.features = features;
        this.space = space;
        this.params = params;
        this.total = total;
        this.score = score;
        this.top = List.copyOf(top);
        this.levels = List.copyOf(levels);
        this.notices = List.copyOf(notices);
    }

    public SliceFeatures features() {
        return features;
    }

    public SliceSpace space() {
        return space;
    }

    public SliceSearch.Params params() {
        return params;
    }

    /** Statistics of every row searched (rows with a computable error). */
    public SliceStats total() {
        return total;
    }

    /** The scoring function, or {@code null} when there was nothing to search (no rows, no errors). */
    public SliceScore score() {
        return score;
    }

    /** The best slices by score, best first, all with a positive score. */
    public List<ScoredSlice> top() {
        return top;
    }

    /** Every lattice level evaluated, level 1 first. */
    public List<EvaluatedLevel> levels() {
        return levels;
    }

    /**
     * Number of tests in the multiple-testing family: every slice up to the maximum depth with at
     * least the minimum support (and a defined test), whether or not the score bound pruned it; exact
     * where the search counted a combination, an upper bound elsewhere ({@link EvaluatedLevel#familyBound}).
     */
    public long familySize() {
        long m = 0;
        for (EvaluatedLevel level : levels) {
            m += level.familyBound();
        }
        return m;
    }

    /** Slices of the family whose p-value is known. */
    public long familyCounted() {
        long m = 0;
        for (EvaluatedLevel level : levels) {
            m += level.familyCounted();
        }
        return m;
    }

    public List<String> notices() {
        return notices;
    }
}

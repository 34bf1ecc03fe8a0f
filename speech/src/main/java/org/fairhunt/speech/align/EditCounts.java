package org.fairhunt.speech.align;

/**
 * Hits, substitutions, deletions and insertions of one alignment or of a sum of alignments.
 * Reference length is {@code correct + substitutions + deletions}; errors are
 * {@code substitutions + deletions + insertions}.
 */
public record EditCounts(long correct, long substitutions, long deletions, long insertions) {

    public static final EditCounts ZERO = new EditCounts(0, 0, 0, 0);

    public EditCounts {
        if (correct < 0 || substitutions < 0 || deletions < 0 || insertions < 0) {
            throw new IllegalArgumentException("edit counts must be non-negative: " + correct + "/"
                    + substitutions + "/" + deletions + "/" + insertions);
        }
    }

    public long referenceLength() {
        return correct + substitutions + deletions;
    }

    public long hypothesisLength() {
        return correct + substitutions + insertions;
    }

    public long errors() {
        return substitutions + deletions + insertions;
    }

    /**
     * Errors over reference tokens, as sclite's {@code Err}; NaN (undefined) for an empty reference, with
     * or without insertions, as {@link org.fairhunt.speech.metric.WerStatistic} defines it.
     */
    public double errorRate() {
        long n = referenceLength();
        return n == 0 ? Double.NaN : (double) errors() / n;
    }

    public EditCounts plus(EditCounts other) {
        return new EditCounts(correct + other.correct, substitutions + other.substitutions,
                deletions + other.deletions, insertions + other.insertions);
    }

    @Override
    public String toString() {
        return "C=" + correct + " S=" + substitutions + " D=" + deletions + " I=" + insertions;
    }
}

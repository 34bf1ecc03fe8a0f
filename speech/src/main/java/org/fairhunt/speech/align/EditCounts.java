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
     * Errors over reference tokens, as sclite's {@code Err}. Empty reference: 0 when there are no
     * errors, +infinity when there are insertions (sclite prints such a rate as undefined; we keep the
     * sign of the evidence rather than dividing by zero silently).
     */
    public double errorRate() {
        long n = referenceLength();
        if (n == 0) {
            return errors() == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return (double) errors() / n;
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

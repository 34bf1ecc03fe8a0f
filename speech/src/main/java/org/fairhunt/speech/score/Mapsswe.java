package org.fairhunt.speech.score;

import java.util.List;
import org.fairhunt.speech.align.Aligner;
import org.fairhunt.speech.align.Alignment;
import org.fairhunt.speech.align.EditOp;

/**
 * sclite's Matched-Pair Sentence-Segment Word Error test (MAPSSWE; Gillick and Cox, ICASSP 1989) for
 * two recognizers on the same utterances. Each utterance is cut into segments at <em>anchors</em>: runs
 * of at least {@link #MIN_ANCHOR_WORDS} consecutive reference words that both systems got right with no
 * insertion between them. Segments never cross utterances. For each segment with an error in either
 * system, Z = errors(A) − errors(B); the statistic W = mean(Z) / (sd(Z) / √n) is referred to the standard
 * normal distribution (two-sided). Unlike a per-utterance test it uses the error's local structure,
 * and unlike a per-word test it does not pretend neighbouring words are independent.
 */
public final class Mapsswe {

    /** Anchor length: two correct words on each side bound a segment, as in NIST's implementation. */
    public static final int MIN_ANCHOR_WORDS = 2;

    /**
     * The outcome: number of segments, total errors of each system in them, mean and standard deviation
     * of Z, the statistic W and its two-sided p-value (NaN with fewer than two segments or no variation).
     */
    public record Result(int segments, long errorsA, long errorsB, double meanDifference, double sdDifference, double w,
                         double pValue) {
    }

    private Mapsswe() {
    }

    /** One utterance: normalized reference and the two systems' normalized hypotheses. */
    public record Triple(List<String> reference, List<String> hypothesisA, List<String> hypothesisB) {
    }

    public static Result test(List<Triple> utterances) {
        Segments segments = new Segments();
        Aligner aligner = new Aligner();
        for (Triple t : utterances) {
            segments.add(t, aligner);
        }
        return segments.result();
    }

    /**
     * The test's sufficient statistics, filled one utterance at a time and mergeable: how many segments had
     * each difference Z, and each system's errors in them. Z is kept as a histogram (not a list in utterance
     * order) so that the mean and the sum of squares are added in one fixed order (increasing Z) whatever
     * order the utterances came in: the local command and a Spark job over any partitioning print the same
     * bits. Its size is the number of distinct Z values, not of segments.
     */
    public static final class Segments implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final java.util.TreeMap<Integer, Long> differences = new java.util.TreeMap<>();
        private long errorsA;
        private long errorsB;

        /** Cuts one utterance into segments and counts their differences. */
        public void add(Triple t, Aligner aligner) {
            int n = t.reference().size();
            int[] wordA = new int[n];
            int[] wordB = new int[n];
            int[] insA = new int[n + 1];
            int[] insB = new int[n + 1];
            mark(aligner.align(t.reference(), t.hypothesisA()), wordA, insA);
            mark(aligner.align(t.reference(), t.hypothesisB()), wordB, insB);
            int[] run = anchorRuns(wordA, wordB, insA, insB);
            int segA = 0, segB = 0;
            for (int k = 0; k <= n; k++) {
                boolean gapInsideAnchor = k > 0 && k < n && run[k] >= 0 && run[k - 1] == run[k];
                if (!gapInsideAnchor) {
                    segA += insA[k];
                    segB += insB[k];
                }
                if (k == n) {
                    break;
                }
                if (run[k] >= 0) {
                    segment(segA, segB);
                    segA = 0;
                    segB = 0;
                } else {
                    segA += wordA[k];
                    segB += wordB[k];
                }
            }
            segment(segA, segB);
        }

        private void segment(int segA, int segB) {
            if (segA + segB > 0) {
                differences.merge(segA - segB, 1L, Long::sum);
                errorsA += segA;
                errorsB += segB;
            }
        }

        /** Adds {@code other}'s segments to these. */
        public Segments merge(Segments other) {
            other.differences.forEach((z, c) -> differences.merge(z, c, Long::sum));
            errorsA += other.errorsA;
            errorsB += other.errorsB;
            return this;
        }

        /** W and its p-value over the segments so far. */
        public Result result() {
            long m = 0;
            double sum = 0;
            for (var e : differences.entrySet()) {
                m += e.getValue();
                sum += (double) e.getKey() * e.getValue();
            }
            double mean = m == 0 ? Double.NaN : sum / m;
            double ss = 0;
            for (var e : differences.entrySet()) {
                double d = e.getKey() - mean;
                ss += d * d * e.getValue();
            }
            double sd = m < 2 ? Double.NaN : Math.sqrt(ss / (m - 1));
            double w = m < 2 || sd == 0 ? Double.NaN : mean / (sd / Math.sqrt(m));
            double p = Double.isNaN(w) ? Double.NaN : 2 * upperNormalTail(Math.abs(w));
            return new Result(Math.toIntExact(m), errorsA, errorsB, mean, sd, w, p);
        }
    }

    // wordErrors[k] = 1 when reference word k is substituted or deleted; insertions[k] = words inserted before word k.
    private static void mark(Alignment a, int[] wordErrors, int[] insertions) {
        int k = 0;
        for (Alignment.Step s : a.steps()) {
            if (s.op() == EditOp.INSERTION) {
                insertions[k]++;
            } else {
                if (s.op() != EditOp.CORRECT) {
                    wordErrors[k] = 1;
                }
                k++;
            }
        }
    }

    // The anchor run each reference word belongs to (its first word's index), or -1 for a word in no anchor.
    private static int[] anchorRuns(int[] wordA, int[] wordB, int[] insA, int[] insB) {
        int n = wordA.length;
        int[] run = new int[n];
        java.util.Arrays.fill(run, -1);
        int k = 0;
        while (k < n) {
            if (wordA[k] != 0 || wordB[k] != 0) {
                k++;
                continue;
            }
            int end = k + 1; // a run of good words joined by insertion-free gaps
            while (end < n && wordA[end] == 0 && wordB[end] == 0 && insA[end] == 0 && insB[end] == 0) {
                end++;
            }
            if (end - k >= MIN_ANCHOR_WORDS) {
                for (int j = k; j < end; j++) {
                    run[j] = k;
                }
            }
            k = end;
        }
        return run;
    }

    /** P(Z > x) for a standard normal Z, via the complementary error function (Numerical Recipes' erfc, |error| < 1.2e-7). */
    static double upperNormalTail(double x) {
        double z = x / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * Math.abs(z));
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return 0.5 * (z >= 0 ? erfc : 2 - erfc);
    }
}

package org.fairhunt.speech.align;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted minimum-edit-distance alignment (Levenshtein with sclite's default weights: hit 0,
 * substitution 4, insertion 3, deletion 3). The weights make one substitution cheaper than a deletion
 * plus an insertion, as in sclite, so the split of errors into S, D and I, not only their sum, matches
 * sclite's report. Among alignments of equal cost the trace-back, walking from the end, prefers a
 * diagonal step (hit or substitution), then an insertion, then a deletion (the order that reproduces
 * sclite's choice on every one of thousands of tie-heavy random pairs; other orders do not); the equality of our totals
 * with sclite's is checked by tests that run sclite itself.
 *
 * <p>Instances keep scratch buffers and are not thread-safe: use one per thread. Time is
 * O(n·m) and memory O(n·m) bytes for the trace-back, n and m being the two lengths.
 */
public final class Aligner {

    public static final int SUBSTITUTION_COST = 4;
    public static final int INSERTION_COST = 3;
    public static final int DELETION_COST = 3;

    private static final byte DIAGONAL = 0;
    private static final byte UP = 1; // deletion: consumes a reference token
    private static final byte LEFT = 2; // insertion: consumes a hypothesis token

    private int[] previousRow = new int[32];
    private int[] currentRow = new int[32];
    private byte[] trace = new byte[32 * 32];

    /** Aligns two token lists (compared with {@link String#equals}) and keeps the full alignment. */
    public Alignment align(List<String> ref, List<String> hyp) {
        Map<String, Integer> ids = new HashMap<>();
        int[] r = intern(ref, ids);
        int[] h = intern(hyp, ids);
        fill(r, r.length, h, h.length);
        List<Step> reversed = new ArrayList<>(r.length + h.length);
        int i = r.length;
        int j = h.length;
        int width = h.length + 1;
        while (i > 0 || j > 0) {
            byte dir = trace[i * width + j];
            if (dir == DIAGONAL) {
                EditOp op = r[i - 1] == h[j - 1] ? EditOp.CORRECT : EditOp.SUBSTITUTION;
                reversed.add(new Step(op, ref.get(i - 1), hyp.get(j - 1)));
                i--;
                j--;
            } else if (dir == UP) {
                reversed.add(new Step(EditOp.DELETION, ref.get(i - 1), null));
                i--;
            } else {
                reversed.add(new Step(EditOp.INSERTION, null, hyp.get(j - 1)));
                j--;
            }
        }
        List<Alignment.Step> steps = new ArrayList<>(reversed.size());
        for (int k = reversed.size() - 1; k >= 0; k--) {
            Step s = reversed.get(k);
            steps.add(new Alignment.Step(s.op, s.ref, s.hyp));
        }
        return new Alignment(steps);
    }

    /**
     * Counts of the alignment of {@code ref[0..refLength)} with {@code hyp[0..hypLength)} (token ids,
     * equal ids meaning equal tokens), written to {@code out} as correct, substitutions, deletions,
     * insertions: the counts of the path {@link #align} traces. The allocation-free path used for bulk scoring.
     *
     * <p>Two exact shortcuts, both checked against the trace-back on tie-heavy random pairs ({@code AlignerTest})
     * and against sclite itself ({@code BulkScliteParityTest}):
     * <ul>
     * <li>A common suffix is all hits. The costs of a prefix pair do not depend on what follows, and with equal last
     *     tokens the diagonal costs D(n-1, m-1), which is never above the insertion's D(n, m-1) + 3 nor the deletion's
     *     D(n-1, m) + 3 (adding or removing one token changes an edit distance by at most 3, an insertion's or a
     *     deletion's cost), so the trace-back, which prefers the diagonal on ties, takes it. (A common prefix has no
     *     such property: the trace-back walks from the end, and may pair the first hypothesis token with a later one.)</li>
     * <li>The trace-back follows, from each cell, the predecessor chosen when the cell was filled, so the counts at
     *     the end are those of the predecessor chain: each cell carries its cost and the deletions on its chain (the
     *     other counts follow: on a path to (i, j), C + S + D = i, C + S + I = j, cost = 4S + 3D + 3I), packed in one
     *     int with the candidate's rank in the tie-breaking order, and no trace matrix is stored or walked.</li>
     * </ul>
     */
    public void count(int[] ref, int refLength, int[] hyp, int hypLength, int[] out) {
        int n = refLength;
        int m = hypLength;
        while (n > 0 && m > 0 && ref[n - 1] == hyp[m - 1]) {
            n--;
            m--;
        }
        int suffix = refLength - n;
        if (n + m > PACKED_LIMIT) {
            traceCount(ref, n, hyp, m, out);
        } else {
            packedCount(ref, n, hyp, m, out);
        }
        out[0] += suffix;
    }

    /**
     * Longest n + m of the packed form (cost << 16 | rank << 14 | deletions): a cost is at most 3(n + m) and must fit in
     * 15 bits, the deletions (at most n) in 14.
     */
    static final int PACKED_LIMIT = 10_000;
    private static final int COST = 1 << 16;
    private static final int RANK = 1 << 14;
    private static final int NO_RANK = ~(3 * RANK);

    private void packedCount(int[] ref, int n, int[] hyp, int m, int[] out) {
        if (previousRow.length < m + 1) {
            previousRow = new int[Math.max(m + 1, previousRow.length * 2)];
            currentRow = new int[previousRow.length];
        }
        int[] prev = previousRow;
        int[] cur = currentRow;
        for (int j = 0; j <= m; j++) {
            prev[j] = j * INSERTION_COST * COST;
        }
        for (int i = 1; i <= n; i++) {
            int r = ref[i - 1];
            int diagonal = prev[0];
            int best = i * DELETION_COST * COST + i;
            cur[0] = best;
            for (int j = 1; j <= m; j++) {
                int above = prev[j];
                // The same choice as fill() (the diagonal, unless an insertion is strictly cheaper, unless a deletion is
                // strictly cheaper still): each candidate carries its rank in the two bits under the cost, so the
                // smallest packed value is the choice, whose rank bits are then cleared.
                int diagonalStep = diagonal + (r == hyp[j - 1] ? 0 : SUBSTITUTION_COST * COST);
                int left = best + INSERTION_COST * COST + RANK;
                int up = above + DELETION_COST * COST + 2 * RANK + 1;
                best = diagonalStep < left ? diagonalStep : left;
                best = (best < up ? best : up) & NO_RANK;
                cur[j] = best;
                diagonal = above;
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        previousRow = prev;
        currentRow = cur;
        int cost = prev[m] >>> 16;
        int d = prev[m] & (RANK - 1);
        int ins = m - n + d;
        int s = (cost - DELETION_COST * d - INSERTION_COST * ins) / SUBSTITUTION_COST;
        out[0] = n - s - d;
        out[1] = s;
        out[2] = d;
        out[3] = ins;
    }

    /** The counts by walking the trace-back of {@link #fill}: the reference the packed form is tested against. */
    void traceCount(int[] ref, int refLength, int[] hyp, int hypLength, int[] out) {
        fill(ref, refLength, hyp, hypLength);
        int c = 0, s = 0, d = 0, ins = 0;
        int i = refLength;
        int j = hypLength;
        int width = hypLength + 1;
        byte[] t = trace;
        while (i > 0 && j > 0) {
            byte dir = t[i * width + j];
            if (dir == DIAGONAL) {
                if (ref[i - 1] == hyp[j - 1]) {
                    c++;
                } else {
                    s++;
                }
                i--;
                j--;
            } else if (dir == UP) {
                d++;
                i--;
            } else {
                ins++;
                j--;
            }
        }
        out[0] = c;
        out[1] = s;
        out[2] = d + i;
        out[3] = ins + j;
    }

    /** Convenience form of {@link #count(int[], int, int[], int, int[])} for whole arrays. */
    public EditCounts count(int[] ref, int[] hyp) {
        int[] out = new int[4];
        count(ref, ref.length, hyp, hyp.length, out);
        return new EditCounts(out[0], out[1], out[2], out[3]);
    }

    private void fill(int[] ref, int n, int[] hyp, int m) {
        int width = m + 1;
        if (previousRow.length < width) {
            previousRow = new int[Math.max(width, previousRow.length * 2)];
            currentRow = new int[previousRow.length];
        }
        int cells = (n + 1) * width;
        if (trace.length < cells) {
            trace = new byte[Math.max(cells, trace.length * 2)];
        }
        int[] prev = previousRow;
        int[] cur = currentRow;
        byte[] t = trace;
        prev[0] = 0;
        t[0] = DIAGONAL;
        for (int j = 1; j <= m; j++) {
            prev[j] = j * INSERTION_COST;
            t[j] = LEFT;
        }
        for (int i = 1; i <= n; i++) {
            int row = i * width;
            int r = ref[i - 1];
            cur[0] = i * DELETION_COST;
            t[row] = UP;
            for (int j = 1; j <= m; j++) {
                int best = prev[j - 1] + (r == hyp[j - 1] ? 0 : SUBSTITUTION_COST);
                byte dir = DIAGONAL;
                int left = cur[j - 1] + INSERTION_COST;
                if (left < best) {
                    best = left;
                    dir = LEFT;
                }
                int up = prev[j] + DELETION_COST;
                if (up < best) {
                    best = up;
                    dir = UP;
                }
                cur[j] = best;
                t[row + j] = dir;
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        previousRow = prev;
        currentRow = cur;
    }

    private static int[] intern(List<String> tokens, Map<String, Integer> ids) {
        int[] out = new int[tokens.size()];
        for (int k = 0; k < out.length; k++) {
            String token = tokens.get(k);
            if (token == null) {
                throw new IllegalArgumentException("null token at position " + k);
            }
            out[k] = ids.computeIfAbsent(token, x -> ids.size());
        }
        return out;
    }

    private record Step(EditOp op, String ref, String hyp) {
    }
}

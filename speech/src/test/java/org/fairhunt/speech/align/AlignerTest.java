package org.fairhunt.speech.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlignerTest {

    private static EditCounts counts(String ref, String hyp) {
        return new Aligner().align(words(ref), words(hyp)).counts();
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.split(" "));
    }

    @Test
    void identicalSentencesAreAllHits() {
        assertEquals(new EditCounts(4, 0, 0, 0), counts("the cat sat down", "the cat sat down"));
    }

    @Test
    void oneWrongWordIsOneSubstitution() {
        assertEquals(new EditCounts(2, 1, 0, 0), counts("the cat sat", "the bat sat"));
    }

    @Test
    void missingAndExtraWordsAreDeletionsAndInsertions() {
        assertEquals(new EditCounts(2, 0, 1, 0), counts("the cat sat", "the sat"));
        assertEquals(new EditCounts(3, 0, 0, 2), counts("the cat sat", "oh the cat sat down"));
    }

    @Test
    void emptyReferenceGivesOnlyInsertionsAndEmptyHypothesisOnlyDeletions() {
        assertEquals(new EditCounts(0, 0, 0, 2), counts("", "foo bar"));
        assertEquals(new EditCounts(0, 0, 3, 0), counts("a b c", ""));
        assertEquals(EditCounts.ZERO, counts("", ""));
    }

    @Test
    void aSubstitutionIsPreferredToADeletionPlusAnInsertion() {
        // cost: 1 sub = 4 < del + ins = 6; unit-cost Levenshtein would be indifferent.
        assertEquals(new EditCounts(0, 1, 0, 0), counts("a", "b"));
    }

    @Test
    void shiftedSentenceUsesDeletionAndInsertionNotSubstitutions() {
        // "a b c d" vs "b c d e": three substitutions + a hit cost 12, del a + ins e cost 6.
        assertEquals(new EditCounts(3, 0, 1, 1), counts("a b c d", "b c d e"));
    }

    @Test
    void alignmentStepsAreInReadingOrderWithTheMissingSideNull() {
        Alignment a = new Aligner().align(words("a b c"), words("a x c d"));
        List<Alignment.Step> steps = a.steps();
        assertEquals(4, steps.size());
        assertEquals(new Alignment.Step(EditOp.CORRECT, "a", "a"), steps.get(0));
        assertEquals(new Alignment.Step(EditOp.SUBSTITUTION, "b", "x"), steps.get(1));
        assertEquals(new Alignment.Step(EditOp.CORRECT, "c", "c"), steps.get(2));
        assertEquals(new Alignment.Step(EditOp.INSERTION, null, "d"), steps.get(3));
    }

    @Test
    void bulkCountsEqualTheFullAlignmentOnRandomSequences() {
        java.util.Random random = new java.util.Random(7);
        Aligner aligner = new Aligner();
        for (int t = 0; t < 2000; t++) {
            int[] r = random.ints(random.nextInt(30), 0, 6).toArray();
            int[] h = random.ints(random.nextInt(30), 0, 6).toArray();
            EditCounts bulk = aligner.count(r, h);
            List<String> rs = java.util.Arrays.stream(r).mapToObj(Integer::toString).toList();
            List<String> hs = java.util.Arrays.stream(h).mapToObj(Integer::toString).toList();
            assertEquals(new Aligner().align(rs, hs).counts(), bulk);
            assertEquals(r.length, bulk.referenceLength());
            assertEquals(h.length, bulk.hypothesisLength());
        }
    }

    @Test
    void packedCountsEqualTheTraceBackOnTieHeavyPairs() {
        // Two or three token values make equal-cost alignments with different S/D/I splits the rule, which is where
        // carrying the counts forward (and skipping the common suffix) would part from the trace-back if it could.
        java.util.Random random = new java.util.Random(20261129L);
        Aligner packed = new Aligner();
        Aligner traced = new Aligner();
        int[] a = new int[4];
        int[] b = new int[4];
        for (int t = 0; t < 30_000; t++) {
            int values = 2 + random.nextInt(2);
            int[] r = random.ints(random.nextInt(26), 0, values).toArray();
            int[] h = random.ints(random.nextInt(26), 0, values).toArray();
            packed.count(r, r.length, h, h.length, a);
            traced.traceCount(r, r.length, h, h.length, b);
            assertEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(a),
                    java.util.Arrays.toString(r) + " vs " + java.util.Arrays.toString(h));
        }
    }

    @Test
    void packedCountsHoldAtTheLengthLimit() {
        java.util.Random random = new java.util.Random(5);
        Aligner packed = new Aligner();
        Aligner traced = new Aligner();
        int[] a = new int[4];
        int[] b = new int[4];
        // the largest cost: nothing in common (all deletions and substitutions), at the limit
        int[] r = new int[9000];
        int[] h = new int[Aligner.PACKED_LIMIT - 9000];
        java.util.Arrays.fill(h, 1);
        packed.count(r, r.length, h, h.length, a);
        assertEquals("[0, 1000, 8000, 0]", java.util.Arrays.toString(a));
        // at the limit the packed form still runs, and equals the trace-back on a tie-heavy pair
        int n = Aligner.PACKED_LIMIT / 2;
        int[] x = random.ints(n, 0, 3).toArray();
        int[] y = random.ints(n, 0, 3).toArray();
        packed.count(x, n, y, n, a);
        traced.traceCount(x, n, y, n, b);
        assertEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(a), n + " tokens a side");
    }

    @Test
    void beyondTheLengthLimitTheCountsAreTheEditsMadeByHand() {
        // Past the packed form's limit count() takes the trace-back, so the expected counts come from the edits
        // themselves: every token distinct, the hypothesis is the reference with known tokens deleted, replaced by
        // new tokens and new tokens inserted, which has exactly one cheapest alignment (a substitution, 4, is cheaper
        // than a deletion and an insertion, 6; a wrong match is impossible with distinct tokens).
        int n = Aligner.PACKED_LIMIT / 2 + 700;
        int[] ref = java.util.stream.IntStream.range(0, n).toArray();
        java.util.Random random = new java.util.Random(11);
        int[] hyp = new int[n + 400];
        int m = 0;
        int deleted = 0;
        int replaced = 0;
        int inserted = 0;
        int fresh = n;
        // what happened to the previous reference token (0 kept, 1 deleted, 2 replaced): no replacement or insertion
        // next to a deletion, where a deletion and an insertion would pair up as a substitution
        int previous = 0;
        for (int token : ref) {
            int edit = random.nextInt(40);
            if (edit == 0 && previous != 2) {
                deleted++;
                previous = 1;
                continue;
            }
            if (edit == 1 && previous == 0) {
                hyp[m++] = fresh++;
                replaced++;
                previous = 2;
                continue;
            }
            if (edit == 2 && previous == 0) {
                hyp[m++] = fresh++;
                inserted++;
            }
            hyp[m++] = token;
            previous = 0;
        }
        assertTrue(n + m > Aligner.PACKED_LIMIT && deleted > 50 && replaced > 50 && inserted > 50, deleted + " " + replaced
                + " " + inserted);
        int[] counts = new int[4];
        new Aligner().count(ref, n, hyp, m, counts);
        assertEquals(java.util.Arrays.toString(new int[] {n - deleted - replaced, replaced, deleted, inserted}),
                java.util.Arrays.toString(counts));
    }

    @Test
    void errorRateOfAnEmptyReferenceIsZeroOrInfinite() {
        // An empty reference has no WER, with or without insertions: undefined, never 0 or infinity.
        assertEquals(Double.NaN, EditCounts.ZERO.errorRate());
        assertEquals(Double.NaN, new EditCounts(0, 0, 0, 1).errorRate());
        assertEquals(Double.NaN, org.fairhunt.speech.score.WerTotals.of(1, 1, 0, 0, 0, 3, 0, 0).wer());
        assertEquals(Double.NaN, org.fairhunt.speech.score.WerTotals.of(1, 1, 0, 0, 0, 3, 0, 0).insertionRate());
        assertEquals(0.5, new EditCounts(2, 1, 1, 0).errorRate());
    }
}

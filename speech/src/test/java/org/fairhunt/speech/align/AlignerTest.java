package org.fairhunt.speech.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void errorRateOfAnEmptyReferenceIsZeroOrInfinite() {
        // An empty reference has no WER, with or without insertions: undefined, never 0 or infinity.
        assertEquals(Double.NaN, EditCounts.ZERO.errorRate());
        assertEquals(Double.NaN, new EditCounts(0, 0, 0, 1).errorRate());
        assertEquals(Double.NaN, org.fairhunt.speech.score.WerTotals.of(1, 1, 0, 0, 0, 3, 0, 0).wer());
        assertEquals(Double.NaN, org.fairhunt.speech.score.WerTotals.of(1, 1, 0, 0, 0, 3, 0, 0).insertionRate());
        assertEquals(0.5, new EditCounts(2, 1, 1, 0).errorRate());
    }
}

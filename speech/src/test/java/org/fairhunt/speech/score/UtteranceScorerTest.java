package org.fairhunt.speech.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.fairhunt.speech.normalize.Normalizer;
import org.junit.jupiter.api.Test;

class UtteranceScorerTest {

    private static String text(Random random) {
        String[] pieces = {"a", "B", "ab", "Ab", "AB", "ba", "c", "é", "\t", " ", "  ", "\u00A0", "x"};
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(14);
        for (int k = 0; k < n; k++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
            if (random.nextInt(3) > 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    @Test
    void bulkCountsEqualTheGeneralPathForEveryNormalizer() {
        for (String spec : new String[] {"none", "case", "case,punctuation"}) {
            Normalizer n = Normalizer.parse(spec, null);
            UtteranceScorer bulk = new UtteranceScorer(n);
            Random random = new Random(11);
            int[] out = new int[6];
            for (int t = 0; t < 20000; t++) {
                String r = text(random);
                String h = text(random);
                bulk.count(r, h, out);
                UtteranceScore u = new UtteranceScorer(n).score(r, h);
                assertArrayEquals(new int[] {u.correct(), u.substitutions(), u.deletions(), u.insertions(), u.referenceChars(),
                        u.charErrors()}, out, spec + ": '" + r + "' vs '" + h + "'");
            }
        }
    }

    @Test
    void caseFoldingMakesCapitalsEqualAndNoneKeepsThemApart() {
        int[] out = new int[6];
        new UtteranceScorer(Normalizer.scliteDefault()).count("The Cat", "the CAT", out);
        assertArrayEquals(new int[] {2, 0, 0, 0, 6, 0}, out);
        new UtteranceScorer(Normalizer.none()).count("The Cat", "the CAT", out);
        assertArrayEquals(new int[] {0, 2, 0, 0, 6, 3}, out);
    }

    @Test
    void characterErrorsIgnoreWordBoundaries() {
        UtteranceScore u = new UtteranceScorer(Normalizer.none()).score("the cat", "thecat");
        assertEquals(6, u.referenceChars());
        assertEquals(0, u.charErrors());
        assertEquals(2, u.wordErrors()); // 1 substitution + 1 deletion
    }
}

package org.fairhunt.speech.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizerTest {

    @TempDir
    Path tmp;

    @Test
    void anyUnicodeWhitespaceSeparatesWords() {
        assertEquals(List.of("a", "b", "c"), Normalizer.none().tokens("  a\tb\u00A0 c \n"));
        assertEquals(List.of(), Normalizer.none().tokens("   "));
    }

    @Test
    void caseFoldingLowersEveryWord() {
        assertEquals(List.of("the", "cat", "é"), Normalizer.parse("case", null).tokens("The CAT É"));
    }

    @Test
    void punctuationIsDroppedButWordInternalApostrophesStay() {
        assertEquals(List.of("It's", "well", "known", "yes"),
                Normalizer.parse("punctuation", null).tokens("\"It's well-known,\" yes! ..."));
        assertEquals(List.of("rock", "n"), Normalizer.parse("punctuation", null).tokens("rock 'n'"));
    }

    @Test
    void contractionsExpandButPossessivesStay() {
        Normalizer n = Normalizer.parse("case,contractions", null);
        assertEquals(List.of("it", "is", "the", "man's", "hat", "do", "not", "we", "are", "will", "not"),
                n.tokens("It's the man's hat don't we're won't"));
    }

    @Test
    void nonSpeechTokensAndFillersAreRemoved() {
        assertEquals(List.of("hello", "world"),
                Normalizer.parse("nonspeech", null).tokens("<s> um hello [noise] <unk> ++BREATH++ world UH </s>"));
    }

    @Test
    void wordMapRewritesMultiWordSequencesLongestFirst() throws Exception {
        Path map = Files.writeString(tmp.resolve("map.glm"), "; comment\nok => okay\nall right => alright\nuh =>\n");
        Normalizer n = Normalizer.parse("case", map);
        assertEquals(List.of("okay", "alright", "then", "all"), n.tokens("OK all right uh then all"));
        assertTrue(n.describe().contains("word-map(map.glm, 3 rules)"), n.describe());
        assertEquals("whitespace > case > word-map(map.glm, 3 rules)", n.describe());
    }

    @Test
    void malformedWordMapNamesFileAndLine() throws Exception {
        Path map = Files.writeString(tmp.resolve("bad.glm"), "ok => okay\nthis has no arrow\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> WordMap.read(map));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("bad.glm:2"), e.getMessage());
    }

    @Test
    void unknownStepIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class, () -> Normalizer.parse("case,stem", null));
        assertTrue(e.getMessage().contains("'stem'"), e.getMessage());
    }

    @Test
    void markupNeverBecomesAScoredWordWhateverTheOrderGiven() {
        // After punctuation, <unk> would be the word "unk": markup runs first however the steps are listed.
        assertEquals(List.of("the", "cat"), Normalizer.parse("punctuation,case,markup", null).tokens("The <unk> [noise] cat ++breath++"));
        assertEquals(List.of("the", "cat"), Normalizer.parse(Normalizer.DEFAULT, null).tokens("The <UNK> [noise] cat"));
        // The default keeps fillers: pocketsphinx writes "ah" for real sounds, and they are errors.
        assertEquals(List.of("ah", "the", "cat"), Normalizer.parse(Normalizer.DEFAULT, null).tokens("ah the cat"));
        assertEquals(List.of("the", "cat"), Normalizer.parse("punctuation,nonspeech", null).tokens("ah the <unk> cat"));
        assertEquals("whitespace > markup > case", Normalizer.parse(Normalizer.DEFAULT, null).describe());
    }

    @Test
    void aNistGlmFileIsReadAsAWordMap() throws Exception {
        Path glm = Files.writeString(tmp.resolve("en.glm"), String.join("\n",
                ";; a GLM file as csrfilt.sh reads it",
                "* name \"test.glm\"",
                "* format = 'NIST1'",
                "* case_sensitive = 'F'",
                "OK => OKAY / [ ] __ [ ]   ;; the usual spelling",
                "ALL RIGHT => ALRIGHT / [ ] __ [ ]",
                "UH => / [ ] __ [ ]", ""));
        Normalizer n = Normalizer.parse("case", glm);
        // case_sensitive = 'F': the rules match whatever the case; their right sides are written as they are.
        assertEquals(List.of("OKAY", "it's", "ALRIGHT"), n.tokens("ok uh it's all right"));
        Path alternation = Files.writeString(tmp.resolve("alt.glm"), "AIN'T => {AM NOT / IS NOT} / [ ] __ [ ]\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Normalizer.parse("case", alternation));
        assertTrue(e.getMessage().contains("alt.glm:1:") && e.getMessage().contains("alternation"), e.getMessage());
        Path context = Files.writeString(tmp.resolve("ctx.glm"), "A => B / [X] __ [ ]\n");
        assertTrue(assertThrows(DataFormatException.class, () -> Normalizer.parse("case", context)).getMessage()
                .contains("context"));
    }

    @Test
    void englishNumbersBecomeDigitsOnBothSides() {
        Normalizer n = Normalizer.parse("case,punctuation,numbers", null);
        assertEquals("whitespace > numbers > case > punctuation", n.describe());
        assertEquals(List.of("25", "people"), n.tokens("twenty five people"));
        assertEquals(List.of("25", "people"), n.tokens("Twenty-five people"));
        assertEquals(List.of("25", "people"), n.tokens("25 people"));
        assertEquals(List.of("105"), n.tokens("one hundred and five"));
        assertEquals(List.of("3200"), n.tokens("three thousand two hundred"));
        assertEquals(List.of("1000"), n.tokens("1,000"));
        assertEquals(List.of("the", "21st", "of", "may"), n.tokens("the twenty first of May"));
        assertEquals(List.of("3rd"), n.tokens("third"));
        assertEquals(List.of("in", "1999"), n.tokens("in nineteen ninety nine"));
        assertEquals(List.of("1905"), n.tokens("nineteen oh five"));
        assertEquals(List.of("2020"), n.tokens("twenty twenty"));
        assertEquals(List.of("2005"), n.tokens("two thousand and five"));
        assertEquals(List.of("5", "dollars"), n.tokens("five dollars"));
        assertEquals(List.of("5", "dollars"), n.tokens("$5"));
        assertEquals(List.of("5", "dollars"), n.tokens("5 dollars."));
        assertEquals(List.of("1", "2", "3"), n.tokens("one two three"));
        assertEquals(List.of("and", "then"), n.tokens("and then"));
        // A number said two ways is now one correct word, where it was two errors.
        var scorer = new org.fairhunt.speech.score.UtteranceScorer(n, false);
        assertEquals(0, scorer.score("I paid twenty five dollars", "i paid $25").wordErrors());
    }
}

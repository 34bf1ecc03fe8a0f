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
}

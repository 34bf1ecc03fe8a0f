package org.fairhunt.speech.score;

import java.util.List;
import org.fairhunt.speech.align.Aligner;
import org.fairhunt.speech.align.Alignment;

/**
 * Edit counts of one utterance after normalization: word hits, substitutions, deletions, insertions;
 * reference characters and character-level errors (characters of the normalized words, spaces
 * excluded, as {@code sclite -c}). Keeps the normalized tokens so the alignment can be listed.
 */
public record UtteranceScore(List<String> ref, List<String> hyp, int correct, int substitutions, int deletions,
                             int insertions, int referenceChars, int charErrors) {

    public int referenceWords() {
        return correct + substitutions + deletions;
    }

    public int wordErrors() {
        return substitutions + deletions + insertions;
    }

    /** sclite's sentence error: any word error at all (an empty pair is correct). */
    public boolean sentenceError() {
        return wordErrors() > 0;
    }

    /** The word alignment, recomputed on demand (bulk scoring keeps counts only). */
    public Alignment alignment() {
        return new Aligner().align(ref, hyp);
    }
}

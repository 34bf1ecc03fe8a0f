package org.fairhunt.speech.score;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.speech.align.Aligner;
import org.fairhunt.speech.normalize.Normalizer;

/**
 * Normalizes and scores one utterance pair at a time. Words are mapped to integer ids through a
 * vocabulary private to this scorer, so the alignment compares ints. Not thread-safe: one per thread.
 */
public final class UtteranceScorer {

    private static final int VOCABULARY_LIMIT = 1 << 20;

    private final Normalizer normalizer;
    private final Aligner aligner = new Aligner();
    private final Map<String, Integer> vocabulary = new HashMap<>();
    private final int[] counts = new int[4];
    private int[] refIds = new int[64];
    private int[] hypIds = new int[64];
    private int[] refChars = new int[256];
    private int[] hypChars = new int[256];

    private final boolean characters;

    public UtteranceScorer(Normalizer normalizer) {
        this(normalizer, true);
    }

    /**
     * @param characters whether to align characters too (for CER); the character alignment costs about
     *                   as much as the square of the word length ratio, some 25 times the word alignment
     */
    public UtteranceScorer(Normalizer normalizer, boolean characters) {
        this.normalizer = normalizer;
        this.characters = characters;
    }

    public UtteranceScore score(String referenceText, String hypothesisText) {
        List<String> ref = normalizer.tokens(referenceText);
        List<String> hyp = normalizer.tokens(hypothesisText);
        return scoreTokens(ref, hyp);
    }

    /** Scores already-normalized tokens. */
    public UtteranceScore scoreTokens(List<String> ref, List<String> hyp) {
        if (vocabulary.size() > VOCABULARY_LIMIT) {
            vocabulary.clear();
        }
        int n = ref.size();
        int m = hyp.size();
        if (refIds.length < n) {
            refIds = new int[n * 2];
        }
        if (hypIds.length < m) {
            hypIds = new int[m * 2];
        }
        for (int k = 0; k < n; k++) {
            refIds[k] = id(ref.get(k));
        }
        for (int k = 0; k < m; k++) {
            hypIds[k] = id(hyp.get(k));
        }
        aligner.count(refIds, n, hypIds, m, counts);
        int c = counts[0], s = counts[1], d = counts[2], i = counts[3];

        if (!characters) {
            return new UtteranceScore(ref, hyp, c, s, d, i, 0, 0);
        }
        int rc = fillChars(ref, true);
        int hc = fillChars(hyp, false);
        aligner.count(refChars, rc, hypChars, hc, counts);
        int charErrors = counts[1] + counts[2] + counts[3];
        return new UtteranceScore(ref, hyp, c, s, d, i, rc, charErrors);
    }

    private int id(String word) {
        Integer known = vocabulary.get(word);
        if (known != null) {
            return known;
        }
        int fresh = vocabulary.size();
        vocabulary.put(word, fresh);
        return fresh;
    }

    // Code points of the words without the spaces between them (sclite -c drops word boundaries too).
    private int fillChars(List<String> words, boolean reference) {
        int length = 0;
        for (String w : words) {
            length += w.length();
        }
        int[] target = reference ? refChars : hypChars;
        if (target.length < length) {
            target = new int[length * 2];
            if (reference) {
                refChars = target;
            } else {
                hypChars = target;
            }
        }
        int k = 0;
        for (String w : words) {
            for (int j = 0; j < w.length(); ) {
                int cp = w.codePointAt(j);
                target[k++] = cp;
                j += Character.charCount(cp);
            }
        }
        return k;
    }
}

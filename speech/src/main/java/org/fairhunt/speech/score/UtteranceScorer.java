package org.fairhunt.speech.score;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.speech.align.Aligner;
import org.fairhunt.speech.align.ReferenceNetwork;
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
        this(normalizer, characters, false);
    }

    /**
     * @param networks whether references may hold sclite's optional words {@code (uh)} and alternations
     *                 <code>{ a / b }</code> (trn references), scored as {@code sclite -D} does
     */
    public UtteranceScorer(Normalizer normalizer, boolean characters, boolean networks) {
        this.networks = networks;
        this.normalizer = normalizer;
        this.characters = characters;
        // The default chain (markup, case) is a case fold on any text without markup characters.
        this.fastPath = normalizer.isCaseFoldAtMost() || normalizer.isDefaultChain();
        this.fold = normalizer.foldsCase();
    }

    public UtteranceScore score(String referenceText, String hypothesisText) {
        List<String> hyp = normalizer.tokens(hypothesisText);
        if (networks && ReferenceNetwork.hasSyntax(referenceText)) {
            return scoreNetwork(referenceText, hyp);
        }
        List<String> ref = normalizer.tokens(referenceText);
        return scoreTokens(ref, hyp);
    }

    private final boolean networks;

    /** A reference with optional words or alternations: the network's cheapest path is the scored reference. */
    private UtteranceScore scoreNetwork(String referenceText, List<String> hyp) {
        if (vocabulary.size() > VOCABULARY_LIMIT) {
            vocabulary.clear();
        }
        ReferenceNetwork network = ReferenceNetwork.parse(referenceText, normalizer::tokens, this::id);
        int m = hyp.size();
        if (hypIds.length < m) {
            hypIds = new int[m * 2];
        }
        for (int k = 0; k < m; k++) {
            hypIds[k] = id(hyp.get(k));
        }
        List<String> path = network.align(hypIds, m, counts);
        return withCharacters(path, hyp);
    }

    /** The word counts in {@code counts} as a score, with the character alignment of the words when asked for. */
    private UtteranceScore withCharacters(List<String> ref, List<String> hyp) {
        int c = counts[0], s = counts[1], d = counts[2], i = counts[3];
        if (!characters) {
            return new UtteranceScore(ref, hyp, c, s, d, i, 0, 0);
        }
        int rc = fillChars(ref, true);
        int hc = fillChars(hyp, false);
        aligner.count(refChars, rc, hypChars, hc, counts);
        return new UtteranceScore(ref, hyp, c, s, d, i, rc, counts[1] + counts[2] + counts[3]);
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
        return withCharacters(ref, hyp);
    }

    /**
     * Counts only, written to {@code out} as correct, substitutions, deletions, insertions, reference
     * characters, character errors (the last two 0 without character alignment). Identical to
     * {@link #score} but, for sclite's default normalization on ASCII text, tokenizes, folds case and looks
     * words up in one pass over the text's bytes without allocating: the bulk-scoring path.
     */
    public void count(String referenceText, String hypothesisText, int[] out) {
        if (!fastPath || !isPlainAscii(referenceText) || !isPlainAscii(hypothesisText)
                || networks && ReferenceNetwork.hasSyntax(referenceText) || !countAscii(referenceText, hypothesisText, out)) {
            UtteranceScore u = score(referenceText, hypothesisText);
            out[0] = u.correct();
            out[1] = u.substitutions();
            out[2] = u.deletions();
            out[3] = u.insertions();
            out[4] = u.referenceChars();
            out[5] = u.charErrors();
        }
    }

    /**
     * {@link #count(String, String, int[])} of two plain texts given as ASCII bytes, {@code reference[referenceFrom,
     * referenceTo)} and {@code hypothesis[hypothesisFrom, hypothesisTo)}: printable ASCII words separated by single
     * spaces, with no byte that may start markup ({@code < [ +}), as a plain trn line holds them
     * ({@link org.fairhunt.speech.format.PlainTexts}), which the caller vouches for. Words are split on the spaces and
     * folded and looked up from the bytes (the same counts: a text's ids only need to agree within its pair). Returns
     * false, with nothing counted, when the normalizer goes beyond the case fold and markup (the general path's work).
     */
    public boolean countPlain(byte[] reference, int referenceFrom, int referenceTo, byte[] hypothesis, int hypothesisFrom,
                              int hypothesisTo, int[] out) {
        if (!fastPath) {
            return false;
        }
        checkByteVocabulary();
        int n = tokenizePlain(reference, referenceFrom, referenceTo, true);
        int m = tokenizePlain(hypothesis, hypothesisFrom, hypothesisTo, false);
        alignTokens(n, m, out);
        return true;
    }

    private void checkByteVocabulary() {
        if (byteVocabularySize > VOCABULARY_LIMIT) {
            java.util.Arrays.fill(byteKeys, null);
            java.util.Arrays.fill(shortLengths, (byte) 0);
            byteVocabularySize = 0;
            longWords = 0;
            shortWords = 0;
        }
    }

    /** The counts of two texts of ASCII characters (which the caller has checked); false at a byte that may start markup. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) copies the low bytes, exact for ASCII text
    private boolean countAscii(String reference, String hypothesis, int[] out) {
        checkByteVocabulary();
        int rl = reference.length();
        int hl = hypothesis.length();
        if (scratch.length < Math.max(rl, hl)) {
            scratch = new byte[Math.max(rl, hl) * 2];
        }
        reference.getBytes(0, rl, scratch, 0);
        int n = tokenize(scratch, 0, rl, true);
        if (n < 0) {
            return false;
        }
        hypothesis.getBytes(0, hl, scratch, 0);
        int m = tokenize(scratch, 0, hl, false);
        if (m < 0) {
            return false;
        }
        alignTokens(n, m, out);
        return true;
    }

    /** Aligns the tokenized word ids (and characters) and writes the counts as {@link #count} does. */
    private void alignTokens(int n, int m, int[] out) {
        aligner.count(refIds, n, hypIds, m, counts);
        out[0] = counts[0];
        out[1] = counts[1];
        out[2] = counts[2];
        out[3] = counts[3];
        if (characters) {
            aligner.count(refChars, refCharCount, hypChars, hypCharCount, counts);
            out[4] = refCharCount;
            out[5] = counts[1] + counts[2] + counts[3];
        } else {
            out[4] = 0;
            out[5] = 0;
        }
    }

    private byte[] scratch = new byte[256];
    private byte[][] byteKeys = new byte[1 << 12][];
    private int[] byteKeyIds = new int[1 << 12];
    private int byteVocabularySize; // ids given by both tables
    private int longWords; // words in byteKeys
    // Words of at most eight bytes, folded, packed into a long (first byte highest) with their length: one comparison
    // of a long and a byte finds one, where a byte[] key costs a comparison per byte.
    private long[] shortKeys = new long[1 << 12];
    private byte[] shortLengths = new byte[1 << 12]; // 0: a free slot
    private int[] shortIds = new int[1 << 12];
    private int shortShift = 64 - 12;
    private int shortWords;

    /**
     * Splits ASCII text on whitespace into word ids (and, with characters, folded character codes); -1 at a byte
     * that may start markup ({@code < [ +}).
     */
    private int tokenize(byte[] text, int from, int to, boolean reference) {
        reserve(reference, to - from);
        int[] ids = reference ? refIds : hypIds;
        int[] chars = reference ? refChars : hypChars;
        int words = 0;
        int charCount = 0;
        int k = from;
        while (k < to) {
            if (isSpace(text[k])) {
                k++;
                continue;
            }
            int start = k;
            long packed = 0;
            int c;
            while (k < to && !isSpace(c = text[k])) {
                if (c == '<' || c == '[' || c == '+') {
                    return -1;
                }
                if (fold && c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                packed = packed << 8 | c;
                if (characters) {
                    chars[charCount++] = c;
                }
                k++;
            }
            ids[words++] = wordId(text, start, k, packed);
        }
        if (reference) {
            refCharCount = charCount;
        } else {
            hypCharCount = charCount;
        }
        return words;
    }

    /** Room for the word ids and characters of a text of {@code length} bytes on one side. */
    private void reserve(boolean reference, int length) {
        int words = length / 2 + 1;
        if (reference) {
            refIds = refIds.length < words ? new int[words] : refIds;
            refChars = characters && refChars.length < length ? new int[length] : refChars;
        } else {
            hypIds = hypIds.length < words ? new int[words] : hypIds;
            hypChars = characters && hypChars.length < length ? new int[length] : hypChars;
        }
    }

    /**
     * {@link #tokenize} of a plain text: words separated by single spaces, no space at either end, no markup byte, so
     * the only test per byte is the space.
     */
    private int tokenizePlain(byte[] text, int from, int to, boolean reference) {
        reserve(reference, to - from);
        int[] ids = reference ? refIds : hypIds;
        int[] chars = reference ? refChars : hypChars;
        byte[] map = fold ? LOWER : SAME;
        int words = 0;
        int charCount = 0;
        int k = from;
        while (k < to) {
            int start = k;
            long packed = 0;
            byte b;
            while (k < to && (b = text[k]) != ' ') {
                int c = map[b];
                packed = packed << 8 | c; // beyond eight bytes the first ones fall off: such a word is looked up by its bytes
                if (characters) {
                    chars[charCount++] = c;
                }
                k++;
            }
            ids[words++] = wordId(text, start, k, packed);
            k++; // the space
        }
        if (reference) {
            refCharCount = charCount;
        } else {
            hypCharCount = charCount;
        }
        return words;
    }

    // ASCII bytes as themselves and case-folded (A-Z to a-z); plain texts hold no byte above 0x7E
    private static final byte[] SAME = new byte[128];
    private static final byte[] LOWER = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            SAME[c] = (byte) c;
            LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }

    /** The id of the word {@code text[from, to)}, whose folded bytes' last eight are {@code packed}. */
    private int wordId(byte[] text, int from, int to, long packed) {
        int length = to - from;
        if (length > 8) {
            int h = 0;
            for (int j = from; j < to; j++) {
                byte c = text[j];
                h = 31 * h + (fold && c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            return lookup(text, from, to, h);
        }
        if (shortWords * 2 >= shortKeys.length) {
            growShort();
        }
        int i = (int) (packed * 0x9E3779B97F4A7C15L >>> shortShift);
        int mask = shortKeys.length - 1;
        while (true) {
            int l = shortLengths[i];
            if (l == 0) {
                shortKeys[i] = packed;
                shortLengths[i] = (byte) length;
                shortIds[i] = byteVocabularySize;
                shortWords++;
                return byteVocabularySize++;
            }
            if (shortKeys[i] == packed && l == length) {
                return shortIds[i];
            }
            i = (i + 1) & mask;
        }
    }

    private void growShort() {
        long[] oldKeys = shortKeys;
        byte[] oldLengths = shortLengths;
        int[] oldIds = shortIds;
        shortKeys = new long[oldKeys.length * 2];
        shortLengths = new byte[oldKeys.length * 2];
        shortIds = new int[oldKeys.length * 2];
        shortShift--;
        int mask = shortKeys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldLengths[j] != 0) {
                int i = (int) (oldKeys[j] * 0x9E3779B97F4A7C15L >>> shortShift);
                while (shortLengths[i] != 0) {
                    i = (i + 1) & mask;
                }
                shortKeys[i] = oldKeys[j];
                shortLengths[i] = oldLengths[j];
                shortIds[i] = oldIds[j];
            }
        }
    }

    private int lookup(byte[] text, int from, int to, int hash) {
        if (longWords * 2 >= byteKeys.length) {
            growBytes();
        }
        int mask = byteKeys.length - 1;
        int i = (hash ^ (hash >>> 16)) * 0x9E3779B1 & mask;
        int length = to - from;
        while (true) {
            byte[] key = byteKeys[i];
            if (key == null) {
                byte[] word = new byte[length];
                for (int j = 0; j < length; j++) {
                    byte c = text[from + j];
                    word[j] = fold && c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
                }
                byteKeys[i] = word;
                byteKeyIds[i] = byteVocabularySize;
                longWords++;
                return byteVocabularySize++;
            }
            if (key.length == length && sameWord(key, text, from)) {
                return byteKeyIds[i];
            }
            i = (i + 1) & mask;
        }
    }

    private boolean sameWord(byte[] key, byte[] text, int from) {
        for (int j = 0; j < key.length; j++) {
            byte c = text[from + j];
            if (key[j] != (fold && c >= 'A' && c <= 'Z' ? c + 32 : c)) {
                return false;
            }
        }
        return true;
    }

    private void growBytes() {
        byte[][] oldKeys = byteKeys;
        int[] oldIds = byteKeyIds;
        byteKeys = new byte[oldKeys.length * 2][];
        byteKeyIds = new int[oldKeys.length * 2];
        int mask = byteKeys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            byte[] key = oldKeys[j];
            if (key != null) {
                int h = 0;
                for (byte c : key) {
                    h = 31 * h + c;
                }
                int i = (h ^ (h >>> 16)) * 0x9E3779B1 & mask;
                while (byteKeys[i] != null) {
                    i = (i + 1) & mask;
                }
                byteKeys[i] = key;
                byteKeyIds[i] = oldIds[j];
            }
        }
    }

    /** ASCII without the characters that can start non-speech markup ({@code < [ +}): the fast path's domain. */
    private static boolean isPlainAscii(String s) {
        for (int k = 0, n = s.length(); k < n; k++) {
            char c = s.charAt(k);
            if (c >= 128 || c == '<' || c == '[' || c == '+' || c == '(' || c == '{') {
                return false;
            }
        }
        return true;
    }

    private final boolean fastPath;
    private final boolean fold;
    private int refCharCount;
    private int hypCharCount;

    /** ASCII whitespace, as {@link Character#isWhitespace} has it (every such character is at most a space). */
    private static boolean isSpace(int c) {
        return c == ' ' || c < ' ' && Character.isWhitespace(c);
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

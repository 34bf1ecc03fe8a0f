package org.fairhunt.speech.score;

/**
 * Mutable, mergeable sums over utterances: the sufficient statistics of every WER-family rate.
 * A rate over zero reference words (or characters, or utterances) is undefined and returned as NaN,
 * even when there are insertions: {@link org.fairhunt.speech.metric.WerStatistic} owns the definition
 * and gives the reason ("no reference words"); nothing here produces an infinity.
 */
public final class WerTotals implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private long sentences;
    private long sentenceErrors;
    private long correct;
    private long substitutions;
    private long deletions;
    private long insertions;
    private long referenceChars;
    private long charErrors;

    /** Totals from known sums; {@code referenceWords} includes the substituted and deleted words. */
    public static WerTotals of(long sentences, long sentenceErrors, long referenceWords, long substitutions, long deletions,
                               long insertions, long referenceChars, long charErrors) {
        if (referenceWords < substitutions + deletions) {
            throw new IllegalArgumentException("reference words " + referenceWords + " < substitutions " + substitutions
                    + " + deletions " + deletions);
        }
        WerTotals t = new WerTotals();
        t.sentences = sentences;
        t.sentenceErrors = sentenceErrors;
        t.correct = referenceWords - substitutions - deletions;
        t.substitutions = substitutions;
        t.deletions = deletions;
        t.insertions = insertions;
        t.referenceChars = referenceChars;
        t.charErrors = charErrors;
        return t;
    }

    public WerTotals add(UtteranceScore s) {
        return add(s.correct(), s.substitutions(), s.deletions(), s.insertions(), s.referenceChars(), s.charErrors());
    }

    /** Adds one utterance's counts; it is a sentence error when it has any word error (as {@link UtteranceScore#sentenceError()}). */
    public WerTotals add(int correct, int substitutions, int deletions, int insertions, int referenceChars, int charErrors) {
        sentences++;
        if (substitutions + deletions + insertions > 0) {
            sentenceErrors++;
        }
        this.correct += correct;
        this.substitutions += substitutions;
        this.deletions += deletions;
        this.insertions += insertions;
        this.referenceChars += referenceChars;
        this.charErrors += charErrors;
        return this;
    }

    public WerTotals merge(WerTotals o) {
        sentences += o.sentences;
        sentenceErrors += o.sentenceErrors;
        correct += o.correct;
        substitutions += o.substitutions;
        deletions += o.deletions;
        insertions += o.insertions;
        referenceChars += o.referenceChars;
        charErrors += o.charErrors;
        return this;
    }

    public long sentences() {
        return sentences;
    }

    public long sentenceErrors() {
        return sentenceErrors;
    }

    public long correct() {
        return correct;
    }

    public long substitutions() {
        return substitutions;
    }

    public long deletions() {
        return deletions;
    }

    public long insertions() {
        return insertions;
    }

    public long referenceWords() {
        return correct + substitutions + deletions;
    }

    public long wordErrors() {
        return substitutions + deletions + insertions;
    }

    public long referenceChars() {
        return referenceChars;
    }

    public long charErrors() {
        return charErrors;
    }

    public double wer() {
        return ratio(wordErrors(), referenceWords());
    }

    public double cer() {
        return ratio(charErrors, referenceChars);
    }

    public double ser() {
        return sentences == 0 ? Double.NaN : (double) sentenceErrors / sentences;
    }

    public double substitutionRate() {
        return ratio(substitutions, referenceWords());
    }

    public double deletionRate() {
        return ratio(deletions, referenceWords());
    }

    public double insertionRate() {
        return ratio(insertions, referenceWords());
    }

    public double correctRate() {
        return ratio(correct, referenceWords());
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }

    @Override
    public String toString() {
        return "snt=" + sentences + " wrd=" + referenceWords() + " C=" + correct + " S=" + substitutions + " D="
                + deletions + " I=" + insertions + " serr=" + sentenceErrors;
    }
}

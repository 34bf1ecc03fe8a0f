package org.fairhunt.speech.metric;

import java.util.List;
import org.fairhunt.core.concurrent.Workers;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;
import org.fairhunt.speech.format.PlainTexts;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.UtteranceScore;
import org.fairhunt.speech.score.UtteranceScorer;
import org.fairhunt.speech.score.WerTotals;

/**
 * Per-row edit counts of a table's reference and hypothesis columns, in parallel primitive arrays
 * (nothing boxed, about 24 bytes a row). A missing value (empty field, {@code NA}) is scored as empty
 * text, as sclite scores a trn line holding only its id; {@link #emptyReferences()} and
 * {@link #emptyHypotheses()} count them for the report.
 */
public final class WerScores {

    final int[] referenceWords;
    final int[] substitutions;
    final int[] deletions;
    final int[] insertions;
    final int[] referenceChars;
    final int[] charErrors;
    private final int missingReferences;
    private final int missingHypotheses;
    private final boolean characters;

    private WerScores(int n, int missingReferences, int missingHypotheses, boolean characters) {
        this.characters = characters;
        referenceWords = new int[n];
        substitutions = new int[n];
        deletions = new int[n];
        insertions = new int[n];
        referenceChars = new int[n];
        charErrors = new int[n];
        this.missingReferences = missingReferences;
        this.missingHypotheses = missingHypotheses;
    }

    /** Normalizes and aligns every row (words and characters) on {@code threads} threads (results do not depend on it). */
    public static WerScores compute(Table table, String referenceColumn, String hypothesisColumn, Normalizer normalizer,
                                    int threads) {
        return compute(table, referenceColumn, hypothesisColumn, normalizer, threads, true);
    }

    /** As {@link #compute(Table, String, String, Normalizer, int)}; {@code characters = false} skips the character alignment (no CER). */
    public static WerScores compute(Table table, String referenceColumn, String hypothesisColumn, Normalizer normalizer,
                                    int threads, boolean characters) {
        return compute(table, referenceColumn, hypothesisColumn, normalizer, threads, characters, false);
    }

    /**
     * As {@link #compute(Table, String, String, Normalizer, int, boolean)}; {@code networks} reads sclite's
     * optional words and alternations in the references (trn references), as {@code sclite -D}.
     */
    public static WerScores compute(Table table, String referenceColumn, String hypothesisColumn, Normalizer normalizer,
                                    int threads, boolean characters, boolean networks) {
        return compute(table, referenceColumn, hypothesisColumn, normalizer, threads, characters, networks, null);
    }

    /**
     * As {@link #compute(Table, String, String, Normalizer, int, boolean, boolean)}; the rows that {@code plainTexts}
     * (null: none) marks plain are split and looked up as bytes, with the same counts as through the general path.
     */
    public static WerScores compute(Table table, String referenceColumn, String hypothesisColumn, Normalizer normalizer,
                                    int threads, boolean characters, boolean networks, PlainTexts plainTexts) {
        if (plainTexts != null && plainTexts.rows().length != table.rowCount()) {
            throw new IllegalArgumentException("plain texts cover " + plainTexts.rows().length + " rows, the table has "
                    + table.rowCount());
        }
        Column ref = table.column(referenceColumn);
        Column hyp = table.column(hypothesisColumn);
        int n = table.rowCount();
        WerScores s = new WerScores(n, ref.missingCount(), hyp.missingCount(), characters);
        int chunks = Math.max(1, Math.min(threads, n / 1024));
        if (chunks == 1) {
            s.fill(ref, hyp, normalizer, networks, plainTexts, 0, n);
            return s;
        }
        try (Workers workers = new Workers(chunks, "wer-align")) {
            workers.forRanges(n, chunks, "alignment", (from, to) -> s.fill(ref, hyp, normalizer, networks, plainTexts, from, to));
        }
        return s;
    }

    private void fill(Column ref, Column hyp, Normalizer normalizer, boolean networks, PlainTexts plain, int from, int to) {
        RowScorer rows = new RowScorer(ref, hyp, new UtteranceScorer(normalizer, characters, networks), plain);
        // One call per row: a method called this often is compiled at once, where a loop body run from a single call
        // waits interpreted for an on-stack replacement (most of 100,000 rows under the launcher's C1).
        for (int row = from; row < to; row++) {
            rows.score(row);
        }
    }

    /** Scores the rows of one range (one per thread). */
    private final class RowScorer {
        private final Column ref;
        private final Column hyp;
        private final UtteranceScorer scorer;
        private final int[] c = new int[6];
        // plain rows are read from the bytes their text columns keep (no String per text)
        private final TextColumn refBytes;
        private final TextColumn hypBytes;
        private final boolean[] plainRows;

        RowScorer(Column ref, Column hyp, UtteranceScorer scorer, PlainTexts plain) {
            this.ref = ref;
            this.hyp = hyp;
            this.scorer = scorer;
            refBytes = plain != null && ref instanceof TextColumn t && t.bytes() != null ? t : null;
            hypBytes = plain != null && hyp instanceof TextColumn t && t.bytes() != null ? t : null;
            plainRows = refBytes != null && hypBytes != null ? plain.rows() : null;
        }

        void score(int row) {
            int rs;
            int hs;
            if (plainRows == null || !plainRows[row] || (rs = refBytes.start(row)) < 0 || (hs = hypBytes.start(row)) < 0
                    || !scorer.countPlain(refBytes.bytes(), rs, refBytes.end(row), hypBytes.bytes(), hs, hypBytes.end(row), c)) {
                String r = ref.text(row);
                String h = hyp.text(row);
                scorer.count(r == null ? "" : r, h == null ? "" : h, c);
            }
            referenceWords[row] = c[0] + c[1] + c[2];
            substitutions[row] = c[1];
            deletions[row] = c[2];
            insertions[row] = c[3];
            referenceChars[row] = c[4];
            charErrors[row] = c[5];
        }
    }

    /** Whether character counts (CER) were computed. */
    public boolean characters() {
        return characters;
    }

    public int size() {
        return referenceWords.length;
    }

    public int wordErrors(int row) {
        return substitutions[row] + deletions[row] + insertions[row];
    }

    public int referenceWords(int row) {
        return referenceWords[row];
    }

    public int emptyReferences() {
        return missingReferences;
    }

    public int emptyHypotheses() {
        return missingHypotheses;
    }

    /** Adds row {@code row}'s counts to {@code totals}. */
    public void addTo(WerTotals totals, int row) {
        int s = substitutions[row];
        int d = deletions[row];
        totals.add(referenceWords[row] - s - d, s, d, insertions[row], referenceChars[row], charErrors[row]);
    }

    /** Unweighted totals over all rows (what sclite prints as Sum). */
    public WerTotals totals() {
        WerTotals t = new WerTotals();
        for (int row = 0; row < size(); row++) {
            t.add(score(row));
        }
        return t;
    }

    /** The counts of one row as a score (without tokens). */
    public UtteranceScore score(int row) {
        int c = referenceWords[row] - substitutions[row] - deletions[row];
        return new UtteranceScore(List.of(), List.of(), c, substitutions[row], deletions[row], insertions[row],
                referenceChars[row], charErrors[row]);
    }
}

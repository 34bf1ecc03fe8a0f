package org.fairhunt.speech.metric;

import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.metric.MetricDefinition;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.metric.RowStatistic;
import org.fairhunt.core.metric.Statistic;
import org.fairhunt.core.table.Table;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.WerTotals;

/**
 * The WER family as a core {@link Statistic}. Slots (summed per slice and replicate):
 * {@code utterances, sentence_errors, ref_words, substitutions, deletions, insertions, ref_chars,
 * char_errors}. Binding normalizes and aligns every row once (in parallel); each row then only copies
 * its non-zero counts, so the bootstrap costs the same as for a classification audit.
 */
public final class WerStatistic implements Statistic {

    static final int UTTERANCES = 0;
    static final int SENTENCE_ERRORS = 1;
    static final int REF_WORDS = 2;
    static final int SUBSTITUTIONS = 3;
    static final int DELETIONS = 4;
    static final int INSERTIONS = 5;
    static final int REF_CHARS = 6;
    static final int CHAR_ERRORS = 7;

    private static final List<String> SLOTS = List.of("utterances", "sentence_errors", "ref_words", "substitutions",
            "deletions", "insertions", "ref_chars", "char_errors");

    private final String referenceColumn;
    private final String hypothesisColumn;
    private final Normalizer normalizer;
    private final int threads;
    private final WerScores precomputed;

    public WerStatistic(String referenceColumn, String hypothesisColumn, Normalizer normalizer, int threads) {
        this.referenceColumn = referenceColumn;
        this.hypothesisColumn = hypothesisColumn;
        this.normalizer = normalizer;
        this.threads = threads;
        this.precomputed = null;
    }

    /** A statistic over counts already computed for the table it will be bound to (so nothing is aligned twice). */
    public static WerStatistic of(WerScores scores, String referenceColumn, String hypothesisColumn) {
        return new WerStatistic(referenceColumn, hypothesisColumn, scores);
    }

    private WerStatistic(String referenceColumn, String hypothesisColumn, WerScores scores) {
        this.referenceColumn = referenceColumn;
        this.hypothesisColumn = hypothesisColumn;
        this.normalizer = null;
        this.threads = 1;
        this.precomputed = scores;
    }

    @Override
    public String name() {
        return "wer";
    }

    @Override
    public List<String> slotNames() {
        return SLOTS;
    }

    @Override
    public List<WerMetric> metrics() {
        if (precomputed != null && !precomputed.characters()) {
            return List.of(WerMetric.WER, WerMetric.SER, WerMetric.SUB_RATE, WerMetric.DEL_RATE, WerMetric.INS_RATE);
        }
        return List.of(WerMetric.values());
    }

    @Override
    public RowStatistic bind(Table table) {
        WerScores s;
        if (precomputed != null) {
            if (precomputed.size() != table.rowCount()) {
                throw new IllegalArgumentException("precomputed WER counts cover " + precomputed.size()
                        + " rows but the table has " + table.rowCount());
            }
            s = precomputed;
        } else {
            for (String c : List.of(referenceColumn, hypothesisColumn)) {
                if (!table.hasColumn(c)) {
                    throw new UserInputException(table.source() + ": no column '" + c + "' (columns: "
                            + table.columnNames() + ")");
                }
            }
            s = WerScores.compute(table, referenceColumn, hypothesisColumn, normalizer, threads);
        }
        return new RowStatistic() {
            @Override
            public int contribute(int row, int[] slots, double[] values) {
                slots[0] = UTTERANCES;
                values[0] = 1;
                int k = 1;
                int errors = s.substitutions[row] + s.deletions[row] + s.insertions[row];
                if (errors > 0) {
                    k = put(slots, values, k, SENTENCE_ERRORS, 1);
                    k = put(slots, values, k, SUBSTITUTIONS, s.substitutions[row]);
                    k = put(slots, values, k, DELETIONS, s.deletions[row]);
                    k = put(slots, values, k, INSERTIONS, s.insertions[row]);
                }
                k = put(slots, values, k, REF_WORDS, s.referenceWords[row]);
                k = put(slots, values, k, REF_CHARS, s.referenceChars[row]);
                k = put(slots, values, k, CHAR_ERRORS, s.charErrors[row]);
                return k;
            }

            @Override
            public int maxContributions() {
                return SLOTS.size();
            }
        };
    }

    /** The totals held in one slice's and replicate's sums (counts are exact for unweighted replicate 0). */
    public static WerTotals totals(double[] sums, int offset) {
        return WerTotals.of(Math.round(sums[offset + UTTERANCES]), Math.round(sums[offset + SENTENCE_ERRORS]),
                Math.round(sums[offset + REF_WORDS]), Math.round(sums[offset + SUBSTITUTIONS]),
                Math.round(sums[offset + DELETIONS]), Math.round(sums[offset + INSERTIONS]),
                Math.round(sums[offset + REF_CHARS]), Math.round(sums[offset + CHAR_ERRORS]));
    }

    private static int put(int[] slots, double[] values, int k, int slot, int value) {
        if (value != 0) {
            slots[k] = slot;
            values[k] = value;
            return k + 1;
        }
        return k;
    }

    /** The metrics of {@link WerStatistic}; all are errors (lower is better). */
    public enum WerMetric implements MetricDefinition {
        WER("wer", "word error rate: (substitutions + deletions + insertions) / reference words, as sclite's Err"),
        CER("cer", "character error rate: character edits / reference characters (spaces excluded, as sclite -c)"),
        SER("ser", "sentence error rate: share of utterances with at least one word error, as sclite's S.Err"),
        SUB_RATE("sub_rate", "substituted words / reference words"),
        DEL_RATE("del_rate", "deleted words / reference words"),
        INS_RATE("ins_rate", "inserted words / reference words");

        private final String metricName;
        private final String description;

        WerMetric(String metricName, String description) {
            this.metricName = metricName;
            this.description = description;
        }

        @Override
        public String metricName() {
            return metricName;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public Boolean higherIsBetter() {
            return Boolean.FALSE;
        }

        @Override
        public MetricValue evaluate(double[] s, int o) {
            double words = s[o + REF_WORDS];
            return switch (this) {
                case WER -> MetricValue.ratio(s[o + SUBSTITUTIONS] + s[o + DELETIONS] + s[o + INSERTIONS], words,
                        "no reference words");
                case CER -> MetricValue.ratio(s[o + CHAR_ERRORS], s[o + REF_CHARS], "no reference characters");
                case SER -> MetricValue.ratio(s[o + SENTENCE_ERRORS], s[o + UTTERANCES], "no utterances");
                case SUB_RATE -> MetricValue.ratio(s[o + SUBSTITUTIONS], words, "no reference words");
                case DEL_RATE -> MetricValue.ratio(s[o + DELETIONS], words, "no reference words");
                case INS_RATE -> MetricValue.ratio(s[o + INSERTIONS], words, "no reference words");
            };
        }

        /**
         * Only the sentence error rate is a proportion of independent-looking units; word-level rates are
         * not (words of one utterance and one speaker are correlated, and WER can exceed 1), so they get
         * bootstrap intervals only.
         */
        @Override
        public double[] proportion(double[] s, int o) {
            return this == SER ? new double[] {s[o + SENTENCE_ERRORS], s[o + UTTERANCES]} : null;
        }
    }
}

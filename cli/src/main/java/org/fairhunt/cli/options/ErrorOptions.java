package org.fairhunt.cli.options;

import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.speech.metric.WerScores;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a row's error is defined, shared by {@code slices} and {@code coverage}: a misclassification
 * (label vs prediction), a regression residual, a loss column, or errors over units (speech: word
 * errors over reference words, so that a slice's error is its WER).
 */
public final class ErrorOptions implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Option(names = "--label", paramLabel = "COLUMN", description = "The true outcome.")
    String label;

    @Option(names = "--prediction", paramLabel = "COLUMN", description = "The model's prediction.")
    String prediction;

    @Option(names = "--positive", paramLabel = "VALUE",
            description = "The label value counted as positive, as in audit (default: 1, true or yes, whichever the label has).")
    String positive;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "error_rate",
            description = "With --label/--prediction: error_rate (0/1 misclassification), abs_error or squared_error (regression). "
                + "Default: ${DEFAULT-VALUE}.")
    String metric;

    @Option(names = "--error-col", paramLabel = "COLUMN", description = "A per-row loss column (any non-negative number) instead of label/prediction.")
    String errorColumn;

    @Option(names = "--errors-col", paramLabel = "COLUMN",
            description = "Per-row error counts; with --units-col a slice's error is Σ errors / Σ units (e.g. WER).")
    String errorsColumn;

    @Option(names = "--units-col", paramLabel = "COLUMN", description = "Per-row units for --errors-col (e.g. reference words).")
    String unitsColumn;

    @Option(names = "--ref-col", paramLabel = "COLUMN",
            description = "Speech: the reference transcript; with --hyp-col a row's errors are its word substitutions, deletions "
                + "and insertions (sclite's alignment, normalized as by wer: --normalize, --word-map) over its reference words, "
                + "so a slice's error is its WER; a missing side is empty text, as sclite scores it.")
    String referenceColumn;

    @Option(names = "--hyp-col", paramLabel = "COLUMN", description = "Speech: the recognizer's transcript, with --ref-col.")
    String hypothesisColumn;

    @Mixin
    NormalizerOptions normalization;

    /** Whether any error definition was given. */
    public boolean given() {
        return label != null || prediction != null || errorColumn != null || errorsColumn != null || unitsColumn != null
                || referenceColumn != null || hypothesisColumn != null;
    }

    /**
     * Word errors over reference words per row, by speech's {@link WerScores}, the one owner of per-row WER:
     * the same normalizer options as {@code wer} and sclite's rule for a missing side (scored as empty
     * text), so that {@code wer} and {@code slices} give the same WER for the same rows.
     */
    private RowErrors wordErrors(Table table) {
        WerScores scores = WerScores.compute(table, referenceColumn, hypothesisColumn, normalization.normalizer(),
                Runtime.getRuntime().availableProcessors(), false);
        double[] errors = new double[scores.size()];
        double[] words = new double[scores.size()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = scores.wordErrors(i);
            words[i] = scores.referenceWords(i);
        }
        return RowErrors.of("word errors of '" + hypothesisColumn + "' against '" + referenceColumn + "' over reference words (WER)",
                errors, words);
    }

    /** How a row's error is given. */
    private enum Way { MISCLASSIFICATION, REGRESSION, LOSS, ERRORS_OVER_UNITS, WORDS }

    /** The way the options define; a missing or contradictory combination is a user error. */
    private Way way() {
        int ways = (label != null || prediction != null ? 1 : 0) + (errorColumn != null ? 1 : 0)
                + (errorsColumn != null || unitsColumn != null ? 1 : 0) + (referenceColumn != null || hypothesisColumn != null ? 1 : 0);
        if (ways == 0) {
            throw new UserInputException("say what a row's error is: --label and --prediction, or --error-col, or --errors-col with "
                    + "--units-col, or --ref-col with --hyp-col");
        }
        if (ways > 1) {
            throw new UserInputException("give only one of: --label/--prediction, --error-col, --errors-col/--units-col, --ref-col/--hyp-col");
        }
        if (referenceColumn != null || hypothesisColumn != null) {
            if (referenceColumn == null || hypothesisColumn == null) {
                throw new UserInputException("--ref-col and --hyp-col go together");
            }
            return Way.WORDS;
        }
        if (errorColumn != null) {
            return Way.LOSS;
        }
        if (errorsColumn != null || unitsColumn != null) {
            if (errorsColumn == null || unitsColumn == null) {
                throw new UserInputException("--errors-col and --units-col go together (e.g. --errors-col errors --units-col ref_words)");
            }
            return Way.ERRORS_OVER_UNITS;
        }
        if (label == null || prediction == null) {
            throw new UserInputException("--label and --prediction go together");
        }
        return switch (metric) {
            case "error_rate" -> Way.MISCLASSIFICATION;
            case "abs_error", "squared_error" -> Way.REGRESSION;
            default -> throw new UserInputException("--metric must be error_rate, abs_error or squared_error, got '" + metric + "'");
        };
    }

    /** How {@link #rowErrors} reads a column. */
    public enum ColumnUse {
        /** As categories (a misclassification's label and prediction). */
        CATEGORIES,
        /** As numbers. */
        NUMBERS,
        /** As free text (transcripts). */
        TEXT
    }

    /**
     * The columns {@link #rowErrors} reads and how, for an engine that must fetch them first (Spark); a
     * missing or contradictory combination is the same user error as there.
     */
    public java.util.LinkedHashMap<String, ColumnUse> columns() {
        java.util.LinkedHashMap<String, ColumnUse> m = new java.util.LinkedHashMap<>();
        switch (way()) {
            case MISCLASSIFICATION -> {
                m.put(label, ColumnUse.CATEGORIES);
                m.putIfAbsent(prediction, ColumnUse.CATEGORIES);
            }
            case REGRESSION -> {
                m.put(label, ColumnUse.NUMBERS);
                m.putIfAbsent(prediction, ColumnUse.NUMBERS);
            }
            case LOSS -> m.put(errorColumn, ColumnUse.NUMBERS);
            case ERRORS_OVER_UNITS -> {
                m.put(errorsColumn, ColumnUse.NUMBERS);
                m.putIfAbsent(unitsColumn, ColumnUse.NUMBERS);
            }
            case WORDS -> {
                m.put(referenceColumn, ColumnUse.TEXT);
                m.putIfAbsent(hypothesisColumn, ColumnUse.TEXT);
            }
            default -> throw new AssertionError();
        }
        return m;
    }

    /** Whether a word map was given (a file the Spark executors cannot be assumed to see). */
    public boolean wordMapGiven() {
        return normalization.wordMap != null;
    }

    /** The row errors the options define; a missing or contradictory combination is a user error. */
    public RowErrors rowErrors(Table table) {
        return switch (way()) {
            case WORDS -> wordErrors(table);
            case LOSS -> RowErrors.lossColumn(table, errorColumn);
            case ERRORS_OVER_UNITS -> RowErrors.errorsOverUnits(table, errorsColumn, unitsColumn);
            case MISCLASSIFICATION -> RowErrors.misclassification(table, label, prediction, positive);
            case REGRESSION -> RowErrors.regression(table, label, prediction,
                    metric.equals("abs_error") ? RowErrors.RegressionLoss.ABSOLUTE : RowErrors.RegressionLoss.SQUARED);
        };
    }
}

package org.fairhunt.cli;

import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.fairhunt.discovery.slice.RowErrors;
import picocli.CommandLine.Option;

/**
 * How a row's error is defined, shared by {@code slices} and {@code coverage}: a misclassification
 * (label vs prediction), a regression residual, a loss column, or errors over units (speech: word
 * errors over reference words, so that a slice's error is its WER).
 */
public final class ErrorOptions {
    @Option(names = "--label", paramLabel = "COLUMN", description = "The true outcome.")
    String label;

    @Option(names = "--prediction", paramLabel = "COLUMN", description = "The model's prediction.")
    String prediction;

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

    /** Whether any error definition was given. */
    boolean given() {
        return label != null || prediction != null || errorColumn != null || errorsColumn != null || unitsColumn != null;
    }

    /** The row errors the options define; a missing or contradictory combination is a user error. */
    RowErrors rowErrors(Table table) {
        int ways = (label != null || prediction != null ? 1 : 0) + (errorColumn != null ? 1 : 0)
                + (errorsColumn != null || unitsColumn != null ? 1 : 0);
        if (ways == 0) {
            throw new UserInputException("say what a row's error is: --label and --prediction, or --error-col, or --errors-col with --units-col");
        }
        if (ways > 1) {
            throw new UserInputException("give only one of: --label/--prediction, --error-col, --errors-col/--units-col");
        }
        if (errorColumn != null) {
            return RowErrors.lossColumn(table, errorColumn);
        }
        if (errorsColumn != null || unitsColumn != null) {
            if (errorsColumn == null || unitsColumn == null) {
                throw new UserInputException("--errors-col and --units-col go together (e.g. --errors-col errors --units-col ref_words)");
            }
            return RowErrors.errorsOverUnits(table, errorsColumn, unitsColumn);
        }
        if (label == null || prediction == null) {
            throw new UserInputException("--label and --prediction go together");
        }
        return switch (metric) {
            case "error_rate" -> RowErrors.misclassification(table, label, prediction);
            case "abs_error" -> RowErrors.regression(table, label, prediction, RowErrors.RegressionLoss.ABSOLUTE);
            case "squared_error" -> RowErrors.regression(table, label, prediction, RowErrors.RegressionLoss.SQUARED);
            default -> throw new UserInputException("--metric must be error_rate, abs_error or squared_error, got '" + metric + "'");
        };
    }
}

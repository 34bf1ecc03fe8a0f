package org.fairhunt.discovery.slice;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.RowInputException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.metric.BinaryOutcome;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * The error of every row as {@code errors / units}: a slice's error is {@code Σ errors / Σ units}.
 * A 0/1 misclassification or a per-row loss has one unit per row (the slice error is then a plain
 * mean); speech has per-utterance edit errors over reference words, so that the slice error is its
 * word error rate. Rows whose error cannot be computed (a missing label, prediction or loss) are not
 * silently lost: they are {@linkplain #excludedRows() counted} and listed by the finder's notices.
 */
public final class RowErrors implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String description;
    private final double[] errors;
    private final double[] units;
    private final boolean binaryPerRow;
    private final int excludedRows;

    private RowErrors(String description, double[] errors, double[] units, boolean binaryPerRow, int excludedRows) {
        this.description = description;
        this.errors = errors;
        this.units = units;
        this.binaryPerRow = binaryPerRow;
        this.excludedRows = excludedRows;
    }

    /**
     * Errors and units given directly. {@code units} may be {@code null} for one unit per row. Entries
     * with a {@code NaN} error or unit are excluded rows.
     */
    public static RowErrors of(String description, double[] errors, double[] units) {
        if (units != null && units.length != errors.length) {
            throw new IllegalArgumentException("errors and units differ in length: " + errors.length + " vs " + units.length);
        }
        return owned(description, errors.clone(), units == null ? null : units.clone());
    }

    /** As {@link #of}, taking ownership of the arrays (they are not copied, and excluded rows are set to NaN in them). */
    private static RowErrors owned(String description, double[] e, double[] units) {
        double[] u = units;
        if (units == null) {
            u = new double[e.length];
            java.util.Arrays.fill(u, 1);
        }
        boolean binary = units == null;
        int excluded = 0;
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i]) || Double.isNaN(u[i])) {
                e[i] = Double.NaN;
                u[i] = Double.NaN;
                excluded++;
                continue;
            }
            if (e[i] < 0 || u[i] < 0 || Double.isInfinite(e[i]) || Double.isInfinite(u[i])) {
                throw new RowInputException(description + ":", i, " has error " + e[i] + " and units " + u[i]
                        + "; expected finite, non-negative numbers");
            }
            if (binary && e[i] != 0 && e[i] != 1) {
                binary = false;
            }
        }
        return new RowErrors(description, e, u, binary, excluded);
    }

    /**
     * 0/1 misclassification: a row is an error when its prediction differs from its label. A label with at
     * most two values is a binary outcome read by core's {@link BinaryOutcome}, exactly as {@code audit}
     * reads it: the positive value resolved from {@code positive} (or 1, true, yes), and a prediction that
     * never takes it (labels {@code yes/no}, predictions {@code Yes/No}) is the same clear user error, not a
     * 100% error rate. A label with more values (multi-class) compares values, numbers as numbers; a
     * prediction value that matches a label value only when case is ignored is refused likewise.
     */
    public static RowErrors misclassification(Table table, String labelColumn, String predictionColumn, String positive) {
        CategoricalColumn label = table.categorical(labelColumn);
        CategoricalColumn prediction = table.categorical(predictionColumn);
        String description = "misclassification of '" + predictionColumn + "' against '" + labelColumn + "'";
        double[] e = new double[table.rowCount()];
        if (label.levels().size() <= 2 || positive != null) {
            // The error rate does not depend on which value is positive: without 1/true/yes any label value serves
            // to check that predictions are coded like the label.
            String chosen = positive;
            if (chosen == null && !label.levels().isEmpty() && label.levels().stream()
                    .noneMatch(l -> BinaryOutcome.DEFAULT_POSITIVES.contains(l.toLowerCase(java.util.Locale.ROOT)))) {
                chosen = label.levels().get(0);
            }
            BinaryOutcome y = BinaryOutcome.of(table, labelColumn, chosen);
            BinaryOutcome p = BinaryOutcome.matching(table, predictionColumn, y);
            for (int i = 0; i < e.length; i++) {
                int yi = y.value(i);
                int pi = p.value(i);
                e[i] = yi < 0 || pi < 0 ? Double.NaN : yi == pi ? 0 : 1;
            }
            return owned(description + " (positive '" + y.positive() + "')", e, null);
        }
        java.util.Map<String, String> labelsFolded = new java.util.HashMap<>();
        for (String level : label.levels()) {
            labelsFolded.put(level.toLowerCase(java.util.Locale.ROOT), level);
        }
        for (String level : prediction.levels()) {
            String like = labelsFolded.get(level.toLowerCase(java.util.Locale.ROOT));
            if (like != null && !like.equals(level) && label.codeOf(level) == CategoricalColumn.MISSING) {
                throw new UserInputException(table.source() + ": prediction column '" + predictionColumn + "' has the value '" + level
                        + "' where label '" + labelColumn + "' has '" + like + "' (predictions must be coded like the label)");
            }
        }
        for (int i = 0; i < e.length; i++) {
            String y = label.text(i);
            String p = prediction.text(i);
            e[i] = y == null || p == null ? Double.NaN : sameValue(y, p) ? 0 : 1;
        }
        return owned(description, e, null);
    }

    /** Numbers compare as numbers ("1" equals "1.0"), anything else as text. */
    private static boolean sameValue(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (org.fairhunt.core.table.Columns.looksNumeric(a) && org.fairhunt.core.table.Columns.looksNumeric(b)) {
            return org.fairhunt.core.table.Columns.parseNumber(a) == org.fairhunt.core.table.Columns.parseNumber(b);
        }
        return false;
    }

    /** A per-row loss column (any non-negative number), one unit per row. */
    public static RowErrors lossColumn(Table table, String lossColumn) {
        NumericColumn loss = table.numeric(lossColumn);
        return of("mean of '" + lossColumn + "'", loss.valuesUnsafe(), null);
    }

    /**
     * Weighted errors: slice error = Σ {@code errorsColumn} / Σ {@code unitsColumn}, e.g. word errors
     * over reference words (WER).
     */
    public static RowErrors errorsOverUnits(Table table, String errorsColumn, String unitsColumn) {
        NumericColumn errors = table.numeric(errorsColumn);
        NumericColumn units = table.numeric(unitsColumn);
        return of("Σ '" + errorsColumn + "' / Σ '" + unitsColumn + "'", errors.valuesUnsafe(), units.valuesUnsafe());
    }

    /** How a regression's residual becomes a row error. */
    public enum RegressionLoss {
        ABSOLUTE, SQUARED
    }

    /** Regression error: {@code |y − ŷ|} or {@code (y − ŷ)²} per row. */
    public static RowErrors regression(Table table, String labelColumn, String predictionColumn, RegressionLoss loss) {
        NumericColumn y = table.numeric(labelColumn);
        NumericColumn p = table.numeric(predictionColumn);
        double[] e = new double[table.rowCount()];
        for (int i = 0; i < e.length; i++) {
            double r = y.value(i) - p.value(i);
            e[i] = loss == RegressionLoss.ABSOLUTE ? Math.abs(r) : r * r;
        }
        String what = loss == RegressionLoss.ABSOLUTE ? "mean absolute error" : "mean squared error";
        return owned(what + " of '" + predictionColumn + "' against '" + labelColumn + "'", e, null);
    }

    /** What the error is, for reports. */
    public String description() {
        return description;
    }

    public int size() {
        return errors.length;
    }

    /** The error of a row; {@code NaN} for an excluded row. */
    public double error(int row) {
        return errors[row];
    }

    /** The units of a row; {@code NaN} for an excluded row. */
    public double units(int row) {
        return units[row];
    }

    double[] errorsUnsafe() {
        return errors;
    }

    double[] unitsUnsafe() {
        return units;
    }

    /** Whether every error is 0 or 1 with one unit per row (a proportion: exact binomial methods apply). */
    public boolean isBinary() {
        return binaryPerRow;
    }

    /** Rows whose error could not be computed (a missing value). */
    public int excludedRows() {
        return excludedRows;
    }

    /** The 1-based numbers of the first few excluded rows, for messages. */
    public List<Integer> firstExcludedRows(int limit) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < errors.length && out.size() < limit; i++) {
            if (Double.isNaN(errors[i])) {
                out.add(i + 1);
            }
        }
        return out;
    }
}

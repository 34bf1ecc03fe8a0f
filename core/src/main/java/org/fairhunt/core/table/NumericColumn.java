package org.fairhunt.core.table;

import java.util.Objects;

/**
 * A column of doubles; {@code NaN} marks a missing value.
 *
 * <p>A column read from a file whose values repeat (a 0/1 label, a score with four decimals) is kept as the
 * reader's dictionary: an int code per row into the distinct values ({@link #codesUnsafe()}, {@link
 * #levelValuesUnsafe()}). The doubles are then built on first use, once; a label that is only ever read as
 * categories never needs them, and its categorical view is made from the codes ({@link Columns#toCategorical}).
 */
public final class NumericColumn implements Column {
    private final String name;
    private final int size;
    /** The values; {@code null} until first asked for when the column is dictionary-encoded. */
    private volatile double[] values;
    /** Per row an index into {@link #levelValues}, or {@link CategoricalColumn#MISSING}; {@code null} if not encoded. */
    private final int[] codes;
    /** The distinct values (never NaN), in the order the reader met them. */
    private final double[] levelValues;
    /** Whether every level is held by some row and the levels are numbered in the order of their first rows. */
    private final boolean levelsInRowOrder;

    /** @param values owned by the column from now on (not copied) */
    public NumericColumn(String name, double[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = Objects.requireNonNull(values, "values");
        this.size = values.length;
        this.codes = null;
        this.levelValues = null;
        this.levelsInRowOrder = false;
    }

    private NumericColumn(String name, int[] codes, double[] levelValues, boolean levelsInRowOrder) {
        this.name = Objects.requireNonNull(name, "name");
        this.codes = codes;
        this.levelValues = levelValues;
        this.levelsInRowOrder = levelsInRowOrder;
        this.size = codes.length;
    }

    /**
     * A dictionary-encoded column: row {@code i} holds {@code levelValues[codes[i]]}, or NaN where the code is
     * {@link CategoricalColumn#MISSING}. Both arrays are owned from now on; the codes must be in range (the
     * table builder makes them so). {@code levelsInRowOrder}: every level is some row's, and level {@code k}'s
     * first row comes before level {@code k + 1}'s (as a reader numbers values it meets).
     */
    static NumericColumn coded(String name, int[] codes, double[] levelValues, boolean levelsInRowOrder) {
        return new NumericColumn(name, codes, levelValues, levelsInRowOrder);
    }

    /** Whether every level is some row's and the levels are numbered in the order of their first rows. */
    boolean levelsInRowOrder() {
        return levelsInRowOrder;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isMissing(int row) {
        if (codes != null) {
            return codes[row] == CategoricalColumn.MISSING;
        }
        return Double.isNaN(values[row]);
    }

    @Override
    public String text(int row) {
        double v = value(row);
        return Double.isNaN(v) ? null : format(v);
    }

    public double value(int row) {
        double[] v = values;
        if (v == null) {
            int c = codes[row];
            return c == CategoricalColumn.MISSING ? Double.NaN : levelValues[c];
        }
        return v[row];
    }

    /** The values array itself, for tight loops in engines. Callers must not modify it. */
    public double[] valuesUnsafe() {
        double[] v = values;
        return v != null ? v : materialize();
    }

    private synchronized double[] materialize() {
        double[] v = values;
        if (v == null) {
            v = new double[size];
            int[] c = codes;
            double[] byCode = levelValues;
            for (int i = 0; i < v.length; i++) {
                int k = c[i];
                v[i] = k == CategoricalColumn.MISSING ? Double.NaN : byCode[k];
            }
            values = v;
        }
        return v;
    }

    /**
     * The dictionary codes, one per row (an index into {@link #levelValuesUnsafe()}, or {@link
     * CategoricalColumn#MISSING}), or {@code null} when the column is not dictionary-encoded. Callers must not
     * modify it.
     */
    public int[] codesUnsafe() {
        return codes;
    }

    /**
     * The distinct values the codes index (finite or infinite, never NaN; a value may occur twice when the file
     * spelled it twice, {@code 1} and {@code 1.0}), or {@code null} when the column is not dictionary-encoded.
     * Callers must not modify it.
     */
    public double[] levelValuesUnsafe() {
        return levelValues;
    }

    /** Formats a number as a person writes it: {@code 1} not {@code 1.0}, {@code 0.25}. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}

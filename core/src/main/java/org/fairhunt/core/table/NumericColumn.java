package org.fairhunt.core.table;

import java.util.Objects;

/** A column of doubles; {@code NaN} marks a missing value. */
public final class NumericColumn implements Column {
    private final String name;
    private final double[] values;

    /** @param values owned by the column from now on (not copied) */
    public NumericColumn(String name, double[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = Objects.requireNonNull(values, "values");
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
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public String text(int row) {
        double v = values[row];
        return Double.isNaN(v) ? null : format(v);
    }

    public double value(int row) {
        return values[row];
    }

    /** The values array itself, for tight loops in engines. Callers must not modify it. */
    public double[] valuesUnsafe() {
        return values;
    }

    /** Formats a number as a person writes it: {@code 1} not {@code 1.0}, {@code 0.25}. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}

package org.fairhunt.core.table;

import java.util.Objects;

/** A column of free text (transcripts); {@code null} marks a missing value. */
public final class TextColumn implements Column {
    private final String name;
    private final String[] values;

    /** @param values owned by the column from now on (not copied) */
    public TextColumn(String name, String[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = Objects.requireNonNull(values, "values");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.TEXT;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    @Override
    public String text(int row) {
        return values[row];
    }
}

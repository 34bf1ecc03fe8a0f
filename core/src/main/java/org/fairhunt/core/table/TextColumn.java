package org.fairhunt.core.table;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A column of free text (transcripts); {@code null} marks a missing value. Some rows' texts may be kept as Latin-1
 * (in practice ASCII) bytes of a shared array instead of Strings ({@link #ofBytes}): a reader that has already cut and
 * checked the bytes spares a String per row, and a consumer that can read the bytes ({@link #bytes()},
 * {@link #start(int)}, {@link #end(int)}) never needs one; {@link #text(int)} makes the String on each call.
 */
public final class TextColumn implements Column {
    private final String name;
    private final String[] values;
    private final byte[] bytes; // null when every row is a String
    private final int[] starts; // a row with a null value and starts[row] >= 0 is bytes[starts[row], ends[row])
    private final int[] ends;

    /** @param values owned by the column from now on (not copied) */
    public TextColumn(String name, String[] values) {
        this(name, values, null, null, null);
    }

    private TextColumn(String name, String[] values, byte[] bytes, int[] starts, int[] ends) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = Objects.requireNonNull(values, "values");
        this.bytes = bytes;
        this.starts = starts;
        this.ends = ends;
    }

    /**
     * A column whose row {@code k} is {@code values[k]} when that is not null, else the Latin-1 text
     * {@code bytes[starts[k], ends[k])} when {@code starts[k] >= 0}, else missing. The arrays are owned by the column
     * from now on (not copied; {@code bytes} may be shared with other columns, read only).
     */
    public static TextColumn ofBytes(String name, String[] values, byte[] bytes, int[] starts, int[] ends) {
        Objects.requireNonNull(bytes, "bytes");
        if (starts.length != values.length || ends.length != values.length) {
            throw new IllegalArgumentException("text column " + name + ": " + values.length + " values, " + starts.length
                    + " starts, " + ends.length + " ends");
        }
        return new TextColumn(name, values, bytes, starts, ends);
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
        return values[row] == null && (bytes == null || starts[row] < 0);
    }

    @Override
    public int missingCount() {
        int n = 0;
        for (int row = 0; row < values.length; row++) {
            n += values[row] == null && (bytes == null || starts[row] < 0) ? 1 : 0;
        }
        return n;
    }

    @Override
    public String text(int row) {
        String v = values[row];
        if (v != null || bytes == null || starts[row] < 0) {
            return v;
        }
        return new String(bytes, starts[row], ends[row] - starts[row], StandardCharsets.ISO_8859_1);
    }

    /** The array holding the rows kept as bytes, or null when every row is a String (read only). */
    public byte[] bytes() {
        return bytes;
    }

    /** Where row {@code row}'s text starts in {@link #bytes()}, or -1 when the row is a String or missing. */
    public int start(int row) {
        return bytes == null || values[row] != null ? -1 : starts[row];
    }

    /** Where row {@code row}'s text ends in {@link #bytes()} (exclusive), when {@link #start(int)} is not -1. */
    public int end(int row) {
        return ends[row];
    }
}

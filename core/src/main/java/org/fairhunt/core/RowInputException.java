package org.fairhunt.core;

/**
 * A {@link UserInputException} about one row: the message is {@code before + " row " + (row + 1) + after}, with
 * the row kept as a number so that an engine which hands a table over in chunks (Spark's executors fill one
 * chunk at a time) can name the row in the whole data instead of in its chunk ({@link #atRow}).
 */
public final class RowInputException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String before;
    private final long row;
    private final String after;

    /** The error at 0-based {@code row}, e.g. {@code ("data.csv: column 's'", 41, " holds +infinity; ...")}. */
    public RowInputException(String before, long row, String after) {
        super(before + " row " + (row + 1) + after);
        this.before = before;
        this.row = row;
        this.after = after;
    }

    /** The 0-based row of the table the error was found in. */
    public long row() {
        return row;
    }

    /** The same error at 0-based {@code newRow} (the row's number in the whole data). */
    public RowInputException atRow(long newRow) {
        return new RowInputException(before, newRow, after);
    }
}

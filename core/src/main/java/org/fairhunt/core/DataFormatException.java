package org.fairhunt.core;

/**
 * Malformed input data at a known place. The message reads {@code file:line:column: what was
 * expected}; {@code line} and {@code column} are 1-based, and 0 when not applicable.
 */
public class DataFormatException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final int column;

    public DataFormatException(String source, long line, int column, String problem) {
        super(format(source, line, column, problem));
        this.source = source;
        this.line = line;
        this.column = column;
    }

    private static String format(String source, long line, int column, String problem) {
        StringBuilder sb = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file (or other source) the problem is in. */
    public String source() {
        return source;
    }

    /** 1-based line, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    /** 1-based column (field number for delimited files), or 0 when not applicable. */
    public int column() {
        return column;
    }
}

package org.fairhunt.core.io;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.TableBuilder;

/**
 * How to read a table file. Immutable: each {@code with...} method returns a changed copy, so one
 * instance can be shared. {@link #defaults()} sniffs the delimiter, infers every column's type, treats
 * empty fields and {@code NA} as missing, picks the format from the file name and draws a progress
 * bar for large files on a terminal.
 */
public final class ReadOptions {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, Map.of(), Set.of(), null, true, null,
            ReadLimits.DEFAULTS);

    private final Character delimiter;
    private final Map<String, ColumnType> typeHints;
    private final Set<String> extraMissingTokens;
    private final ProgressListener progressListener;
    private final boolean progressBar;
    private final Format format;
    private final ReadLimits limits;

    private ReadOptions(Character delimiter, Map<String, ColumnType> typeHints, Set<String> extraMissingTokens,
            ProgressListener progressListener, boolean progressBar, Format format, ReadLimits limits) {
        this.delimiter = delimiter;
        this.typeHints = typeHints;
        this.extraMissingTokens = extraMissingTokens;
        this.progressListener = progressListener;
        this.progressBar = progressBar;
        this.format = format;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The field delimiter for CSV/TSV; {@code null} sniffs it from the header line. Must be one ASCII
     * character other than a quote, CR or LF.
     */
    public ReadOptions withDelimiter(Character delimiter) {
        if (delimiter != null) {
            char c = delimiter;
            if (c >= 128 || c == '"' || c == '\n' || c == '\r') {
                throw new UserInputException("the delimiter must be one ASCII character other than a quote or a line break, got '"
                        + printable(c) + "'");
            }
        }
        return new ReadOptions(delimiter, typeHints, extraMissingTokens, progressListener, progressBar, format, limits);
    }

    /** Forces the type of one column (e.g. {@link ColumnType#TEXT} for transcripts). */
    public ReadOptions withTypeHint(String column, ColumnType type) {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        Map<String, ColumnType> hints = new LinkedHashMap<>(typeHints);
        hints.put(column, type);
        return new ReadOptions(delimiter, Map.copyOf(hints), extraMissingTokens, progressListener, progressBar, format, limits);
    }

    /** Replaces all type hints. */
    public ReadOptions withTypeHints(Map<String, ColumnType> hints) {
        return new ReadOptions(delimiter, Map.copyOf(hints), extraMissingTokens, progressListener, progressBar, format, limits);
    }

    /** Field values that mean "missing" besides the empty field and {@code NA} (e.g. {@code ?}, {@code -999}). */
    public ReadOptions withMissingTokens(Set<String> tokens) {
        return new ReadOptions(delimiter, typeHints, Set.copyOf(tokens), progressListener, progressBar, format, limits);
    }

    /** A listener told of progress while reading, in addition to any progress bar. */
    public ReadOptions withProgressListener(ProgressListener listener) {
        return new ReadOptions(delimiter, typeHints, extraMissingTokens, listener, progressBar, format, limits);
    }

    /** Whether to draw a progress bar on stderr for large files when stderr is a terminal (default true). */
    public ReadOptions withProgressBar(boolean draw) {
        return new ReadOptions(delimiter, typeHints, extraMissingTokens, progressListener, draw, format, limits);
    }

    /** The format to read, whatever the file name says; {@code null} picks it from the name. */
    public ReadOptions withFormat(Format format) {
        return new ReadOptions(delimiter, typeHints, extraMissingTokens, progressListener, progressBar, format, limits);
    }

    /** The size limits (field, header, columns, record) the readers enforce; {@link ReadLimits#DEFAULTS} by default. */
    public ReadOptions withLimits(ReadLimits limits) {
        return new ReadOptions(delimiter, typeHints, extraMissingTokens, progressListener, progressBar, format, limits);
    }

    public ReadLimits limits() {
        return limits;
    }

    /** The delimiter, or {@code null} to sniff it. */
    public Character delimiter() {
        return delimiter;
    }

    public Map<String, ColumnType> typeHints() {
        return typeHints;
    }

    /** The missing tokens given in addition to the defaults. */
    public Set<String> extraMissingTokens() {
        return extraMissingTokens;
    }

    /** {@link TableBuilder#DEFAULT_MISSING} plus the extra tokens. */
    public Set<String> missingTokens() {
        Set<String> all = new LinkedHashSet<>(TableBuilder.DEFAULT_MISSING);
        all.addAll(extraMissingTokens);
        return all;
    }

    /** The listener, or {@code null}. */
    public ProgressListener progressListener() {
        return progressListener;
    }

    public boolean progressBar() {
        return progressBar;
    }

    /** The forced format, or {@code null}. */
    public Format format() {
        return format;
    }

    static String printable(char c) {
        switch (c) {
            case '\t':
                return "\\t";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            default:
                return c < 32 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        }
    }
}

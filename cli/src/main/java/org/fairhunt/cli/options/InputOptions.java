package org.fairhunt.cli.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.ReadLimits;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import picocli.CommandLine.Option;

/** Options that say how to read the input table; shared by every command that reads one. */
public final class InputOptions {
    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Field delimiter of a CSV/TSV file (default: sniffed from the header; 'tab' for a tab).")
    String delimiter;

    @Option(names = "--text-col", paramLabel = "COLUMN",
            description = "Keep this column as free text rather than categories (repeatable).")
    List<String> textColumns = new ArrayList<>();

    @Option(names = "--max-field-size", paramLabel = "SIZE",
            description = "Longest field a reader accepts, e.g. 64MiB (default: 16MiB); a longer one is an error.")
    String maxFieldSize;

    @Option(names = "--max-header-size", paramLabel = "SIZE",
            description = "Longest header (CSV/TSV header line, ARFF header) a reader accepts (default: 1MiB).")
    String maxHeaderSize;

    @Option(names = "--max-record-size", paramLabel = "SIZE",
            description = "Longest record (CSV/TSV record, JSON line, ARFF data line) a reader accepts (default: 64MiB).")
    String maxRecordSize;

    @Option(names = "--max-columns", paramLabel = "N",
            description = "Most columns a file may have (default: 10000).")
    Integer maxColumns;

    /** The read limits, the defaults changed by the options given. */
    ReadLimits limits() {
        ReadLimits limits = ReadLimits.DEFAULTS;
        if (maxFieldSize != null) {
            limits = limits.withMaxFieldBytes(ReadLimits.parseSize(maxFieldSize, "--max-field-size"));
        }
        if (maxHeaderSize != null) {
            limits = limits.withMaxHeaderBytes(ReadLimits.parseSize(maxHeaderSize, "--max-header-size"));
        }
        if (maxRecordSize != null) {
            limits = limits.withMaxRecordBytes(ReadLimits.parseSize(maxRecordSize, "--max-record-size"));
        }
        if (maxColumns != null) {
            limits = limits.withMaxColumns(maxColumns);
        }
        return limits;
    }

    /** Reads {@code file} (CSV, TSV, JSON Lines or ARFF, by extension; .gz accepted). */
    public Table read(Path file) {
        ReadOptions options = ReadOptions.defaults().withLimits(limits());
        if (delimiter != null) {
            String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
            if (d.length() != 1) {
                throw new UserInputException("--delimiter must be a single character (or 'tab'), got '" + delimiter + "'");
            }
            options = options.withDelimiter(d.charAt(0));
        }
        for (String c : textColumns) {
            options = options.withTypeHint(c, ColumnType.TEXT);
        }
        return TableReaders.read(file, options);
    }
}

package org.fairhunt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.UserInputException;
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

    /** Reads {@code file} (CSV, TSV, JSON Lines or ARFF, by extension; .gz accepted). */
    public Table read(Path file) {
        ReadOptions options = ReadOptions.defaults();
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

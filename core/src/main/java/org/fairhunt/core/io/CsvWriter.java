package org.fairhunt.core.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/**
 * Writes a {@link Table} as RFC 4180 CSV: a header row, fields quoted only when they hold a comma,
 * quote, CR or LF (quotes doubled), missing values as empty fields, LF line ends.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /** Writes the table to {@code file} atomically ({@link AtomicFiles}): the old file or the new one, never half. */
    public static void write(Table table, Path file) {
        AtomicFiles.writeText(file, w -> write(table, w));
    }

    public static void write(Table table, Writer w) throws IOException {
        List<Column> columns = table.columns();
        for (int j = 0; j < columns.size(); j++) {
            if (j > 0) {
                w.write(',');
            }
            w.write(quote(columns.get(j).name()));
        }
        w.write('\n');
        for (int i = 0; i < table.rowCount(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                if (j > 0) {
                    w.write(',');
                }
                String v = columns.get(j).text(i);
                if (v != null) {
                    w.write(quote(v));
                }
            }
            w.write('\n');
        }
    }

    /**
     * The field as CSV: quoted when it must be, or when it is empty text or spells a default missing
     * token (so that {@code NA} the text is not read back as missing).
     */
    static String quote(String field) {
        boolean needs = field.isEmpty() || TableBuilder.DEFAULT_MISSING.contains(field);
        for (int i = 0; i < field.length() && !needs; i++) {
            char c = field.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}

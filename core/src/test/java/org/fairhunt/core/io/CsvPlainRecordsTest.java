package org.fairhunt.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain records (unquoted fields, LF, the header's number of fields) are split eight bytes at a time, and any
 * other record goes through the general parser. These files mix the two at every offset within a word and
 * around the batch's first 1,024 records, with the bytes the eight-byte test also marks (space, '!', '#',
 * '+', tab) and bytes above 0x7F inside values; every cell is known from the generator.
 */
class CsvPlainRecordsTest {
    private static Table read(String text) {
        return TableReaders.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "plain.csv", Format.CSV,
                ReadOptions.defaults());
    }

    private static String cells(Table t) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < t.rowCount(); r++) {
            for (Column c : t.columns()) {
                sb.append(c.text(r)).append('|');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "delimiter {0}")
    @ValueSource(strings = {",", "\t", ";", "|"})
    void plain_and_other_records_mix_at_every_offset(String delimiter) {
        String[] values = {"a", "b c", "x!#+y", "caf\u00e9", "", "NA", "12345678", "123456789", "\u65e5\u672c\u8a9e"};
        StringBuilder text = new StringBuilder("g" + delimiter + "h" + delimiter + "n\n");
        StringBuilder want = new StringBuilder();
        for (int r = 0; r < 3000; r++) {
            String g = values[r % values.length];
            String h = values[(r / 3) % values.length] + (r % 7 == 0 ? "" : "z".repeat(r % 11));
            String n = Integer.toString(r);
            boolean quoted = r % 97 == 5;
            String end = r % 89 == 3 ? "\r\n" : r % 83 == 4 ? "\r" : "\n";
            text.append(g).append(delimiter).append(quoted ? "\"" + h + "\"" : h).append(delimiter).append(n).append(end);
            if (r % 101 == 7) {
                text.append('\n'); // a blank line, skipped
            }
            want.append(g.isEmpty() || g.equals("NA") ? null : g).append('|')
                    .append(h.isEmpty() || (h.equals("NA") && !quoted) ? null : h).append('|').append(n).append("|\n");
        }
        assertEquals(want.toString(), cells(read(text.toString())));
    }

    @ParameterizedTest(name = "one column, {0} rows")
    @ValueSource(ints = {1, 7, 8, 9, 1023, 1024, 1025, 5000})
    void a_one_column_file_skips_blank_lines(int rows) {
        StringBuilder text = new StringBuilder("v\n");
        List<String> want = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            text.append("v").append(r % 13).append(r % 5 == 0 ? "\n\n" : "\n");
            want.add("v" + r % 13);
        }
        Table t = read(text.toString());
        assertEquals(rows, t.rowCount());
        for (int r = 0; r < rows; r++) {
            assertEquals(want.get(r), t.columns().get(0).text(r));
        }
    }

    @ParameterizedTest(name = "record {0} has {1} fields")
    @CsvSource({"1, 3", "5000, 3", "5000, 1", "1024, 1", "1025, 4"})
    void a_ragged_record_after_plain_ones_names_its_line(int bad, int fields) {
        StringBuilder text = new StringBuilder("a,b\n");
        for (int r = 1; r <= 6000; r++) {
            text.append(r == bad ? String.join(",", java.util.Collections.nCopies(fields, "x")) : "x,y").append('\n');
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(text.toString()));
        assertEquals("plain.csv:" + (bad + 1) + ":" + (fields > 2 ? 3 : fields + 1) + ": line " + (bad + 1) + " has " + fields
                + (fields == 1 ? " field" : " fields") + ", the header has 2", e.getMessage().replace(" (is the delimiter ',' right?)", ""));
    }
}

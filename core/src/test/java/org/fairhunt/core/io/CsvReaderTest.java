package org.fairhunt.core.io;

import static org.fairhunt.core.io.TestFiles.assertFails;
import static org.fairhunt.core.io.TestFiles.read;
import static org.fairhunt.core.io.TestFiles.resource;
import static org.fairhunt.core.io.TestFiles.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReaderTest {

    @Test
    void quoted_fields_keep_delimiters_newlines_and_doubled_quotes() {
        Table t = read("csv/quoting.csv");
        assertEquals(List.of("id", "name", "comment", "score"), t.columnNames());
        assertEquals(5, t.rowCount());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, t.numeric("id").valuesUnsafe());
        assertArrayEquals(new String[] {"plain", "quoted", "comma, inside", null, "a \"b\" c"}, texts(t.column("name")));
        assertArrayEquals(new String[] {"simple", "with \"doubled\" quotes", "line one\nline two", null, "literal\"quote"},
                texts(t.column("comment")));
        assertArrayEquals(new double[] {0.5, 0.25, 1, Double.NaN, -0.25}, t.numeric("score").valuesUnsafe());
    }

    @Test
    void crlf_line_ends_and_a_byte_order_mark_are_handled() {
        Table t = read("csv/crlf_bom.csv");
        assertEquals(List.of("group", "y"), t.columnNames());
        assertArrayEquals(new String[] {"north", "south\r\nwest", "north"}, texts(t.column("group")));
        assertArrayEquals(new double[] {1, 0, 1}, t.numeric("y").valuesUnsafe());
    }

    @Test
    void a_lone_carriage_return_ends_a_line() {
        Table t = read("csv/lone_cr.csv");
        assertArrayEquals(new String[] {"x", "y"}, texts(t.column("a")));
        assertArrayEquals(new double[] {1, 2}, t.numeric("b").valuesUnsafe());
    }

    @Test
    void semicolon_is_sniffed_and_a_decimal_comma_stays_text() {
        Table t = read("csv/semicolon.csv");
        assertEquals(List.of("city", "amount", "note"), t.columnNames());
        assertEquals(ColumnType.CATEGORICAL, t.column("amount").type());
        assertArrayEquals(new String[] {"1,5", "2"}, texts(t.column("amount")));
        assertArrayEquals(new String[] {"a,b", "c"}, texts(t.column("note")));
    }

    @Test
    void pipe_is_sniffed() {
        Table t = read("csv/pipe.csv");
        assertEquals(List.of("a", "b", "c"), t.columnNames());
        assertArrayEquals(new String[] {"p|q", "r"}, texts(t.column("c")));
    }

    @Test
    void tab_separated_file_keeps_commas_and_semicolons_in_values() {
        Table t = read("csv/tabs.tsv");
        assertEquals(List.of("name", "value"), t.columnNames());
        assertArrayEquals(new String[] {"comma, here", "semi;colon"}, texts(t.column("name")));
        assertArrayEquals(new double[] {3, 4}, t.numeric("value").valuesUnsafe());
    }

    @Test
    void an_explicit_delimiter_overrides_sniffing() {
        // With ';' forced, the pipes are data: one column named "a|b|c", quotes kept inside unquoted fields.
        Table t = TableReaders.read(resource("csv/pipe.csv"), ReadOptions.defaults().withDelimiter('|'));
        assertEquals(3, t.columnNames().size());
        Table single = TableReaders.read(resource("csv/pipe.csv"), ReadOptions.defaults().withDelimiter(';'));
        assertEquals(List.of("a|b|c"), single.columnNames());
        assertArrayEquals(new String[] {"1|x|\"p|q\"", "2|y|r"}, texts(single.column("a|b|c")));
    }

    @Test
    void last_line_without_newline_and_trailing_empty_field_are_read() {
        Table t = read("csv/no_trailing_newline.csv");
        assertArrayEquals(new double[] {1, 3}, t.numeric("a").valuesUnsafe());
        assertArrayEquals(new double[] {2, Double.NaN}, t.numeric("b").valuesUnsafe());
    }

    @Test
    void blank_lines_are_skipped_but_rows_are_not() {
        Table t = read("csv/blank_lines.csv");
        assertEquals(3, t.rowCount());
        assertArrayEquals(new String[] {"x", "y", "z"}, texts(t.column("b")));
        Table single = read("csv/single_column.csv");
        assertArrayEquals(new String[] {"yes", "no", "yes"}, texts(single.column("label")));
    }

    @Test
    void type_inference_accepts_plain_numbers_only() {
        Table t = read("csv/types.csv");
        assertArrayEquals(new double[] {1, 2, 3}, t.numeric("int").valuesUnsafe());
        assertArrayEquals(new double[] {0.5, -1.25, 0.5}, t.numeric("real").valuesUnsafe());
        assertArrayEquals(new double[] {1000, 0.025, -100}, t.numeric("exp").valuesUnsafe());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                ((NumericColumn) t.column("inf")).valuesUnsafe());
        // Java would parse "1d" and hex floats, "NaN" too; none of them is a plain number.
        assertEquals(ColumnType.CATEGORICAL, t.column("oneD").type());
        assertEquals(List.of("1d", "2d", "3"), ((CategoricalColumn) t.column("oneD")).levels());
        assertEquals(ColumnType.CATEGORICAL, t.column("hex").type());
        assertEquals(ColumnType.CATEGORICAL, t.column("nan").type());
        assertEquals(List.of("1", "3", "two"), ((CategoricalColumn) t.column("mixed")).levels()); // natural order
        CategoricalColumn none = (CategoricalColumn) t.column("allmissing");
        assertEquals(0, none.levelCount());
        assertEquals(3, none.missingCount());
    }

    @Test
    void type_hints_force_text_categorical_and_numeric() {
        Table t = TableReaders.read(resource("csv/types.csv"), ReadOptions.defaults()
                .withTypeHint("int", ColumnType.CATEGORICAL)
                .withTypeHint("mixed", ColumnType.TEXT)
                .withTypeHint("allmissing", ColumnType.NUMERIC));
        assertEquals(List.of("1", "2", "+3"), ((CategoricalColumn) t.column("int")).levels());
        assertTrue(t.column("mixed") instanceof TextColumn);
        assertArrayEquals(new String[] {"1", "two", "3"}, texts(t.column("mixed")));
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NaN}, t.numeric("allmissing").valuesUnsafe());
    }

    @Test
    void extra_missing_tokens_are_honoured() {
        Table t = TableReaders.read(resource("csv/types.csv"), ReadOptions.defaults().withMissingTokens(Set.of("two", "NaN")));
        assertArrayEquals(new double[] {1, Double.NaN, 3}, t.numeric("mixed").valuesUnsafe());
        assertArrayEquals(new double[] {Double.NaN, 1, 2}, t.numeric("nan").valuesUnsafe());
    }

    @Test
    void a_quoted_na_is_text_but_a_quoted_empty_field_is_missing() {
        Table t = read("csv/quoted_na.csv");
        assertArrayEquals(new String[] {null, "NA", null}, texts(t.column("team")));
    }

    @Test
    void csv_writer_output_reads_back_the_same_cells(@TempDir Path tmp) {
        org.fairhunt.core.table.TableBuilder b = new org.fairhunt.core.table.TableBuilder("t", List.of("g", "x"));
        b.addRow(new String[] {"NA", "1.5"});
        b.addRow(new String[] {"a,\"b\"\r\nc", null});
        b.addRow(new String[] {null, "-2"});
        Table written = b.build();
        Path file = tmp.resolve("w.csv");
        CsvWriter.write(written, file);
        Table t = TableReaders.read(file);
        assertArrayEquals(texts(written.column("g")), texts(t.column("g")));
        assertArrayEquals(((NumericColumn) written.column("x")).valuesUnsafe(), t.numeric("x").valuesUnsafe());
    }

    @Test
    void header_only_gives_an_empty_table() {
        Table t = read("csv/header_only.csv");
        assertEquals(List.of("a", "b", "c"), t.columnNames());
        assertEquals(0, t.rowCount());
    }

    @Test
    void utf8_values_are_decoded_once_per_distinct_value() {
        Table t = read("csv/unicode.csv");
        assertArrayEquals(new String[] {"José", "Łódź ☃", "José"}, texts(t.column("naam")));
        assertEquals(List.of("Zürich", "東京"), ((CategoricalColumn) t.column("stad")).levels());
    }

    @Test
    void a_record_larger_than_the_buffer_is_read_whole(@TempDir Path tmp) throws IOException {
        String big = "x\"y,\n".repeat(700_000); // 3.5 MB, several times the reader's first buffer
        Path file = tmp.resolve("big.csv");
        Files.writeString(file, "id,blob\n1,\"" + big.replace("\"", "\"\"") + "\"\n2,small\n");
        Table t = TableReaders.read(file, ReadOptions.defaults().withTypeHint("blob", ColumnType.TEXT));
        assertArrayEquals(new String[] {big, "small"}, texts(t.column("blob")));
    }

    @Test
    void empty_file_is_refused() {
        assertFails("csv/empty.csv", 0, 0, "empty file, expected a header row");
        assertFails("csv/bom_only.csv", 0, 0, "empty file, expected a header row");
    }

    @Test
    void blank_header_line_is_refused() {
        assertFails("csv/blank_first_line.csv", 1, 0, "the first line is empty, expected a header row with the column names");
    }

    @Test
    void ragged_rows_name_the_line_and_the_counts() {
        assertFails("csv/ragged_short.csv", 3, 6, "line 3 has 5 fields, the header has 6");
        assertFails("csv/ragged_long.csv", 4, 3, "line 4 has 3 fields, the header has 2");
        assertFails("csv/ragged_multiline.csv", 4, 3, "the record on lines 4-5 has 2 fields, the header has 3");
    }

    @Test
    void a_wrong_delimiter_is_suggested_when_rows_have_one_field() {
        assertFails("csv/mixed_delimiters.csv", 2, 2, "line 2 has 1 field, the header has 3 (is the delimiter ',' right?)");
    }

    @Test
    void unterminated_quote_names_where_it_opened() {
        assertFails("csv/unterminated_quote.csv", 3, 3, "quote opened at line 3, column 3 is never closed");
    }

    @Test
    void characters_after_a_closing_quote_are_refused() {
        assertFails("csv/stray_after_quote.csv", 2, 2, "unexpected character 'x' after the closing quote of column 2;"
                + " expected the delimiter ',' or the end of the line (a quote inside a quoted field is written as two quotes)");
    }

    @Test
    void duplicate_and_empty_header_names_are_refused() {
        assertFails("csv/duplicate_header.csv", 1, 4, "column name 'age' appears twice in the header (columns 2 and 4)");
        assertFails("csv/empty_header_name.csv", 1, 2, "column 2 of the header has an empty name; every column needs a name");
        assertFails("csv/r_row_names.csv", 1, 1, "column 1 of the header has an empty name; every column needs a name"
                + " (R's write.csv leaves the row-names column unnamed: use row.names = FALSE)");
    }

    @Test
    void invalid_utf8_is_refused_with_its_bytes() {
        assertFails("csv/invalid_utf8.csv", 2, 1,
                "the value in column 'name' is not valid UTF-8 (bytes 4a 6f 73 e9); save the file as UTF-8");
    }

    @Test
    void a_text_value_in_a_column_hinted_numeric_is_refused() {
        assertFails("csv/not_a_number.csv", ReadOptions.defaults().withTypeHint("score", ColumnType.NUMERIC), 3, 2,
                "'high' is not a number, but column 'score' must be numeric");
    }

    @Test
    void an_error_inside_a_multi_line_record_names_the_field_line() {
        // Record 2 starts on line 4; its third field starts on line 6, after two quoted line breaks.
        assertFails("csv/multiline_bad_number.csv", ReadOptions.defaults().withTypeHint("score", ColumnType.NUMERIC), 6, 3,
                "'high' is not a number, but column 'score' must be numeric");
    }

    /**
     * A 1.6 MB file (more than the reader's 1 MiB buffer) whose every record spans two lines (record i starts on line 2i), with a non-number
     * in a column hinted numeric and a short record: the one earlier in the file is reported, whether
     * they fall in the same buffer or not (columns are filled on worker threads, buffer by buffer).
     */
    @ParameterizedTest(name = "bad number at record {0}, short record at {1}")
    @CsvSource({"80000, 95000", "80000, 80010", "80010, 80000", "20, 95000", "95000, 20"})
    void the_first_error_in_a_large_file_is_reported_with_its_line(int badRecord, int shortRecord, @TempDir Path tmp)
            throws IOException {
        StringBuilder sb = new StringBuilder("id,score,note\n");
        for (int i = 1; i <= 100_000; i++) {
            sb.append(i).append(',');
            if (i == shortRecord) {
                sb.append("\"a\nb\"\n");
                continue;
            }
            sb.append(i == badRecord ? "high" : i % 7 == 0 ? "0.5" : "1").append(",\"a\nb\"\n");
        }
        Path file = tmp.resolve("large.csv");
        Files.writeString(file, sb);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TableReaders.read(file, ReadOptions.defaults().withTypeHint("score", ColumnType.NUMERIC)));
        if (badRecord < shortRecord) {
            assertEquals(file + ":" + 2 * badRecord + ":2: 'high' is not a number, but column 'score' must be numeric", e.getMessage());
        } else {
            assertEquals(file + ":" + 2 * shortRecord + ":3: the record on lines " + 2 * shortRecord + "-" + (2 * shortRecord + 1)
                    + " has 2 fields, the header has 3", e.getMessage());
        }
    }

    @Test
    void a_large_file_reads_every_row_in_order(@TempDir Path tmp) throws IOException {
        StringBuilder sb = new StringBuilder("id,group\r\n");
        int rows = 300_000; // about 4 MB: several buffers, so the reader also sizes its columns from the file size
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(i % 3 == 0 ? "\"x,\"\"y\"\"\"" : "g" + i % 5).append("\r\n");
        }
        Path file = tmp.resolve("large.csv");
        Files.writeString(file, sb);
        Table t = TableReaders.read(file);
        assertEquals(rows, t.rowCount());
        double[] ids = t.numeric("id").valuesUnsafe();
        for (int i = 0; i < rows; i++) {
            assertEquals(i, ids[i]);
            assertEquals(i % 3 == 0 ? "x,\"y\"" : "g" + i % 5, t.column("group").text(i));
        }
    }

    @Test
    void a_hint_for_an_unknown_column_is_refused() {
        UserInputException e = assertThrows(UserInputException.class, () -> TableReaders.read(resource("csv/not_a_number.csv"),
                ReadOptions.defaults().withTypeHint("scroe", ColumnType.NUMERIC)));
        assertEquals(resource("csv/not_a_number.csv") + ": a type is given for column 'scroe', but the header has no such column;"
                + " the columns are: id, score", e.getMessage());
    }
}

package org.fairhunt.core.io;

import static org.fairhunt.core.io.TestFiles.resource;
import static org.fairhunt.core.io.TestFiles.sharedData;
import static org.fairhunt.core.io.TestFiles.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.MustRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReadersTest {
    @TempDir
    Path tmp;

    @Test
    void format_follows_the_extension_with_or_without_gz() {
        assertEquals(Format.CSV, Format.fromFileName("a.CSV"));
        assertEquals(Format.TSV, Format.fromFileName("a.tab.gz"));
        assertEquals(Format.JSONL, Format.fromFileName("x.ndjson"));
        assertEquals(Format.ARFF, Format.fromFileName("credit-g.arff.gz"));
        assertNull(Format.fromFileName("notes.txt"));
        assertEquals(Format.JSONL, Format.parse("NDJSON"));
    }

    @Test
    void gzip_files_are_decompressed_by_name_or_by_magic_bytes() throws IOException {
        byte[] csv = Files.readAllBytes(resource("csv/quoting.csv"));
        Path gz = tmp.resolve("quoting.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(csv);
        }
        Table t = TableReaders.read(gz);
        assertEquals(5, t.rowCount());
        assertArrayEquals(new String[] {"simple", "with \"doubled\" quotes", "line one\nline two", null, "literal\"quote"},
                texts(t.column("comment")));
        Path disguised = tmp.resolve("quoting.csv");
        Files.copy(gz, disguised);
        assertEquals(5, TableReaders.read(disguised).rowCount());
    }

    @Test
    void the_format_option_overrides_the_extension() throws IOException {
        Path txt = tmp.resolve("data.txt");
        Files.copy(resource("jsonl/basic.jsonl"), txt);
        UserInputException e = assertThrows(UserInputException.class, () -> TableReaders.read(txt));
        assertEquals(txt + ": cannot tell the format from the file name; expected a name ending in .csv, .tsv, .tab, .jsonl,"
                + " .ndjson or .arff (optionally followed by .gz), or name the format explicitly", e.getMessage());
        Table t = TableReaders.read(txt, ReadOptions.defaults().withFormat(Format.JSONL));
        assertEquals(4, t.rowCount());
    }

    @Test
    void a_missing_file_or_a_directory_is_a_user_error() {
        Path missing = tmp.resolve("nope.csv");
        assertEquals(missing + ": no such file",
                assertThrows(UserInputException.class, () -> TableReaders.read(missing)).getMessage());
        Path dir = tmp.resolve("dir.csv");
        dir.toFile().mkdir();
        assertEquals(dir + ": is a directory, expected a file",
                assertThrows(UserInputException.class, () -> TableReaders.read(dir)).getMessage());
    }

    @Test
    void streams_are_read_with_the_given_source_name() {
        byte[] bytes = "a\tb\n1\tx\n".getBytes(StandardCharsets.UTF_8);
        Table t = TableReaders.read(new ByteArrayInputStream(bytes), "upload", Format.TSV, ReadOptions.defaults());
        assertEquals("upload", t.source());
        assertEquals(List.of("a", "b"), t.columnNames());
    }

    @Test
    void the_progress_listener_hears_the_final_row_count_and_all_bytes() throws IOException {
        Path file = resource("csv/quoting.csv");
        List<long[]> updates = new ArrayList<>();
        long[] done = new long[3];
        ProgressListener listener = new ProgressListener() {
            @Override
            public void update(long bytesRead, long totalBytes, long rows) {
                updates.add(new long[] {bytesRead, totalBytes, rows});
            }

            @Override
            public void done(long bytesRead, long totalBytes, long rows) {
                done[0] = bytesRead;
                done[1] = totalBytes;
                done[2] = rows;
            }
        };
        TableReaders.read(file, ReadOptions.defaults().withProgressListener(listener));
        long size = Files.size(file);
        assertArrayEquals(new long[] {size, size, 5}, done);
        assertArrayEquals(new long[] {size, size, 5}, updates.get(updates.size() - 1));
    }

    /**
     * R's quoted {@code write.csv} output: the Boston HMDA data cut to its first 300 rows
     * ({@code io/real/hmda_boston-300.csv}, see the README there). Counts by {@code cut -d, -f1 | sort | uniq -c}.
     */
    @Test
    @MustRun
    void hmda_boston_quoted_r_output_reads_all_rows() {
        Table t = TableReaders.read(resource("real/hmda_boston-300.csv"));
        assertEquals(300, t.rowCount());
        checkHmdaHeaderAndFirstRow(t);
        assertArrayEquals(new int[] {268, 32, 0}, t.categorical("deny").counts());
        assertArrayEquals(new int[] {259, 41, 0}, t.categorical("afam").counts());
        // Row 300: "no",0.37,0.26,0.802469135802469,"1","2","no",10.6000003814697,"yes",...
        assertEquals(0.802469135802469, t.numeric("lvrat").value(299));
        assertEquals(10.6000003814697, t.numeric("unemp").value(299));
        assertEquals("yes", t.column("selfemp").text(299));
    }

    /** The whole file, when the optional shared data folder has it (the fixture above always runs). */
    @Test
    void hmda_boston_full_file_when_the_shared_data_is_present() {
        Path file = sharedData("hmda_boston.csv");
        if (file == null) {
            return; // nothing more to check than the fixture does; see SharedData
        }
        Table t = TableReaders.read(file);
        assertEquals(2380, t.rowCount());
        checkHmdaHeaderAndFirstRow(t);
        // 2095 "no", 285 "yes".
        assertArrayEquals(new int[] {2095, 285, 0}, t.categorical("deny").counts());
        assertArrayEquals(new int[] {2041, 339, 0}, t.categorical("afam").counts());
        // Last row: "yes",0.35,0.26,0.813559322033898,"2","2","no",4.30000019073486,...
        assertEquals(0.813559322033898, t.numeric("lvrat").value(2379));
        assertEquals(4.30000019073486, t.numeric("unemp").value(2379));
    }

    private static void checkHmdaHeaderAndFirstRow(Table t) {
        assertEquals(List.of("deny", "pirat", "hirat", "lvrat", "chist", "mhist", "phist", "unemp", "selfemp", "insurance",
                "condomin", "afam", "single", "hschool"), t.columnNames());
        CategoricalColumn deny = (CategoricalColumn) t.column("deny");
        assertEquals(List.of("no", "yes"), deny.levels());
        // First row: "no",0.221000003814697,0.221000003814697,0.8,"5","2",... quoted digits are numbers too.
        assertEquals(0.221000003814697, t.numeric("pirat").value(0));
        assertEquals(0.8, t.numeric("lvrat").value(0));
        assertEquals(ColumnType.NUMERIC, t.column("chist").type());
        assertEquals(5, t.numeric("chist").value(0));
    }
}

package org.fairhunt.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes random tables with an independent, deliberately simple CSV writer (quotes where needed and
 * sometimes where not, awkward characters everywhere), reads them back and compares cell by cell.
 */
class CsvRoundTripTest {
    private static final String AWKWARD = "ab,;|\t\"\n\r xé☃\u0000";
    private static final int COLUMNS = 5;

    @TempDir
    Path tmp;

    /** Random text that is never a missing token and never blank-line-like. */
    private static String randomText(SplittableRandom random) {
        int n = 1 + random.nextInt(8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
        }
        String s = sb.toString();
        return s.equals("NA") ? "NA!" : s;
    }

    /** RFC 4180 quoting, written independently of the reader: quote when needed, and at random otherwise. */
    private static String field(String value, char delimiter, SplittableRandom random) {
        if (value == null) {
            return random.nextBoolean() ? "" : "NA";
        }
        boolean needs = value.isEmpty() || value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (needs || random.nextInt(4) == 0) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    @ParameterizedTest(name = "seed {0}, delimiter code {1}, CRLF {2}, trickle {3}, {4} rows")
    @CsvSource({"1, 44, false, false, 24000", "2, 9, true, false, 3000", "3, 59, false, true, 2000", "4, 124, true, true, 2000",
        "5, 44, true, true, 2000"})
    void random_tables_survive_a_write_and_read(long seed, int delimiterCode, boolean crlf, boolean trickle, int rows)
            throws IOException {
        char delimiter = (char) delimiterCode;
        SplittableRandom random = new SplittableRandom(seed);
        String eol = crlf ? "\r\n" : "\n";
        String[][] text = new String[rows][COLUMNS];
        double[][] numbers = new double[rows][COLUMNS];
        StringBuilder sb = new StringBuilder("t0" + delimiter + "n1" + delimiter + "\"t,2\"" + delimiter + "n3" + delimiter + "t4" + eol);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < COLUMNS; k++) {
                String value;
                if (k % 2 == 1) {
                    boolean missing = random.nextInt(20) == 0;
                    double v = k == 1 ? random.nextInt(1_000_000) / 10_000.0 : random.nextDouble() * 1e6 - 5e5;
                    numbers[r][k] = missing ? Double.NaN : v;
                    value = missing ? null : Double.toString(v);
                } else {
                    value = random.nextInt(30) == 0 ? null : randomText(random);
                    text[r][k] = value;
                }
                if (k > 0) {
                    sb.append(delimiter);
                }
                sb.append(field(value, delimiter, random));
            }
            sb.append(eol);
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, ColumnType> hints = new HashMap<>();
        hints.put("t0", ColumnType.TEXT);
        hints.put("t,2", ColumnType.CATEGORICAL);
        ReadOptions options = ReadOptions.defaults().withTypeHints(hints);
        Table t;
        if (trickle) {
            t = TableReaders.read(new TrickleStream(new ByteArrayInputStream(bytes), seed), "trickle", Format.CSV, options);
        } else {
            Path file = tmp.resolve("round.csv");
            Files.write(file, bytes);
            if (rows >= 24_000) {
                assertTrue(bytes.length > (1 << 20), "the file should cross the reader's 1 MiB buffer: " + bytes.length);
            }
            t = TableReaders.read(file, options);
        }
        assertEquals(rows, t.rowCount());
        String[] names = {"t0", "n1", "t,2", "n3", "t4"};
        assertEquals(List.of(names), t.columnNames());
        for (int k = 0; k < COLUMNS; k++) {
            Column c = t.column(names[k]);
            for (int r = 0; r < rows; r++) {
                if (k % 2 == 1) {
                    assertEquals(numbers[r][k], ((NumericColumn) c).value(r), names[k] + " row " + r);
                } else {
                    assertEquals(text[r][k], c.text(r), names[k] + " row " + r);
                }
            }
        }
    }

    /** Hands out 1 to 7 bytes per read, so that records straddle every possible buffer boundary. */
    private static final class TrickleStream extends FilterInputStream {
        private final SplittableRandom random;

        TrickleStream(InputStream in, long seed) {
            super(in);
            this.random = new SplittableRandom(seed);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }
    }
}

package org.fairhunt.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.api.Test;

/** One test per limit and format; the big inputs are streamed, never held, so an unlimited reader would OOM. */
class ReadLimitsTest {

    /** {@code head}, then {@code count} copies of {@code fill}, then {@code tail}, generated on the fly. */
    private static InputStream stream(String head, byte fill, long count, String tail) {
        InputStream body = new InputStream() {
            long left = count;

            @Override
            public int read() {
                return left-- > 0 ? fill : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, fill);
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(new SequenceInputStream(bytes(head), body), bytes(tail));
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static DataFormatException fails(InputStream in, Format format, ReadLimits limits) {
        return assertThrows(DataFormatException.class,
                () -> TableReaders.read(in, "t." + format.name().toLowerCase(), format,
                        ReadOptions.defaults().withProgressBar(false).withLimits(limits)));
    }

    @Test
    void a_200_mb_csv_field_is_refused_at_the_default_16_mib_without_running_out_of_memory() {
        DataFormatException e = fails(stream("a,b\n1,", (byte) 'x', 200_000_000L, "\n"), Format.CSV, ReadLimits.DEFAULTS);
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("longer than 16 MiB") && e.getMessage().contains("--max-field-size"), e.getMessage());
    }

    @Test
    void a_csv_field_over_a_small_limit_is_refused_even_when_it_fits_the_buffer() {
        DataFormatException e = fails(bytes("a,b\n1,2\n3,\"" + "y".repeat(101) + "\"\n"), Format.CSV,
                ReadLimits.DEFAULTS.withMaxFieldBytes(100));
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("longer than 100 bytes"), e.getMessage());
    }

    @Test
    void a_field_at_the_limit_is_read() {
        Table t = TableReaders.read(bytes("a,b\n1," + "z".repeat(100) + "\n"), "t.csv", Format.CSV,
                ReadOptions.defaults().withProgressBar(false).withLimits(ReadLimits.DEFAULTS.withMaxFieldBytes(100)));
        assertEquals(100, t.column("b").text(0).length());
    }

    @Test
    void a_10_mb_header_of_a_million_columns_is_refused_by_the_header_limit() {
        DataFormatException e = fails(stream("", (byte) ',', 5_000_000L, "\n1\n"), Format.CSV, ReadLimits.DEFAULTS);
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("header line is longer than 1 MiB") && e.getMessage().contains("--max-header-size"),
                e.getMessage());
    }

    @Test
    void more_columns_than_the_limit_are_refused_in_the_header_and_in_a_record() {
        String header = "c1,c2,c3,c4,c5,c6\n";
        DataFormatException inHeader = fails(bytes(header + "1,2,3,4,5,6\n"), Format.CSV, ReadLimits.DEFAULTS.withMaxColumns(5));
        assertEquals(1, inHeader.line());
        assertEquals(6, inHeader.column());
        assertTrue(inHeader.getMessage().contains("the header has more than 5 columns")
                && inHeader.getMessage().contains("--max-columns"), inHeader.getMessage());
        // A data record far wider than the limit (and than its buffer) stops at the limit, not at the ragged check.
        DataFormatException inRecord = fails(stream("a,b\n1,2\n", (byte) ',', 3_000_000L, "\n"), Format.CSV,
                ReadLimits.DEFAULTS.withMaxColumns(1000));
        assertEquals(3, inRecord.line());
        assertTrue(inRecord.getMessage().contains("more than 1000 columns"), inRecord.getMessage());
    }

    @Test
    void a_record_over_the_record_limit_is_refused() {
        // An unclosed quote swallows the rest of the file into one record.
        DataFormatException e = fails(stream("a,b\n1,\"", (byte) 'q', 5_000_000L, ""), Format.CSV,
                new ReadLimits(64L << 20, 1L << 20, 10_000, 2L << 20));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("longer than 2 MiB") && e.getMessage().contains("--max-record-size"), e.getMessage());
    }

    @Test
    void json_lines_limits_name_the_line_and_the_option() {
        DataFormatException line = fails(stream("{\"a\":1}\n{\"a\":\"", (byte) 'x', 200_000_000L, "\"}\n"), Format.JSONL,
                ReadLimits.DEFAULTS);
        assertEquals(2, line.line());
        assertTrue(line.getMessage().contains("line longer than 64 MiB") && line.getMessage().contains("--max-record-size"),
                line.getMessage());
        DataFormatException value = fails(bytes("{\"a\":\"" + "v".repeat(101) + "\"}\n"), Format.JSONL,
                ReadLimits.DEFAULTS.withMaxFieldBytes(100));
        assertTrue(value.getMessage().contains("key 'a' is longer than 100 bytes"), value.getMessage());
        DataFormatException keys = fails(bytes("{\"a\":1,\"b\":2}\n{\"c\":3}\n"), Format.JSONL,
                ReadLimits.DEFAULTS.withMaxColumns(2));
        assertEquals(2, keys.line());
        assertTrue(keys.getMessage().contains("more than 2 columns") && keys.getMessage().contains("--max-columns"),
                keys.getMessage());
    }

    @Test
    void arff_limits_name_the_line_and_the_option() {
        String head = "@relation r\n@attribute a numeric\n@attribute b numeric\n@data\n";
        DataFormatException attrs = fails(bytes(head + "1,2\n"), Format.ARFF, ReadLimits.DEFAULTS.withMaxColumns(1));
        assertEquals(3, attrs.line());
        assertTrue(attrs.getMessage().contains("more than 1 columns"), attrs.getMessage());
        DataFormatException data = fails(stream(head + "1,", (byte) '7', 100_000_000L, "\n"), Format.ARFF,
                ReadLimits.DEFAULTS);
        assertEquals(5, data.line());
        assertTrue(data.getMessage().contains("data line longer than 64 MiB"), data.getMessage());
        DataFormatException header = fails(stream("@relation r\n% ", (byte) 'c', 3_000_000L, "\n@data\n"), Format.ARFF,
                ReadLimits.DEFAULTS);
        assertEquals(2, header.line());
        assertTrue(header.getMessage().contains("header") && header.getMessage().contains("--max-header-size"),
                header.getMessage());
    }

    @Test
    void sizes_parse_with_binary_units_and_bad_ones_are_user_errors() {
        assertEquals(64L << 20, ReadLimits.parseSize("64MiB", "--max-field-size"));
        assertEquals(512L << 10, ReadLimits.parseSize("512k", "--max-field-size"));
        assertEquals(1L << 30, ReadLimits.parseSize("1G", "--max-field-size"));
        assertEquals(1000, ReadLimits.parseSize("1000", "--max-field-size"));
        UserInputException e = assertThrows(UserInputException.class, () -> ReadLimits.parseSize("2G", "--max-field-size"));
        assertTrue(e.getMessage().startsWith("--max-field-size: expected a size"), e.getMessage());
        assertThrows(UserInputException.class, () -> ReadLimits.parseSize("lots", "--max-field-size"));
    }
}

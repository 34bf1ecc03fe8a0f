package org.fairhunt.core.io;

import java.util.Locale;
import org.fairhunt.core.UserInputException;

/**
 * Size limits a reader enforces while reading, so that no input file can exhaust the heap: a 200 MB
 * field or a header of a million columns is refused with a message naming the file, line and column,
 * the limit and the option that raises it, before the reader buffers more than about twice the limit.
 *
 * @param maxFieldBytes  longest field (a CSV/TSV field, a JSON string value, an ARFF value), in bytes
 * @param maxHeaderBytes longest header (the CSV/TSV header line, all of an ARFF header's lines), in bytes
 * @param maxColumns     most columns (CSV/TSV fields per record, distinct JSON Lines keys, ARFF attributes)
 * @param maxRecordBytes longest record (a CSV/TSV record, a JSON line, an ARFF data line), in bytes
 */
public record ReadLimits(long maxFieldBytes, long maxHeaderBytes, int maxColumns, long maxRecordBytes) {
    /** 16 MiB per field, 1 MiB of header, 10,000 columns, 64 MiB per record. */
    public static final ReadLimits DEFAULTS = new ReadLimits(16L << 20, 1L << 20, 10_000, 64L << 20);

    /** Largest byte limit: Java arrays hold a little under 2 GiB, and the reader may buffer twice a record. */
    static final long MAX_BYTES = 1L << 30;

    public ReadLimits {
        if (maxFieldBytes < 1 || maxFieldBytes > MAX_BYTES || maxHeaderBytes < 1 || maxHeaderBytes > MAX_BYTES
                || maxRecordBytes < 1 || maxRecordBytes > MAX_BYTES) {
            throw new UserInputException("read limits must be between 1 byte and 1 GiB; got field " + maxFieldBytes
                    + ", header " + maxHeaderBytes + ", record " + maxRecordBytes);
        }
        if (maxColumns < 1) {
            throw new UserInputException("the column limit must be at least 1, got " + maxColumns);
        }
    }

    public ReadLimits withMaxFieldBytes(long bytes) {
        return new ReadLimits(bytes, maxHeaderBytes, maxColumns, Math.max(maxRecordBytes, bytes));
    }

    public ReadLimits withMaxHeaderBytes(long bytes) {
        return new ReadLimits(maxFieldBytes, bytes, maxColumns, maxRecordBytes);
    }

    public ReadLimits withMaxColumns(int columns) {
        return new ReadLimits(maxFieldBytes, maxHeaderBytes, columns, maxRecordBytes);
    }

    public ReadLimits withMaxRecordBytes(long bytes) {
        return new ReadLimits(maxFieldBytes, maxHeaderBytes, maxColumns, bytes);
    }

    /**
     * Parses a size such as {@code 16MiB}, {@code 200MB}, {@code 512k} or {@code 1000} (bytes); k/M/G are
     * binary multiples whether written kB/KiB, as memory sizes usually are.
     */
    public static long parseSize(String text, String what) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1L << 10;
        } else if (t.endsWith("m")) {
            unit = 1L << 20;
        } else if (t.endsWith("g")) {
            unit = 1L << 30;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1).trim();
        try {
            long v = Long.parseLong(digits);
            if (v < 1 || v > MAX_BYTES / unit) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (NumberFormatException e) {
            throw new UserInputException(what + ": expected a size between 1 byte and 1 GiB such as 64MiB, 512k or "
                    + "1000000, got '" + text + "'");
        }
    }

    /** A size for messages: {@code 16 MiB}, {@code 1.5 KiB}, {@code 100 bytes}. */
    static String describe(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}

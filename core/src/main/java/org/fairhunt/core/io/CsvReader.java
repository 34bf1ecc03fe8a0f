package org.fairhunt.core.io;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.concurrent.Workers;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/**
 * RFC 4180 delimited text, parsed byte by byte over one large buffer. A record is first split into
 * field offsets; only when it is complete are its fields handed to {@link TableBuilder}, so a record
 * cut by the end of the buffer is simply parsed again after the buffer is refilled (and grown if one
 * record is larger than it). Values go to the builder as byte slices, so UTF-8 is decoded only for
 * values a column has not seen before.
 *
 * <p>Rules: a header row is required; fields may be quoted with {@code "}, and inside quotes a
 * doubled quote is a quote and delimiters and line breaks are data; a quote inside an unquoted field
 * is taken literally (as most writers and readers do); lines end with LF, CRLF or a lone CR; a UTF-8
 * byte-order mark is skipped; an entirely empty line is skipped, as pandas and R do. An unquoted
 * field that is empty, {@code NA} or another missing token is missing; a quoted field is data even
 * when it spells a missing token ({@code "NA"} is the text NA, as R's {@code write.csv} means it), but
 * a quoted empty field is missing too. Every other irregularity is an error naming the line and the
 * column (the field's 1-based number).
 */
final class CsvReader {
    /** The first buffer is small (most files are); from the second buffer on, batches use 1 MiB. */
    private static final int FIRST_BUFFER = 1 << 16;
    private static final int INITIAL_BUFFER = 1 << 20;
    private static final int RESERVE_AFTER_SWITCHES = 3;
    private static final int MIN_FILL = 1 << 16;
    private static final byte QUOTE = '"';
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** Byte {@code 7 - k} holds {@code k}, so that {@code (1L << 8 * k) * BYTE_INDEX >>> 56 == k}. */
    private static final long BYTE_INDEX = 0x0001020304050607L;
    /** Candidate delimiters in order of preference when their counts tie. */
    private static final byte[] SNIFFED = {',', '\t', ';', '|'};

    private final Source in;
    private final ReadOptions options;
    private TableBuilder builder;
    private int columns;
    private Workers workers;
    /** Buffers handed over so far; after a few, the rows per byte are known well enough to size columns. */
    private int switches;
    private int workerCount;
    private final byte defaultDelimiter;
    private final ReadLimits limits;
    private final long maxFieldBytes;

    private byte[] buf = new byte[FIRST_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private byte delimiter;
    private final boolean[] stop = new boolean[256];
    /**
     * Whether plain records can be split eight bytes at a time ({@link #parsePlainRecords}): the delimiter,
     * LF, CR and the quote all lie below {@code '0'}, so one comparison per byte finds every candidate.
     */
    private boolean plainScan;
    /** Per byte, {@code 0x80} minus the lowest byte above every stop byte and the quote. */
    private long belowStops;
    /** The line on which the next record starts. */
    private long line = 1;

    // The current record, as parsed by parseRecord(): its fields go straight into the batch that will hold
    // it, from index fieldBase on (the field's start, and its length, or ~length for a quoted field).
    private Batch target;
    private int[] starts;
    private int[] lens;
    private int fieldBase;
    /** The index at which the fields must grow: the end of the arrays, or the column limit. */
    private int fieldLimit;

    /** Sets {@link #fieldLimit} for the record starting at {@link #fieldBase} (after the arrays or the base moved). */
    private void limitFields() {
        fieldLimit = (int) Math.min(starts.length, fieldBase + (long) limits.maxColumns());
    }

    /** Which fields of the record hold doubled quotes, to be undone when the record is complete. */
    private boolean[] escaped = new boolean[16];
    private boolean anyEscaped;
    private int fieldCount;
    private int recordEnd;
    private int recordBreaks;
    private boolean recordTerminated;

    CsvReader(Source in, ReadOptions options, byte defaultDelimiter) {
        this.in = in;
        this.options = options;
        this.defaultDelimiter = defaultDelimiter;
        this.limits = options.limits();
        this.maxFieldBytes = limits.maxFieldBytes();
    }

    Table read() throws IOException {
        fill();
        if (limit - pos >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            pos = 3;
        }
        if (pos >= limit && eof) {
            throw new DataFormatException(in.name, 0, 0, "empty file, expected a header row");
        }
        delimiter = options.delimiter() != null ? (byte) (char) options.delimiter() : sniffDelimiter();
        stop[delimiter & 0xff] = true;
        stop['\n'] = true;
        stop['\r'] = true;
        int firstPlain = Math.max(delimiter, QUOTE) + 1;
        plainScan = delimiter > 0 && delimiter < '0' && delimiter != QUOTE && delimiter != '\n' && delimiter != '\r';
        belowStops = (0x80L - firstPlain) * ONES;

        Batch current = new Batch(buf);
        Batch previous = new Batch(new byte[0]);
        current.reserveRecords(1, 16);
        target(current);
        List<String> names = readHeader();
        for (String hinted : options.typeHints().keySet()) {
            if (!names.contains(hinted)) {
                throw new UserInputException(in.name + ": a type is given for column '" + hinted
                        + "', but the header has no such column; the columns are: " + String.join(", ", names));
            }
        }
        builder = new TableBuilder(in.name, names, options.typeHints(), options.missingTokens());
        columns = names.size();
        current.reset(buf, 0);
        // 1,024 records' field positions for a narrow file; for a wide one about a million fields per batch (8 MB),
        // not 1,024 records of 10,000 columns each before a row is read: the arrays grow as records come.
        int records = Math.min(1024, Math.max(16, (1 << 20) / Math.max(columns, 1)));
        current.reserveRecords(records, columns);
        previous.reserveRecords(records, columns);
        if (escaped.length < columns) {
            escaped = Arrays.copyOf(escaped, columns);
        }
        target(current);
        long rows = 0;
        try {
            while (true) {
                if (plainScan) {
                    parsePlainRecords(current);
                }
                if (pos >= limit && eof) {
                    break;
                }
                boolean complete;
                try {
                    complete = pos < limit && parseRecord();
                    if (complete && fieldCount != columns && !isBlankRecord()) {
                        throw ragged(columns);
                    }
                } catch (DataFormatException e) {
                    // Report an error in an earlier row first, as a sequential reader would.
                    await(previous);
                    run(current, false);
                    throw e;
                }
                if (!complete) {
                    // The buffer ends inside a record: hand its complete records to the workers and go on
                    // in the other buffer, which the previous batch no longer needs.
                    await(previous);
                    if (++switches == RESERVE_AFTER_SWITCHES) {
                        reserveEstimatedRows(rows + current.count);
                    }
                    run(current, true);
                    rows += current.count;
                    Batch next = previous;
                    previous = current;
                    current = next;
                    moveTailInto(current, rows);
                    target(current);
                    readMore();
                    in.progress(rows);
                    continue;
                }
                if (isBlankRecord()) {
                    advance();
                    continue;
                }
                current.commit();
                fieldBase += columns;
                limitFields();
                advance();
            }
            await(previous);
            run(current, workers != null);
            await(current);
            rows += current.count;
        } finally {
            if (workers != null) {
                workers.close();
            }
        }
        builder.addRows((int) rows);
        in.progress(rows);
        return builder.build();
    }

    /**
     * Sizes the columns for the rows the file will probably hold, extrapolated from the rows per byte
     * so far plus 3%; a low guess costs one doubling later, a high one is trimmed by the final copy.
     */
    private void reserveEstimatedRows(long rowsSoFar) {
        long total = in.totalBytes();
        long read = in.bytesRead();
        if (total <= 0 || read <= 0 || rowsSoFar <= 0) {
            return;
        }
        double estimate = (double) rowsSoFar * total / read * 1.03;
        // A file whose first megabytes mislead (short rows first) must not reserve the heap away.
        if (estimate * columns * Double.BYTES > Runtime.getRuntime().maxMemory() / 4) {
            return;
        }
        builder.reserve((int) Math.min(estimate, Integer.MAX_VALUE - 16));
    }

    private boolean isBlankRecord() {
        return fieldCount == 1 && starts[fieldBase] == pos && lens[fieldBase] == 0;
    }

    /** Parses the next records into {@code batch}, after its records so far. */
    private void target(Batch batch) {
        target = batch;
        starts = batch.starts;
        lens = batch.lens;
        fieldBase = batch.count * columns;
        limitFields();
    }

    /**
     * Continues in {@code batch}'s buffer: the unparsed tail of the current one moves to its front.
     * {@code firstRow} is the table row of the batch's first record.
     */
    private void moveTailInto(Batch batch, long firstRow) {
        int tail = limit - pos;
        byte[] target = batch.data;
        int wanted = Math.max(buf.length, INITIAL_BUFFER);
        if (tail == buf.length) {
            // Not one record fits: check the limits on what is buffered so far, then grow.
            checkPartialRecord();
            if (buf.length > Integer.MAX_VALUE / 2 - 16) {
                throw new DataFormatException(in.name, line, 0, "a single record is longer than 1 GB; is a quote never closed?");
            }
            wanted = buf.length * 2;
        }
        if (target.length < wanted) {
            target = new byte[wanted];
        }
        System.arraycopy(buf, pos, target, 0, tail);
        batch.reset(target, firstRow);
        buf = target;
        pos = 0;
        limit = tail;
    }

    /** Reads at least {@link #MIN_FILL} bytes (or to the end of the input or of the buffer); returns how many were read. */
    private int readMore() throws IOException {
        int added = 0;
        while (added < MIN_FILL && limit < buf.length) {
            int n = in.stream.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                break;
            }
            limit += n;
            added += n;
        }
        return added;
    }

    /**
     * Appends the batch's records to the builder, column by column: on worker threads when
     * {@code async} (the caller {@link #await}s before touching the batch or the builder again), else
     * here and now.
     */
    private void run(Batch batch, boolean async) {
        if (batch.count == 0 || batch.submitted) {
            return;
        }
        batch.submitted = true;
        if (!async) {
            for (int k = 0; k < columns; k++) {
                appendColumn(batch, k);
            }
            throwFailure(batch);
            return;
        }
        if (workers == null) {
            int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            workers = new Workers(threads, "fairhunt-csv-columns");
            workerCount = threads;
        }
        // A few more tasks than threads balances columns of unequal cost; each column stays in one task.
        int tasks = Math.min(columns, 2 * workerCount);
        for (int t = 0; t < tasks; t++) {
            int first = t;
            batch.pending.add(workers.submit(() -> {
                for (int k = first; k < columns; k += tasks) {
                    appendColumn(batch, k);
                }
            }));
        }
    }

    private void appendColumn(Batch batch, int k) {
        try {
            builder.appendColumn(k, batch.data, batch.starts, batch.lens, k, columns, batch.count);
        } catch (UserInputException e) {
            // The column holds the values before the failing one; nothing more is appended, since the read fails.
            batch.fail((int) (builder.valueCount(k) - batch.firstRow), k, e.getMessage());
        }
    }

    /** Waits for the batch's column tasks and throws the first failure in file order. */
    private void await(Batch batch) {
        if (!batch.pending.isEmpty()) {
            workers.await(batch.pending, in.name + ": reading");
            batch.pending.clear();
        }
        throwFailure(batch);
    }

    private void throwFailure(Batch batch) {
        if (batch.failedRecord < 0) {
            return;
        }
        int r = batch.failedRecord;
        int k = batch.failedColumn;
        // The field's own line: the record's first line plus the line breaks before the field.
        long fieldLine = batch.recordLine[r];
        for (int i = batch.recordStart[r], end = batch.starts[r * columns + k]; i < end; i++) {
            if (batch.data[i] == '\n') {
                fieldLine++;
            }
        }
        throw new DataFormatException(in.name, fieldLine, k + 1, batch.failure);
    }

    /**
     * The complete records of one buffer as field offsets into it, to be appended column by column: the
     * start of field {@code k} of record {@code r} at {@code starts[r * columns + k]}, its length (or
     * {@code ~length} when quoted) at the same index of {@code lens}.
     */
    private final class Batch {
        byte[] data;
        int count;
        long firstRow;
        int[] starts = new int[0];
        int[] lens = new int[0];
        int[] recordStart = new int[0];
        long[] recordLine = new long[0];
        boolean submitted;
        final List<Future<Void>> pending = new ArrayList<>();
        int failedRecord = -1;
        int failedColumn;
        String failure;

        Batch(byte[] data) {
            this.data = data;
        }

        void reset(byte[] newData, long first) {
            data = newData;
            count = 0;
            firstRow = first;
            submitted = false;
            failedRecord = -1;
        }

        /** Makes room for {@code records} records of {@code fields} fields (at least one record's worth). */
        void reserveRecords(int records, int fields) {
            int n = Math.max(records * Math.max(fields, 1), 16);
            if (starts.length < n) {
                starts = Arrays.copyOf(starts, n);
                lens = Arrays.copyOf(lens, n);
            }
            if (recordStart.length < records) {
                recordStart = Arrays.copyOf(recordStart, records);
                recordLine = Arrays.copyOf(recordLine, records);
            }
        }

        /** Keeps the record just parsed into this batch, turning doubled quotes into single ones in place. */
        void commit() {
            if (anyEscaped) {
                int base = count * columns;
                for (int k = 0; k < columns; k++) {
                    if (escaped[k]) {
                        escaped[k] = false;
                        int s = starts[base + k];
                        lens[base + k] = ~unescape(s, s + ~lens[base + k]);
                    }
                }
                anyEscaped = false;
            }
            if (count == recordStart.length) {
                recordStart = Arrays.copyOf(recordStart, Math.max(1024, count * 2));
                recordLine = Arrays.copyOf(recordLine, Math.max(1024, count * 2));
            }
            recordStart[count] = pos;
            recordLine[count] = line;
            count++;
        }

        /** Keeps the earliest failure in file order (columns fail on different threads). */
        synchronized void fail(int record, int column, String message) {
            if (failedRecord < 0 || record < failedRecord || (record == failedRecord && column < failedColumn)) {
                failedRecord = record;
                failedColumn = column;
                failure = message;
            }
        }
    }

    private void advance() {
        pos = recordEnd;
        line += recordBreaks;
    }

    /**
     * Reads more input after the unconsumed bytes {@code buf[pos, limit)}, moving them to the front and
     * growing the buffer when they fill it. Returns false when the input has ended and nothing was added.
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            // Only the header is read through fill(): past its limit, stop before buffering more.
            if (limit - pos > limits.maxHeaderBytes()) {
                throw headerTooLong();
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        return readMore() > 0;
    }

    /** Counts the candidates outside quotes on the header line; the most frequent wins. */
    private byte sniffDelimiter() throws IOException {
        int[] counts = new int[SNIFFED.length];
        while (true) {
            Arrays.fill(counts, 0);
            boolean quoted = false;
            boolean lineEnded = false;
            for (int i = pos; i < limit; i++) {
                byte c = buf[i];
                if (c == QUOTE) {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    lineEnded = true;
                    break;
                } else if (!quoted) {
                    for (int k = 0; k < SNIFFED.length; k++) {
                        if (c == SNIFFED[k]) {
                            counts[k]++;
                        }
                    }
                }
            }
            if (lineEnded || eof) {
                break;
            }
            fill();
        }
        int best = -1;
        for (int k = 0; k < SNIFFED.length; k++) {
            boolean better = best < 0 ? counts[k] > 0
                    : counts[k] > counts[best] || (counts[k] == counts[best] && SNIFFED[k] == defaultDelimiter);
            if (better) {
                best = k;
            }
        }
        return best < 0 ? defaultDelimiter : SNIFFED[best];
    }

    private List<String> readHeader() throws IOException {
        while (!parseRecord()) {
            fill();
        }
        if (isBlankRecord()) {
            throw new DataFormatException(in.name, line, 0, "the first line is empty, expected a header row with the column names");
        }
        if (recordEnd - pos > limits.maxHeaderBytes()) {
            throw headerTooLong();
        }
        List<String> names = new ArrayList<>(fieldCount);
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < fieldCount; k++) {
            int s = starts[k];
            int len = lens[k];
            if (len < 0) {
                len = ~len;
                if (k < escaped.length && escaped[k]) {
                    escaped[k] = false;
                    len = unescape(s, s + len);
                }
            }
            String name;
            try {
                name = TableReaders.decodeUtf8(buf, s, len);
            } catch (UserInputException e) {
                throw new DataFormatException(in.name, line, k + 1, "header: " + e.getMessage());
            }
            if (name.isEmpty()) {
                throw new DataFormatException(in.name, line, k + 1, "column " + (k + 1)
                        + " of the header has an empty name; every column needs a name"
                        + (k == 0 ? " (R's write.csv leaves the row-names column unnamed: use row.names = FALSE)" : ""));
            }
            Integer earlier = seen.putIfAbsent(name, k + 1);
            if (earlier != null) {
                throw new DataFormatException(in.name, line, k + 1, "column name '" + name + "' appears twice in the header (columns "
                        + earlier + " and " + (k + 1) + ")");
            }
            names.add(name);
        }
        anyEscaped = false;
        advance();
        return names;
    }

    /**
     * Takes the complete plain records from {@code pos} on into {@code batch}, as {@link #parseRecord} and
     * {@link Batch#commit} would: records of exactly {@code columns} unquoted fields ended by LF. It reads
     * eight bytes at a time and marks every byte below the lowest plain byte (the delimiter, LF, CR and the
     * quote, and a few others such as the space, which are passed over), so a short field costs a few
     * operations instead of a loop. It stops before the first record that is anything else (a quote, a CR, a
     * blank line, a wrong number of fields, the last bytes of the buffer) or that the batch has no room for;
     * {@link #parseRecord} takes that one.
     */
    private void parsePlainRecords(Batch batch) {
        if (limit > maxFieldBytes) {
            return; // a field as long as the buffer would need the check on field length
        }
        final byte[] b = buf;
        final byte d = delimiter;
        final long below = belowStops;
        final int cols = columns;
        final int[] fs = batch.starts;
        final int[] fl = batch.lens;
        final int[] rs = batch.recordStart;
        final long[] rl = batch.recordLine;
        final int maxRecords = rs.length;
        final int maxFields = fs.length - cols;
        final int last = limit - Long.BYTES;
        int count = batch.count;
        int base = fieldBase;
        long ln = line;
        int recordStart = pos;
        int fieldStart = pos;
        int nf = 0;
        int p = pos;
        if (count >= maxRecords || base > maxFields) {
            return;
        }
        scan:
        while (p <= last) {
            long v = (long) LONGS.get(b, p);
            // The high bit of each byte below the lowest plain byte: exact, no carry crosses a byte.
            long hits = ~((v & ~HIGHS) + below) & ~v & HIGHS;
            while (hits != 0) {
                // The lowest mark's byte: (1 << 8k) times BYTE_INDEX has k in its top byte. (JDK 17's C1
                // does not make Long.numberOfTrailingZeros an instruction; it calls a loop.)
                long lowest = hits & -hits;
                int at = p + (int) (((lowest >>> 7) * BYTE_INDEX) >>> 56);
                hits ^= lowest;
                byte c = b[at];
                if (c == d) {
                    if (nf == cols - 1) {
                        break scan;
                    }
                    fs[base + nf] = fieldStart;
                    fl[base + nf] = at - fieldStart;
                    nf++;
                    fieldStart = at + 1;
                } else if (c == '\n') {
                    if (nf != cols - 1 || at == recordStart) {
                        break scan;
                    }
                    fs[base + nf] = fieldStart;
                    fl[base + nf] = at - fieldStart;
                    rs[count] = recordStart;
                    rl[count] = ln;
                    count++;
                    ln++;
                    base += cols;
                    nf = 0;
                    recordStart = at + 1;
                    fieldStart = recordStart;
                    if (count >= maxRecords || base > maxFields) {
                        break scan;
                    }
                } else if (c == '\r' || c == QUOTE) {
                    break scan;
                }
            }
            p += Long.BYTES;
        }
        batch.count = count;
        pos = recordStart;
        line = ln;
        fieldBase = base;
        limitFields();
    }

    /**
     * Splits the record starting at {@code pos} into fields. Returns false if the buffer ends before
     * the record does and more input may follow.
     */
    private boolean parseRecord() {
        final byte[] b = buf;
        final int lim = limit;
        final byte d = delimiter;
        final boolean[] stops = stop;
        final int highestStop = Math.max(d, '\r');
        int i = pos;
        int nf = 0;
        int breaks = 0;
        while (true) {
            if (fieldBase + nf >= fieldLimit) {
                growFields(nf);
            }
            if (i >= lim) {
                if (!eof) {
                    return false;
                }
                // The input ends right after a delimiter: the last field is empty.
                setField(nf++, i, i);
                return finishRecord(nf, i, breaks, false);
            }
            if (b[i] == QUOTE) {
                int quoteBreaks = breaks;
                int q = i + 1;
                boolean esc = false;
                while (true) {
                    if (q >= lim) {
                        if (!eof) {
                            return false;
                        }
                        throw new DataFormatException(in.name, line + quoteBreaks, nf + 1, "quote opened at line "
                                + (line + quoteBreaks) + ", column " + (nf + 1) + " is never closed");
                    }
                    byte c = b[q];
                    if (c == QUOTE) {
                        if (q + 1 >= lim && !eof) {
                            return false;
                        }
                        if (q + 1 < lim && b[q + 1] == QUOTE) {
                            esc = true;
                            q += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') {
                        breaks++;
                    }
                    q++;
                }
                setQuotedField(nf++, i + 1, q, esc);
                i = q + 1;
                if (i >= lim) {
                    if (!eof) {
                        return false;
                    }
                    return finishRecord(nf, i, breaks, false);
                }
                byte c = b[i];
                if (c == d) {
                    i++;
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    return endOfLine(nf, i, breaks);
                }
                throw new DataFormatException(in.name, line + breaks, nf, "unexpected character '"
                        + ReadOptions.printable((char) (c & 0xff)) + "' after the closing quote of column " + nf
                        + "; expected the delimiter '" + ReadOptions.printable((char) d)
                        + "' or the end of the line (a quote inside a quoted field is written as two quotes)");
            }
            int j = i;
            // Byte by byte: most bytes of most files (digits, letters, '.', '-') lie above every stop byte.
            while (j < lim) {
                byte c = b[j];
                if (c <= highestStop && stops[c & 0xff]) {
                    break;
                }
                j++;
            }
            if (j >= lim) {
                if (!eof) {
                    return false;
                }
                setField(nf++, i, j);
                return finishRecord(nf, j, breaks, false);
            }
            setField(nf++, i, j);
            if (b[j] == d) {
                i = j + 1;
                continue;
            }
            return endOfLine(nf, j, breaks);
        }
    }

    /**
     * Refuses a record that does not fit the buffer once it breaks a limit: more columns, a longer field or
     * a longer record than allowed. Runs only when the buffer would double, so its scan is amortized.
     */
    private void checkPartialRecord() {
        long lines = 0;
        int fields = 1;
        int fieldStart = pos;
        boolean inQuotes = false;
        for (int i = pos; i < limit; i++) {
            byte c = buf[i];
            if (c == QUOTE) {
                inQuotes = !inQuotes;
            } else if (c == '\n') {
                lines++;
            } else if (c == delimiter && !inQuotes) {
                if (i - fieldStart > limits.maxFieldBytes()) {
                    throw fieldTooLong(line, fields);
                }
                if (++fields > limits.maxColumns()) {
                    throw tooManyColumns(line);
                }
                fieldStart = i + 1;
            }
        }
        if (limit - fieldStart > limits.maxFieldBytes()) {
            throw fieldTooLong(line, fields);
        }
        if (limit - pos > limits.maxRecordBytes()) {
            throw new DataFormatException(in.name, line, 0, "the record starting here is longer than "
                    + ReadLimits.describe(limits.maxRecordBytes()) + " (" + lines + " line breaks so far), the limit; "
                    + "is a quote never closed? (raise the limit with --max-record-size)");
        }
    }

    private DataFormatException fieldTooLong(long atLine, int column) {
        return new DataFormatException(in.name, atLine, column, "field " + column + " is longer than "
                + ReadLimits.describe(limits.maxFieldBytes()) + ", the limit; is a quote never closed? "
                + "(raise the limit with --max-field-size)");
    }

    private DataFormatException tooManyColumns(long atLine) {
        return new DataFormatException(in.name, atLine, limits.maxColumns() + 1, (atLine == 1 ? "the header" : "the record")
                + " has more than " + limits.maxColumns() + " columns, the limit (raise it with --max-columns)");
    }

    private DataFormatException headerTooLong() {
        return new DataFormatException(in.name, 1, 0, "the header line is longer than "
                + ReadLimits.describe(limits.maxHeaderBytes()) + ", the limit (raise it with --max-header-size)");
    }

    /** The record ends at the line break at {@code i} (LF, CRLF or a lone CR). */
    private boolean endOfLine(int nf, int i, int breaks) {
        if (buf[i] == '\r') {
            if (i + 1 >= limit && !eof) {
                return false;
            }
            int end = i + 1 < limit && buf[i + 1] == '\n' ? i + 2 : i + 1;
            return finishRecord(nf, end, breaks + 1, true);
        }
        return finishRecord(nf, i + 1, breaks + 1, true);
    }

    private boolean finishRecord(int nf, int end, int breaks, boolean terminated) {
        fieldCount = nf;
        recordEnd = end;
        recordBreaks = breaks;
        recordTerminated = terminated;
        return true;
    }

    private void setField(int k, int start, int end) {
        if (end - start > maxFieldBytes) {
            throw fieldTooLong(line, k + 1);
        }
        starts[fieldBase + k] = start;
        lens[fieldBase + k] = end - start;
    }

    private void setQuotedField(int k, int start, int end, boolean esc) {
        if (end - start > maxFieldBytes) {
            throw fieldTooLong(line, k + 1);
        }
        starts[fieldBase + k] = start;
        lens[fieldBase + k] = ~(end - start);
        if (esc) {
            if (k >= escaped.length) {
                escaped = Arrays.copyOf(escaped, Math.max(escaped.length * 2, k + 1));
            }
            escaped[k] = true;
            anyEscaped = true;
        }
    }

    /** Makes room for field {@code k} of the record, unless the record has more columns than allowed. */
    private void growFields(int k) {
        if (k >= limits.maxColumns()) {
            throw tooManyColumns(line);
        }
        int n = (int) Math.min(Math.max(starts.length * 2L, fieldBase + k + 1L), Integer.MAX_VALUE - 16);
        starts = Arrays.copyOf(starts, n);
        lens = Arrays.copyOf(lens, n);
        target.starts = starts;
        target.lens = lens;
        limitFields();
    }

    /** Turns each doubled quote in {@code buf[start, end)} into one, in place; returns the new length. */
    private int unescape(int start, int end) {
        int w = start;
        for (int r = start; r < end; r++) {
            byte c = buf[r];
            buf[w++] = c;
            if (c == QUOTE) {
                r++;
            }
        }
        return w - start;
    }

    private DataFormatException ragged(int columns) {
        long lastLine = line + recordBreaks - (recordTerminated ? 1 : 0);
        String where = lastLine > line ? "the record on lines " + line + "-" + lastLine : "line " + line;
        int column = fieldCount > columns ? columns + 1 : fieldCount + 1;
        return new DataFormatException(in.name, line, column, where + " has " + fieldCount
                + (fieldCount == 1 ? " field" : " fields") + ", the header has " + columns
                + (fieldCount == 1 && columns > 1 ? " (is the delimiter '" + ReadOptions.printable((char) delimiter) + "' right?)" : ""));
    }
}

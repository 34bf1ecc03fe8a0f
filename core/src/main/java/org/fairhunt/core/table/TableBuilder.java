package org.fairhunt.core.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairhunt.core.UserInputException;

/**
 * Builds a {@link Table} from streamed rows of text fields and infers each column's type on the way:
 * a column whose every present value is a plain number ({@link Columns#looksNumeric}) becomes
 * {@link NumericColumn}, any other becomes {@link CategoricalColumn}, unless a hint says otherwise.
 * Each column keeps a dictionary of distinct values rather than the text of each cell, so memory
 * grows with the number of distinct values, not with the file.
 *
 * <p>A numeric column with more than {@value #MAX_NUMERIC_DICTIONARY} distinct values drops its
 * dictionary and keeps only doubles. Should such a column later meet a value that is not a number,
 * it becomes categorical again and its earlier values are re-encoded from the doubles, so their
 * levels read as {@link NumericColumn#format} prints them ({@code "1.50"} becomes {@code "1.5"}).
 *
 * <p>Readers of bytes use {@link #set(int, byte[], int, int)}, or {@link #append} to fill columns
 * in parallel: a per-column hash of the raw UTF-8 bytes finds the code of a value seen before without
 * building a {@code String}, and a column that dropped its dictionary parses doubles straight from
 * the bytes.
 *
 * <p>A column hinted {@link ColumnType#NUMERIC} refuses a value that is not a number with a
 * {@link UserInputException} (rather than silently storing {@code NaN}); readers catch it and add
 * the line and column. Not thread-safe.
 */
public final class TableBuilder {
    /** Values that mean "missing" in delimited text files. */
    public static final Set<String> DEFAULT_MISSING = Set.of("", "NA");
    static final int MAX_NUMERIC_DICTIONARY = 1 << 16;

    private final String source;
    private final List<String> names;
    private final Map<String, ColumnType> hints;
    private final List<ColumnBuilder> builders;
    private final Set<String> missingTokens;
    private final byte[][] missingBytes;
    private final boolean emptyIsMissing;
    private final int maxMissingLength;
    private int rows;

    /**
     * @param source        file name for messages
     * @param names         column names in order
     * @param hints         forced types by column name (absent: inferred)
     * @param missingTokens field values that mean missing
     */
    public TableBuilder(String source, List<String> names, Map<String, ColumnType> hints, Set<String> missingTokens) {
        this.source = source;
        this.names = new ArrayList<>(names);
        this.hints = Map.copyOf(hints);
        this.missingTokens = Set.copyOf(missingTokens);
        this.builders = new ArrayList<>(names.size());
        for (String name : names) {
            builders.add(new ColumnBuilder(name, this.hints.get(name)));
        }
        List<byte[]> nonEmpty = new ArrayList<>();
        int maxLen = 0;
        for (String token : this.missingTokens) {
            if (!token.isEmpty()) {
                byte[] b = token.getBytes(StandardCharsets.UTF_8);
                nonEmpty.add(b);
                maxLen = Math.max(maxLen, b.length);
            }
        }
        this.missingBytes = nonEmpty.toArray(new byte[0][]);
        this.emptyIsMissing = this.missingTokens.contains("");
        this.maxMissingLength = maxLen;
    }

    public TableBuilder(String source, List<String> names) {
        this(source, names, Map.of(), DEFAULT_MISSING);
    }

    /**
     * Declares the levels of a categorical column up front (ARFF nominal attributes), so that their
     * order is the declared one and unused levels still exist. Call before the first row.
     */
    public void declareLevels(int column, List<String> levels) {
        ColumnBuilder b = builders.get(column);
        if (b.texts != null) {
            throw new IllegalStateException("column " + b.name + " holds text; it has no levels to declare");
        }
        b.forced = ColumnType.CATEGORICAL;
        b.becomeCategorical();
        b.declared = true;
        for (String level : levels) {
            b.codeOf(level);
        }
    }

    /**
     * Adds a column after rows have started (JSON Lines, where a key may first appear on any line);
     * it is missing in every row so far. Its type hint, if any, comes from the constructor's map.
     *
     * @return the new column's index
     */
    public int addColumn(String name) {
        if (names.contains(name)) {
            throw new IllegalArgumentException("duplicate column name: " + name);
        }
        ColumnBuilder b = new ColumnBuilder(name, hints.get(name));
        for (int i = 0; i < rows; i++) {
            b.appendMissing();
        }
        names.add(name);
        builders.add(b);
        return builders.size() - 1;
    }

    public List<String> names() {
        return List.copyOf(names);
    }

    public int columnCount() {
        return builders.size();
    }

    public int rowCount() {
        return rows;
    }

    /** Starts a new row; every column is missing until {@link #set} gives it a value. */
    public void startRow() {
        for (int i = 0, n = builders.size(); i < n; i++) {
            builders.get(i).appendMissing();
        }
        rows++;
    }

    /**
     * Sets column {@code column} of the current row; a missing token or {@code null} leaves it missing.
     *
     * @throws UserInputException if the column is hinted numeric and {@code value} is not a number
     */
    public void set(int column, String value) {
        if (value == null || missingTokens.contains(value)) {
            return;
        }
        builders.get(column).setLast(value);
    }

    /**
     * Sets column {@code column} of the current row from UTF-8 bytes, equivalent to
     * {@code set(column, new String(buf, off, len, UTF_8))} but without building a string for a value
     * the column has seen before.
     *
     * @throws UserInputException if the bytes are not valid UTF-8, or the column is hinted numeric and
     *                            the value is not a number
     */
    public void set(int column, byte[] buf, int off, int len) {
        if (len == 0) {
            if (emptyIsMissing) {
                return;
            }
        } else if (len <= maxMissingLength && isMissingToken(buf, off, len)) {
            return;
        }
        builders.get(column).setLast(buf, off, len);
    }

    /**
     * Appends one value to one column, for readers that fill columns in parallel: several threads may
     * append at once as long as each column is filled by one thread at a time (and the hand-over
     * between threads is synchronized). Equivalent to the column's share of {@link #startRow()}
     * followed by {@link #set(int, byte[], int, int)}, except that a {@code quoted} value is data even
     * when it spells a missing token (R's {@code write.csv} writes a missing value as {@code NA} and the
     * text "NA" as {@code "NA"}); an empty value is missing either way, since no writer means an empty
     * category by it. Once every column has received {@code n} more values, call
     * {@link #addRows(int) addRows(n)}.
     */
    public void append(int column, byte[] buf, int off, int len, boolean quoted) {
        append(builders.get(column), buf, off, len, quoted);
    }

    private void append(ColumnBuilder b, byte[] buf, int off, int len, boolean quoted) {
        b.appendMissing();
        if (len == 0 ? quoted || emptyIsMissing : !quoted && len <= maxMissingLength && isMissingToken(buf, off, len)) {
            return;
        }
        b.setLast(buf, off, len);
    }

    /**
     * Appends {@code count} values to one column from a reader's table of field offsets, equivalent to
     * {@code count} calls of {@link #append}: value {@code i} is the {@code lens[f]} bytes of {@code data} from
     * {@code starts[f]}, where {@code f = first + i * stride}, and a negative length {@code ~n} marks a quoted
     * field of {@code n} bytes. The same threading rules as {@link #append} apply.
     *
     * <p>A value the column has seen before, unquoted and at most {@value ColumnBuilder#FAST_KEY_BYTES}
     * bytes long, is found in the column's table of short keys (its bytes read as two longs, compared whole)
     * without a call; anything else takes {@link #append}'s path.
     *
     * @throws UserInputException as {@link #append} does; the column then holds the values before the
     *                            failing one, so {@link #valueCount} tells which value failed
     */
    public void appendColumn(int column, byte[] data, int[] starts, int[] lens, int first, int stride, int count) {
        ColumnBuilder b = builders.get(column);
        b.ensureRoom(count);
        int f = first;
        int i = 0;
        while (i < count) {
            ByteDictionary dictionary = b.byteCodes;
            if (dictionary != null) {
                // The column is dictionary-encoded: known short values go straight to their code.
                int[] codes = b.codes;
                int size = b.size;
                long[] keys = dictionary.fastKeys;
                int[] fastLens = dictionary.fastLens;
                int[] fastCodes = dictionary.fastCodes;
                int mask = fastLens.length - 1;
                int limit = data.length - Long.BYTES;
                for (; i < count; i++, f += stride) {
                    int s = starts[f];
                    int len = lens[f];
                    if (len <= 0 || len > ColumnBuilder.FAST_KEY_BYTES || s > limit) {
                        break;
                    }
                    long k1;
                    long k2;
                    if (len < Long.BYTES) {
                        k1 = (long) ByteDictionary.LONGS.get(data, s) & (-1L >>> (64 - 8 * len));
                        k2 = 0;
                    } else {
                        k1 = (long) ByteDictionary.LONGS.get(data, s);
                        k2 = (long) ByteDictionary.LONGS.get(data, s + len - Long.BYTES);
                    }
                    int slot = ByteDictionary.fastSlot(k1, k2, mask);
                    int code = -1;
                    while (true) {
                        int l = fastLens[slot];
                        if (l == len && keys[2 * slot] == k1 && keys[2 * slot + 1] == k2) {
                            code = fastCodes[slot];
                            break;
                        }
                        if (l == 0) {
                            break;
                        }
                        slot = (slot + 1) & mask;
                    }
                    if (code < 0) {
                        break;
                    }
                    codes[size++] = code;
                }
                b.size = size;
                if (i == count) {
                    break;
                }
            }
            // Anything else (a new value, a quoted, empty or long one, a column without dictionary) one by one.
            int s = starts[f];
            int len = lens[f];
            boolean quoted = len < 0;
            if (quoted) {
                len = ~len;
            }
            try {
                append(b, data, s, len, quoted);
            } catch (UserInputException e) {
                b.size--;
                throw e;
            }
            if (!quoted && len > 0 && len <= ColumnBuilder.FAST_KEY_BYTES && b.byteCodes != null) {
                // An unquoted value that was not missing is never a missing token: known from now on.
                int code = b.codes[b.size - 1];
                if (code != CategoricalColumn.MISSING && s <= data.length - Long.BYTES) {
                    b.byteCodes.putFast(data, s, len, code);
                }
            }
            i++;
            f += stride;
        }
    }

    /** The values given to {@code column} so far: its rows, plus those {@link #addRows} has yet to count. */
    public int valueCount(int column) {
        return builders.get(column).size;
    }

    /**
     * Makes room for {@code expectedRows} rows in every column at once, a hint from a reader that can
     * estimate the row count (from the file size): it saves the copies of repeated doubling. Not
     * thread-safe with {@link #append}.
     */
    public void reserve(int expectedRows) {
        for (ColumnBuilder b : builders) {
            b.reserve(expectedRows);
        }
    }

    /** Counts {@code n} rows whose values were given column by column with {@link #append}. */
    public void addRows(int n) {
        rows += n;
    }

    private boolean isMissingToken(byte[] buf, int off, int len) {
        for (byte[] token : missingBytes) {
            if (token.length == len && Arrays.equals(token, 0, len, buf, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    /** Appends a whole row of fields; {@code fields.length} must equal the column count. */
    public void addRow(String[] fields) {
        if (fields.length != builders.size()) {
            throw new IllegalArgumentException("row has " + fields.length + " fields, table has " + builders.size() + " columns");
        }
        startRow();
        for (int i = 0; i < fields.length; i++) {
            set(i, fields[i]);
        }
    }

    public Table build() {
        List<Column> cols = new ArrayList<>(builders.size());
        for (ColumnBuilder b : builders) {
            if (b.size != rows) {
                throw new IllegalStateException("column " + b.name + " has " + b.size + " values for " + rows + " rows");
            }
            cols.add(b.build(rows));
        }
        return new Table(source, cols);
    }

    /** Decodes strict UTF-8: malformed bytes are a user error, not silently replaced. */
    static String decodeUtf8(byte[] buf, int off, int len, String column) {
        boolean ascii = true;
        for (int i = off, end = off + len; i < end; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, off, len, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(buf, off, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new UserInputException("the value in column '" + column + "' is not valid UTF-8 (bytes "
                    + hexPreview(buf, off, len) + "); save the file as UTF-8");
        }
    }

    private static String hexPreview(byte[] buf, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(len, 16); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", buf[off + i] & 0xff));
        }
        return len > 16 ? sb.append(" ...").toString() : sb.toString();
    }

    /**
     * One column in one of three states: text ({@code texts}), dictionary ({@code codes} into
     * {@code levels}, with {@code levelNumbers} while every level is a number), or plain doubles
     * ({@code numbers}, after a numeric column outgrew its dictionary).
     */
    private static final class ColumnBuilder {
        final String name;
        ColumnType forced;
        /** Levels declared by the file (ARFF): their order is kept, not sorted. */
        boolean declared;
        String[] texts;
        int[] codes;
        double[] numbers;
        int size;
        int capacity = 1024;
        boolean numericCandidate = true;
        final Map<String, Integer> dictionary = new HashMap<>();
        final List<String> levels = new ArrayList<>();
        double[] levelNumbers = new double[64];
        ByteDictionary byteCodes = new ByteDictionary();
        /** Whether a row's code was replaced: until then every level is held by a row and numbered by its first row. */
        boolean replaced;

        ColumnBuilder(String name, ColumnType forced) {
            this.name = name;
            this.forced = forced;
            if (forced == ColumnType.TEXT) {
                texts = new String[capacity];
                byteCodes = null;
                becomeCategorical();
            } else {
                codes = new int[capacity];
                if (forced == ColumnType.CATEGORICAL) {
                    becomeCategorical();
                }
            }
        }

        /** Values of at most this many bytes are found in {@link ByteDictionary}'s table of short keys. */
        static final int FAST_KEY_BYTES = 16;

        /** Makes room for {@code n} more values, growing by doubling as {@link #appendMissing} does. */
        void ensureRoom(int n) {
            if (size + n > capacity) {
                reserve((int) Math.min(Math.max(2L * capacity, (long) size + n), Integer.MAX_VALUE - 16));
            }
        }

        void appendMissing() {
            if (size == capacity) {
                reserve(capacity * 2);
            }
            if (codes != null) {
                codes[size] = CategoricalColumn.MISSING;
            } else if (numbers != null) {
                numbers[size] = Double.NaN;
            }
            size++;
        }

        void reserve(int expected) {
            if (expected <= capacity) {
                return;
            }
            capacity = expected;
            if (codes != null) {
                codes = Arrays.copyOf(codes, capacity);
            }
            if (numbers != null) {
                numbers = Arrays.copyOf(numbers, capacity);
            }
            if (texts != null) {
                texts = Arrays.copyOf(texts, capacity);
            }
        }

        /** The code of {@code value}, adding it to the dictionary (and maybe leaving numeric) if new. */
        int codeOf(String value) {
            Integer code = dictionary.get(value);
            if (code != null) {
                return code;
            }
            return add(value, numericCandidate && Columns.looksNumeric(value) ? Columns.parseNumber(value) : Double.NaN);
        }

        /**
         * The code of a new value read as bytes: {@link ByteNumbers} accepts exactly what {@link Columns#looksNumeric}
         * does and gives what {@link Columns#parseNumber} gives, so the text is not scanned and parsed again (a
         * score column meets thousands of new values; the JDK's parser is a large method to compile, or to interpret).
         */
        int codeOf(String value, byte[] buf, int off, int len) {
            Integer code = dictionary.get(value);
            if (code != null) {
                return code;
            }
            return add(value, numericCandidate ? ByteNumbers.parse(buf, off, len) : Double.NaN);
        }

        /** Adds a value the dictionary lacks; {@code number} is its value if it is a number, else NaN. */
        private int add(String value, double number) {
            if (numericCandidate) {
                if (!Double.isNaN(number)) {
                    int next = levels.size();
                    if (next == levelNumbers.length) {
                        levelNumbers = Arrays.copyOf(levelNumbers, next * 2);
                    }
                    levelNumbers[next] = number;
                } else if (forced == ColumnType.NUMERIC) {
                    throw notANumber(value);
                } else {
                    becomeCategorical();
                }
            }
            int next = levels.size();
            dictionary.put(value, next);
            levels.add(value);
            return next;
        }

        UserInputException notANumber(String value) {
            return new UserInputException("'" + value + "' is not a number, but column '" + name + "' must be numeric");
        }

        void setLast(String value) {
            int row = size - 1;
            if (texts != null) {
                texts[row] = value;
                return;
            }
            noteReplacement(row);
            if (codes == null) {
                if (Columns.looksNumeric(value)) {
                    numbers[row] = Columns.parseNumber(value);
                    return;
                }
                if (forced == ColumnType.NUMERIC) {
                    throw notANumber(value);
                }
                restoreDictionary();
            }
            codes[row] = codeOf(value);
            dropDictionaryIfTooLarge();
        }

        void setLast(byte[] buf, int off, int len) {
            int row = size - 1;
            if (texts != null) {
                texts[row] = decodeUtf8(buf, off, len, name);
                return;
            }
            noteReplacement(row);
            if (codes == null) {
                double v = ByteNumbers.parse(buf, off, len);
                if (!Double.isNaN(v)) {
                    numbers[row] = v;
                    return;
                }
                setLast(decodeUtf8(buf, off, len, name));
                return;
            }
            int code = byteCodes.find(buf, off, len);
            if (code < 0) {
                code = codeOf(decodeUtf8(buf, off, len, name), buf, off, len);
                byteCodes.put(buf, off, len, code);
                codes[row] = code;
                dropDictionaryIfTooLarge();
            } else {
                codes[row] = code;
            }
        }

        /** A row given a second value (a repeated key of a JSON line) may leave a level that no row holds. */
        private void noteReplacement(int row) {
            if (codes != null && codes[row] != CategoricalColumn.MISSING) {
                replaced = true;
            }
        }

        void becomeCategorical() {
            numericCandidate = false;
            levelNumbers = null;
        }

        private void dropDictionaryIfTooLarge() {
            if (numericCandidate && forced != ColumnType.CATEGORICAL && levels.size() > MAX_NUMERIC_DICTIONARY) {
                numbers = new double[capacity];
                for (int i = 0; i < size; i++) {
                    int c = codes[i];
                    numbers[i] = c == CategoricalColumn.MISSING ? Double.NaN : levelNumbers[c];
                }
                codes = null;
                dictionary.clear();
                levels.clear();
                levelNumbers = null;
                byteCodes = null;
            }
        }

        /** A column that dropped its dictionary met text: encode its numbers as levels again. */
        private void restoreDictionary() {
            double[] nums = numbers;
            numbers = null;
            becomeCategorical();
            codes = new int[capacity];
            byteCodes = new ByteDictionary();
            for (int i = 0; i < size; i++) {
                codes[i] = Double.isNaN(nums[i]) ? CategoricalColumn.MISSING : codeOf(NumericColumn.format(nums[i]));
            }
        }

        Column build(int rows) {
            if (texts != null) {
                return new TextColumn(name, Arrays.copyOf(texts, rows));
            }
            if (codes == null) {
                return new NumericColumn(name, Arrays.copyOf(numbers, rows));
            }
            if (numericCandidate && (!levels.isEmpty() || forced == ColumnType.NUMERIC)) {
                // The codes stay: the doubles are made on first use, and a 0/1 label read as categories never needs them.
                return NumericColumn.coded(name, Arrays.copyOf(codes, rows), Arrays.copyOf(levelNumbers, levels.size()), !replaced);
            }
            return declared ? new CategoricalColumn(name, Arrays.copyOf(codes, rows), levels)
                    : CategoricalColumn.naturallyOrderedCopy(name, codes, rows, levels);
        }
    }

    /**
     * Open-addressing hash from a value's raw bytes to its dictionary code. Keys live back to back in
     * one byte pool, so a lookup touches the slot table, one int per entry and the key bytes.
     */
    static final class ByteDictionary {
        // Per entry, four ints side by side (hash, pool offset, length, code): one cache line per probe.
        private static final int STRIDE = 4;
        static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long MIX = 0x9E3779B97F4A7C15L;
        /** Beyond this many short keys (an identifier column), the others are found by {@link #find} only. */
        private static final int MAX_FAST_ENTRIES = 1 << 16;
        /**
         * The short keys (1 to {@value ColumnBuilder#FAST_KEY_BYTES} bytes) of values that are not missing
         * tokens, open addressing: per slot the value's first and last eight bytes (the first only, masked,
         * when shorter than eight; the two overlap between 9 and 15), its length (0: free slot) and its code.
         * The bytes and the length identify the value, so a hit needs no comparison of bytes.
         */
        long[] fastKeys = new long[2 * 16];
        int[] fastLens = new int[16];
        int[] fastCodes = new int[16];
        private int fastEntries;
        private int[] slots = new int[64];
        private int[] entryData = new int[32 * STRIDE];
        private byte[] pool = new byte[512];
        private int poolSize;
        private int entries;

        int find(byte[] buf, int off, int len) {
            int h = hash(buf, off, len);
            int mask = slots.length - 1;
            int[] data = entryData;
            for (int s = h & mask; ; s = (s + 1) & mask) {
                int e = slots[s] - 1;
                if (e < 0) {
                    return -1;
                }
                int base = e * STRIDE;
                if (data[base] == h && data[base + 2] == len && sameBytes(pool, data[base + 1], buf, off, len)) {
                    return data[base + 3];
                }
            }
        }

        /** Compares eight bytes at a time; the many short values compare in one or two steps. */
        static boolean sameBytes(byte[] a, int aOff, byte[] b, int bOff, int len) {
            if (len >= 8) {
                int i = 0;
                for (; i + 8 < len; i += 8) {
                    if ((long) LONGS.get(a, aOff + i) != (long) LONGS.get(b, bOff + i)) {
                        return false;
                    }
                }
                // The last eight bytes, overlapping the previous word when len is not a multiple of 8.
                return (long) LONGS.get(a, aOff + len - 8) == (long) LONGS.get(b, bOff + len - 8);
            }
            if (aOff + 8 <= a.length && bOff + 8 <= b.length) {
                return (((long) LONGS.get(a, aOff) ^ (long) LONGS.get(b, bOff)) & lowBytes(len)) == 0;
            }
            for (int i = 0; i < len; i++) {
                if (a[aOff + i] != b[bOff + i]) {
                    return false;
                }
            }
            return true;
        }

        /** A mask of the {@code len} (0 to 7) lowest bytes, which a little-endian read puts first. */
        private static long lowBytes(int len) {
            return len == 0 ? 0 : -1L >>> (64 - 8 * len);
        }

        static int fastSlot(long k1, long k2, int mask) {
            return (int) ((((k1 * MIX) ^ k2) * MIX) >>> 40) & mask;
        }

        /**
         * Adds a value of 1 to {@value ColumnBuilder#FAST_KEY_BYTES} bytes, known not to be a missing token,
         * to the short keys; {@code buf} holds at least eight bytes from {@code off}.
         */
        void putFast(byte[] buf, int off, int len, int code) {
            if (fastEntries >= MAX_FAST_ENTRIES) {
                return;
            }
            long k1;
            long k2;
            if (len < Long.BYTES) {
                k1 = (long) LONGS.get(buf, off) & lowBytes(len);
                k2 = 0;
            } else {
                k1 = (long) LONGS.get(buf, off);
                k2 = (long) LONGS.get(buf, off + len - Long.BYTES);
            }
            int mask = fastLens.length - 1;
            int slot = fastSlot(k1, k2, mask);
            while (fastLens[slot] != 0) {
                if (fastLens[slot] == len && fastKeys[2 * slot] == k1 && fastKeys[2 * slot + 1] == k2) {
                    return;
                }
                slot = (slot + 1) & mask;
            }
            fastKeys[2 * slot] = k1;
            fastKeys[2 * slot + 1] = k2;
            fastLens[slot] = len;
            fastCodes[slot] = code;
            if (++fastEntries * 2 > fastLens.length) {
                growFast();
            }
        }

        private void growFast() {
            long[] keys = fastKeys;
            int[] lens = fastLens;
            int[] codes = fastCodes;
            fastKeys = new long[keys.length * 2];
            fastLens = new int[lens.length * 2];
            fastCodes = new int[codes.length * 2];
            int mask = fastLens.length - 1;
            for (int i = 0; i < lens.length; i++) {
                if (lens[i] != 0) {
                    int slot = fastSlot(keys[2 * i], keys[2 * i + 1], mask);
                    while (fastLens[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    fastKeys[2 * slot] = keys[2 * i];
                    fastKeys[2 * slot + 1] = keys[2 * i + 1];
                    fastLens[slot] = lens[i];
                    fastCodes[slot] = codes[i];
                }
            }
        }

        void put(byte[] buf, int off, int len, int code) {
            if ((entries + 1) * STRIDE > entryData.length) {
                entryData = Arrays.copyOf(entryData, entryData.length * 2);
            }
            if (poolSize + len + 8 > pool.length) {
                // Eight bytes of slack let a short key be read as one long.
                pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len + 8));
            }
            System.arraycopy(buf, off, pool, poolSize, len);
            int e = entries++;
            int base = e * STRIDE;
            entryData[base] = hash(buf, off, len);
            entryData[base + 1] = poolSize;
            entryData[base + 2] = len;
            entryData[base + 3] = code;
            poolSize += len;
            if (entries * 2 > slots.length) {
                slots = new int[slots.length * 2];
                for (int i = 0; i < entries; i++) {
                    insertSlot(i);
                }
            } else {
                insertSlot(e);
            }
        }

        private void insertSlot(int e) {
            int mask = slots.length - 1;
            int s = entryData[e * STRIDE] & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = e + 1;
        }

        /** Hashes eight bytes at a time; the final multiply's high half is well mixed, so it is the result. */
        static int hash(byte[] buf, int off, int len) {
            long h = len;
            if (len >= 8) {
                for (int i = 0; i + 8 < len; i += 8) {
                    h = (h ^ (long) LONGS.get(buf, off + i)) * MIX;
                }
                h = (h ^ (long) LONGS.get(buf, off + len - 8)) * MIX;
            } else if (off + 8 <= buf.length) {
                h = (h ^ ((long) LONGS.get(buf, off) & lowBytes(len))) * MIX;
            } else {
                long v = 0;
                for (int i = len - 1; i >= 0; i--) {
                    v = (v << 8) | (buf[off + i] & 0xff);
                }
                h = (h ^ v) * MIX;
            }
            return (int) (h >>> 32);
        }
    }
}

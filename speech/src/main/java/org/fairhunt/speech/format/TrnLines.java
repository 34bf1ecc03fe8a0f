package org.fairhunt.speech.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fairhunt.core.DataFormatException;

/**
 * The utterances of one trn file in parallel arrays, in file order: id, text (as {@link TrnFormat} reads it), line,
 * and whether the line was plain (printable ASCII, single spaces). A plain line's text is kept as a range of one byte
 * array (its ASCII bytes, copied once from the read buffer), not a String: bulk scoring splits and looks up its words
 * from those bytes, and a String is made only when something asks for the text. Ids are indexed (open addressing over
 * the ids' cached hashes, no boxing), which finds a repeated id as the lines are added and serves the join of the
 * two files.
 */
public final class TrnLines {
    private final String source;
    long lineCount; // lines read so far, blank ones included: the scan's line numbers
    private int size;
    private String[] ids = new String[1024];
    private String[] texts = new String[1024]; // null for a plain line: its text is bytes[textStarts[k], textEnds[k])
    private int[] textStarts = new int[1024];
    private int[] textEnds = new int[1024];
    private byte[] bytes;
    private int byteCount;
    private long[] lines = new long[1024];
    private boolean[] plain = new boolean[1024];
    private boolean[] markup = new boolean[1024];
    private int[] idColumns = new int[1024];
    private int[] idStarts = new int[1024]; // a plain line's id in bytes, else -1
    // Open addressing, two ints per slot: 1 + the position of an id (0 for a free slot), then its spread hash, which
    // settles most mismatches without reading the other id (a String elsewhere in the heap).
    private int[] index = new int[2 * 2048];

    // The reference whose ids this file's ids have followed in order so far, or null: while they do, they are distinct
    // (the reference's are), so they are neither indexed nor made again as Strings (the reference's are shared).
    private final TrnLines follows;
    private boolean inOrder;

    TrnLines(String source, int expected, long expectedBytes, TrnLines follows) {
        this.source = source;
        this.follows = follows;
        this.inOrder = follows != null;
        bytes = new byte[(int) Math.max(1024, Math.min(Integer.MAX_VALUE - 8, expectedBytes))];
        if (expected > ids.length) {
            grow(expected);
        }
    }

    /**
     * Adds a plain line's utterance, its text being {@code from[start, end)}; {@code markup} says whether the text
     * holds a byte that may start non-speech markup ({@code < [ +}), which the bulk scorer leaves to the general path.
     */
    void addPlain(byte[] from, int idStart, int idEnd, int start, int end, boolean markup, long line, int column) {
        String id = inOrder ? followedId(from, idStart, idEnd) : null;
        if (id == null) {
            id = new String(from, idStart, idEnd - idStart, StandardCharsets.ISO_8859_1);
        }
        int length = end - start;
        if (bytes.length - byteCount < idEnd - start) {
            long wanted = Math.max((long) bytes.length * 2, (long) byteCount + idEnd - start);
            if (wanted > Integer.MAX_VALUE - 8) { // over 2 GB of text: the rest as strings
                add(id, new String(from, start, length, StandardCharsets.ISO_8859_1), false, false, line, column);
                return;
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
        // the text and, after it, the id (which the join and a following hypothesis compare as bytes)
        int copied = idEnd - start;
        System.arraycopy(from, start, bytes, byteCount, copied);
        int at = byteCount;
        byteCount += copied;
        add(id, null, true, markup, line, column);
        textStarts[size - 1] = at;
        textEnds[size - 1] = at + length;
        idStarts[size - 1] = at + idStart - start;
    }

    /** Adds an utterance whose text was decoded and cleaned as a string. */
    void addText(String id, String text, long line, int column) {
        add(id, text, false, false, line, column);
    }

    /** The followed reference's id at this line's position when it is {@code from[idStart, idEnd)}, else null. */
    private String followedId(byte[] from, int idStart, int idEnd) {
        if (size >= follows.size) {
            return null;
        }
        String id = follows.ids[size];
        if (id.length() != idEnd - idStart) {
            return null;
        }
        int at = follows.idStarts[size];
        if (at >= 0) {
            byte[] theirs = follows.bytes;
            for (int j = 0, n = idEnd - idStart; j < n; j++) {
                if (theirs[at + j] != from[idStart + j]) {
                    return null;
                }
            }
            return id;
        }
        for (int j = 0; j < id.length(); j++) {
            if (id.charAt(j) != (from[idStart + j] & 0xFF)) {
                return null;
            }
        }
        return id;
    }

    private void add(String id, String text, boolean plainLine, boolean markupBytes, long line, int column) {
        if (size == ids.length) {
            grow(size * 2);
        }
        boolean followed = inOrder && size < follows.size && (id == follows.ids[size] || id.equals(follows.ids[size]));
        if (!followed) {
            indexAll();
        }
        ids[size] = followed ? follows.ids[size] : id;
        idStarts[size] = -1;
        idColumns[size] = column;
        texts[size] = text;
        lines[size] = line;
        plain[size] = plainLine;
        markup[size] = markupBytes;
        if (!inOrder) {
            index(size); // a repeated id is an error at its own line, before any later line is read
        }
        size++;
    }

    /** Indexes the ids that followed the reference (distinct, so without an error), from now on every id. */
    private void indexAll() {
        if (inOrder) {
            inOrder = false;
            for (int k = 0; k < size; k++) {
                index(k);
            }
        }
    }

    /** Whether this file's ids are the ids of {@code reference} (its {@code follows}), in the same order. */
    boolean sameIdsAs(TrnLines reference) {
        return inOrder && follows == reference && size == reference.size;
    }

    /** Enters id {@code k} in the index; an id already there is an error at line {@code k}'s id. */
    private void index(int k) {
        String id = ids[k];
        int h = spread(id.hashCode());
        int at = 2 * slot(id, h);
        if (index[at] != 0) {
            throw new DataFormatException(source, lines[k], idColumns[k], "utterance id '" + id + "' already used on line "
                    + lines[index[at] - 1]);
        }
        index[at] = k + 1;
        index[at + 1] = h;
    }

    private void grow(int capacity) {
        ids = Arrays.copyOf(ids, capacity);
        texts = Arrays.copyOf(texts, capacity);
        textStarts = Arrays.copyOf(textStarts, capacity);
        textEnds = Arrays.copyOf(textEnds, capacity);
        markup = Arrays.copyOf(markup, capacity);
        lines = Arrays.copyOf(lines, capacity);
        plain = Arrays.copyOf(plain, capacity);
        idColumns = Arrays.copyOf(idColumns, capacity);
        idStarts = Arrays.copyOf(idStarts, capacity);
        int slots = Integer.highestOneBit(capacity) * 4;
        int[] fresh = new int[2 * slots];
        int mask = slots - 1;
        for (int k = 0; k < (inOrder ? 0 : size); k++) {
            int h = spread(ids[k].hashCode());
            int s = h & mask;
            while (fresh[2 * s] != 0) {
                s = (s + 1) & mask;
            }
            fresh[2 * s] = k + 1;
            fresh[2 * s + 1] = h;
        }
        index = fresh;
    }

    /** A slot index from a string hash: multiplied so every bit reaches the high bits, which are folded onto the low. */
    static int spread(int h) {
        int x = h * 0x9E3779B1;
        return x ^ (x >>> 15);
    }

    /** The slot holding {@code id}, whose spread hash is {@code h}, or the free slot where it would go. */
    private int slot(String id, int h) {
        int mask = index.length / 2 - 1;
        int s = h & mask;
        int at;
        while ((at = index[2 * s]) != 0 && (index[2 * s + 1] != h || !ids[at - 1].equals(id))) {
            s = (s + 1) & mask;
        }
        return s;
    }

    /** The position of utterance {@code id}, or -1. */
    public int indexOf(String id) {
        indexAll();
        return index[2 * slot(id, spread(id.hashCode()))] - 1;
    }

    public int size() {
        return size;
    }

    public String source() {
        return source;
    }

    public String id(int k) {
        return ids[k];
    }

    /** Utterance {@code k}'s text (a plain line's is made from its bytes on each call). */
    public String text(int k) {
        String t = texts[k];
        return t != null ? t : new String(bytes, textStarts[k], textEnds[k] - textStarts[k], StandardCharsets.ISO_8859_1);
    }

    /** The array holding the plain lines' texts (read only; {@link #textStart}, {@link #textEnd}). */
    byte[] bytes() {
        return bytes;
    }

    /** Where utterance {@code k}'s text starts in {@link #bytes()}, or -1 when it is held as a String. */
    int textStart(int k) {
        return texts[k] == null ? textStarts[k] : -1;
    }

    int textEnd(int k) {
        return textEnds[k];
    }

    /** Where utterance {@code k}'s id (of {@code id(k).length()} bytes) starts in {@link #bytes()}, or -1. */
    int idStart(int k) {
        return idStarts[k];
    }

    /** Whether plain utterance {@code k}'s text holds a byte that may start markup ({@code < [ +}). */
    boolean markup(int k) {
        return markup[k];
    }

    public long line(int k) {
        return lines[k];
    }

    /** Whether utterance {@code k}'s line was plain: printable ASCII words separated by single spaces. */
    boolean plain(int k) {
        return plain[k];
    }
}

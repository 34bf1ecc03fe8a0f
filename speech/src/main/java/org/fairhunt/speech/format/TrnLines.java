package org.fairhunt.speech.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fairhunt.core.DataFormatException;

/**
 * The utterances of one trn file in parallel arrays, in file order: id, text (as {@link TrnFormat} reads it), line,
 * and whether the line was plain (printable ASCII, single spaces), whose text bulk scoring splits and looks up as
 * bytes. Ids are indexed (open addressing over the ids' cached
 * hashes, no boxing), which finds a repeated id as the lines are added and serves the join of the two files.
 */
public final class TrnLines {
    private final String source;
    long lineCount; // lines read so far, blank ones included: the scan's line numbers
    private int size;
    private String[] ids = new String[1024];
    private String[] texts = new String[1024];
    private long[] lines = new long[1024];
    private boolean[] plain = new boolean[1024];
    private int[] idColumns = new int[1024];
    private int[] index = new int[2048]; // 1 + position of an id, 0 for a free slot

    TrnLines(String source, int expected) {
        this.source = source;
        if (expected > ids.length) {
            grow(expected);
        }
    }

    /** Adds a plain line's utterance, its text being {@code bytes[from, to)}. */
    void addPlain(String id, byte[] bytes, int from, int to, long line, int column) {
        add(id, new String(bytes, from, to - from, StandardCharsets.ISO_8859_1), true, line, column);
    }

    /** Adds an utterance whose text was decoded and cleaned as a string. */
    void addText(String id, String text, long line, int column) {
        add(id, text, false, line, column);
    }

    private void add(String id, String text, boolean plainLine, long line, int column) {
        if (size == ids.length) {
            grow(size * 2);
        }
        ids[size] = id;
        idColumns[size] = column;
        texts[size] = text;
        lines[size] = line;
        plain[size] = plainLine;
        index(size); // a repeated id is an error at its own line, before any later line is read
        size++;
    }

    /** Enters id {@code k} in the index; an id already there is an error at line {@code k}'s id. */
    private void index(int k) {
        int slot = slot(ids[k]);
        if (index[slot] != 0) {
            throw new DataFormatException(source, lines[k], idColumns[k], "utterance id '" + ids[k] + "' already used on line "
                    + lines[index[slot] - 1]);
        }
        index[slot] = k + 1;
    }

    private void grow(int capacity) {
        ids = Arrays.copyOf(ids, capacity);
        texts = Arrays.copyOf(texts, capacity);
        lines = Arrays.copyOf(lines, capacity);
        plain = Arrays.copyOf(plain, capacity);
        idColumns = Arrays.copyOf(idColumns, capacity);
        int[] fresh = new int[Integer.highestOneBit(capacity) * 4];
        int mask = fresh.length - 1;
        for (int k = 0; k < size; k++) {
            int s = spread(ids[k].hashCode()) & mask;
            while (fresh[s] != 0) {
                s = (s + 1) & mask;
            }
            fresh[s] = k + 1;
        }
        index = fresh;
    }

    /** A slot index from a string hash: multiplied so every bit reaches the high bits, which are folded onto the low. */
    static int spread(int h) {
        int x = h * 0x9E3779B1;
        return x ^ (x >>> 15);
    }

    /** The slot holding {@code id}, or the free slot where it would go. */
    private int slot(String id) {
        int mask = index.length - 1;
        int s = spread(id.hashCode()) & mask;
        int at;
        while ((at = index[s]) != 0 && !ids[at - 1].equals(id)) {
            s = (s + 1) & mask;
        }
        return s;
    }

    /** The position of utterance {@code id}, or -1. */
    public int indexOf(String id) {
        return index[slot(id)] - 1;
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

    public String text(int k) {
        return texts[k];
    }

    public long line(int k) {
        return lines[k];
    }

    /** Whether utterance {@code k}'s line was plain: printable ASCII words separated by single spaces. */
    boolean plain(int k) {
        return plain[k];
    }
}

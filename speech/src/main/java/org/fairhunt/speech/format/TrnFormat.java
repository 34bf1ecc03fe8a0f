package org.fairhunt.speech.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.AtomicFiles;

/**
 * sclite's {@code trn} format: one utterance per line, {@code words (utterance-id)}. An utterance with
 * no words is a line holding only {@code (id)}. Blank lines are skipped. Reference-side
 * alternations (<code>{a / b}</code>) and optionally deletable words ({@code (uh)}) are read by
 * {@link #readReference} (and scored by {@link org.fairhunt.speech.align.ReferenceNetwork} as
 * {@code sclite -D}); in a hypothesis they are an error with the line and column.
 */
public final class TrnFormat {

    private TrnFormat() {
    }

    // What a byte is to the line scan: a word byte (printable ASCII but the five below), the line's end, one that
    // makes the line not plain (control characters such as tab and CR, non-ASCII bytes, braces), a space, '(' or ')',
    // or a word byte that may start non-speech markup ('<', '[', '+': the bulk scorer leaves such texts to the normalizer).
    private static final byte WORD = 0;
    private static final byte NEWLINE = 1;
    private static final byte NOT_PLAIN = 2;
    private static final byte SPACE = 3;
    private static final byte OPEN = 4;
    private static final byte CLOSE = 5;
    private static final byte MARKUP = 6;
    private static final byte[] KIND = new byte[256];

    // Eight bytes at a time (little-endian: the first byte lowest): each constant repeats one byte.
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x80 * ONES;
    private static final long SPACES = ' ' * ONES;
    private static final long LESS = '<' * ONES;
    private static final long BRACKET = '[' * ONES;
    private static final long BELOW_0X30 = (0x80 - 0x30) * ONES; // added to a byte below 0x80: its high bit says >= 0x30
    private static final long FROM_0X7B = (0x80 - 0x7B) * ONES; // added to a byte below 0x80: its high bit says >= 0x7B

    /** 0x80 in each byte of {@code x} that is zero, 0 in the others (exact: no borrow crosses bytes). */
    private static long zeroBytes(long x) {
        return ~((x & ~HIGH) + ~HIGH | x | ~HIGH);
    }

    static {
        for (int b = 0; b < 256; b++) {
            KIND[b] = b < 0x20 || b > 0x7E || b == '{' || b == '}' ? NOT_PLAIN : WORD;
        }
        KIND['\n'] = NEWLINE;
        KIND[' '] = SPACE;
        KIND['('] = OPEN;
        KIND[')'] = CLOSE;
        KIND['<'] = MARKUP;
        KIND['['] = MARKUP;
        KIND['+'] = MARKUP;
    }

    public static List<Utterance> read(Path file, SpeakerIds speakers) {
        return read(file, speakers, false);
    }

    /**
     * A reference trn: sclite's optionally deletable words {@code (uh)} and alternations
     * <code>{ a / b / @ }</code> are allowed in the text (scored as {@code sclite -D} does).
     */
    public static List<Utterance> readReference(Path file, SpeakerIds speakers) {
        return read(file, speakers, true);
    }

    private static List<Utterance> read(Path file, SpeakerIds speakers, boolean networks) {
        return utterances(lines(file, networks), speakers);
    }

    /**
     * The utterances of a trn file as {@link TrnLines} (what {@code wer} joins and scores without a record per
     * line); {@code reference} allows sclite's optional words and alternations, as {@link #readReference}.
     */
    public static TrnLines lines(Path file, boolean reference) {
        return lines(file, reference, null);
    }

    /**
     * A hypothesis trn as {@link TrnLines}, read after its {@code reference}: while its ids follow the reference's in
     * order (what a recognizer run over a reference list writes), they share the reference's Strings and need no index.
     */
    public static TrnLines hypothesisLines(Path file, TrnLines reference) {
        return lines(file, false, reference);
    }

    private static TrnLines lines(Path file, boolean reference, TrnLines follows) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return lines(in, file.toString(), reference, Files.size(file), follows);
        } catch (IOException e) {
            throw new UserInputException(org.fairhunt.core.io.IoMessages.cannotRead(file, e), e);
        }
    }

    private static List<Utterance> utterances(TrnLines lines, SpeakerIds speakers) {
        List<Utterance> out = new ArrayList<>(lines.size());
        for (int k = 0; k < lines.size(); k++) {
            out.add(new Utterance(lines.id(k), speakers.speakerOf(lines.id(k)), lines.text(k), lines.source(), lines.line(k)));
        }
        return out;
    }

    public static List<Utterance> read(BufferedReader in, String source, SpeakerIds speakers) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            sb.append(buf, 0, n);
        }
        return read(sb.toString().getBytes(StandardCharsets.UTF_8), source, speakers, false);
    }

    /**
     * Parses trn text given as UTF-8 bytes. Lines are cut on the bytes ({@code \n}, with a trailing
     * {@code \r} dropped) and decoded one by one: a trn of 100,000 utterances is read in a fraction of
     * the time a line reader with a regular-expression split takes, which was most of {@code wer}'s cost.
     */
    static List<Utterance> read(byte[] bytes, String source, SpeakerIds speakers, boolean networks) {
        return utterances(lines(new java.io.ByteArrayInputStream(bytes), source, networks, bytes.length, null), speakers);
    }

    /**
     * Reads {@code in} in chunks into one buffer (never the whole file: what wer keeps of a line is its id and text),
     * cutting complete lines; a line longer than the buffer doubles it.
     */
    static TrnLines lines(java.io.InputStream in, String source, boolean networks, long sizeHint, TrnLines follows) {
        TrnLines out = new TrnLines(source, (int) Math.min(Integer.MAX_VALUE - 8, sizeHint / 80), sizeHint, follows);
        byte[] buffer = new byte[(int) Math.max(4096, Math.min(1 << 18, sizeHint + 1))];
        // Eight bytes at a time only in a file of a megabyte or more: the first read through the VarHandle links it,
        // which costs more (≈ 10-20 ms) than the eight-byte scan saves on a few thousand lines.
        boolean wide = sizeHint >= 1 << 20;
        int length = 0;
        boolean first = true;
        boolean eof = false;
        try {
            while (!eof) {
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    eof = true;
                } else {
                    length += read;
                    if (length < buffer.length) {
                        continue;
                    }
                }
                int start = 0;
                if (first && length >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
                    start = 3;
                }
                first = false;
                int rest = scan(buffer, start, length, eof, out, source, networks, wide);
                if (rest == 0 && length == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
                } else {
                    System.arraycopy(buffer, rest, buffer, 0, length - rest);
                }
                length -= rest;
            }
        } catch (IOException e) {
            throw new UserInputException(org.fairhunt.core.io.IoMessages.cannotRead(source, e), e);
        }
        return out;
    }

    /** Cuts the complete lines of {@code bytes[start, limit)} (all of them at the end of the file); returns where the rest starts. */
    private static int scan(byte[] bytes, int start, int limit, boolean eof, TrnLines out, String source, boolean networks,
                            boolean wide) {
        while (start < limit) {
            // One scan finds the line's end and whether it is plain: printable ASCII, no run of spaces, no
            // braces, one '(' and one ')'. Such a line (nearly every line of a real trn) is cut on its bytes
            // with the same result as the general path below, which makes a String of it and scans it five times.
            int end = start;
            boolean plain = true;
            boolean markup = false;
            int opens = 0;
            int closes = 0;
            int lastOpen = -1;
            int lastSpace = -1;
            line:
            while (end < limit) {
                // Eight bytes at a time while they are word bytes and spaces (most of a line): a space run is found from
                // the space mask. lastSpace then stays exact where it matters (a space as the last of the eight, for
                // the run test of the next byte); otherwise it is some space of the eight, which lies, like the exact
                // one, after any '(' seen before them.
                while (wide && end <= limit - 8) {
                    long w = (long) LONGS.get(bytes, end);
                    long spaces = zeroBytes(w ^ SPACES);
                    long low = w & ~HIGH;
                    long special = w & HIGH // non-ASCII
                            | ~(low + BELOW_0X30) & HIGH & ~spaces // below '0' but the space: controls, '(', ')', '+' (and a few word bytes)
                            | low + FROM_0X7B & HIGH // '{', '|', '}', '~', DEL
                            | zeroBytes(w ^ LESS) | zeroBytes(w ^ BRACKET); // '<', '['
                    if (special != 0) {
                        break;
                    }
                    if (spaces != 0) {
                        if ((spaces & spaces << 8) != 0 || (spaces & 0x80) != 0 && lastSpace == end - 1) {
                            plain = false;
                        }
                        lastSpace = spaces >>> 56 != 0 ? end + 7 : end;
                    }
                    end += 8;
                }
                // then byte by byte up to the next eight
                for (int stop = Math.min(limit, end + 8); end < stop; end++) {
                    int kind = KIND[bytes[end] & 0xFF];
                    if (kind != WORD) {
                        if (kind == NEWLINE) {
                            break line;
                        }
                        if (kind == NOT_PLAIN) {
                            plain = false;
                        } else if (kind == SPACE) {
                            plain &= lastSpace != end - 1;
                            lastSpace = end;
                        } else if (kind == OPEN) {
                            opens++;
                            lastOpen = end;
                        } else if (kind == CLOSE) {
                            closes++;
                        } else {
                            markup = true;
                        }
                    }
                }
            }
            if (end == limit && !eof) {
                return start; // the line goes on in the next chunk
            }
            int next = end + 1;
            if (end > start && bytes[end - 1] == '\r') {
                end--;
            }
            long number = ++out.lineCount;
            if (plain && opens == 1 && closes == 1 && bytes[start] != ' ' && bytes[end - 1] == ')'
                    && lastOpen < end - 2 && lastSpace < lastOpen) {
                int textEnd = lastOpen > start && bytes[lastOpen - 1] == ' ' ? lastOpen - 1 : lastOpen;
                out.addPlain(bytes, lastOpen + 1, end - 1, start, textEnd, markup, number, lastOpen - start + 1);
                start = next;
                continue;
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (line.indexOf('\uFFFD') >= 0) {
                checkUtf8(bytes, start, end, source, number);
            }
            start = next;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.endsWith(")")) {
                throw new DataFormatException(source, number, trimmed.length(),
                        "expected the line to end with the utterance id in parentheses, e.g. 'the cat sat (spk1_utt1)'");
            }
            int open = trimmed.lastIndexOf('(');
            if (open < 0) {
                throw new DataFormatException(source, number, trimmed.length(),
                        "found ')' at the end of the line but no '(' opening the utterance id");
            }
            String id = trimmed.substring(open + 1, trimmed.length() - 1).strip();
            if (id.isEmpty() || id.indexOf(' ') >= 0 || id.indexOf('\t') >= 0) {
                throw new DataFormatException(source, number, open + 1,
                        "expected a non-empty utterance id without spaces inside the final parentheses, found '(" + id + ")'");
            }
            String text = trimmed.substring(0, open).strip();
            int unsupported = networks ? unbalanced(text) : firstUnsupported(text);
            if (unsupported >= 0) {
                throw new DataFormatException(source, number, unsupported + 1, networks
                        ? "expected an optional word '(word)' or an alternation '{ a / b }' with its brackets closed"
                        : "alternations '{ a / b }' and optional words '(word)' belong in the reference trn (--ref), "
                                + "not in a hypothesis");
            }
            out.addText(id, collapseSpaces(text), number, open + 1);
        }
        return Math.min(start, limit);
    }

    /** A replacement character that was not in the file means bytes that are not UTF-8: say where (byte column). */
    private static void checkUtf8(byte[] bytes, int from, int to, String source, long line) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes, from, to - from);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(to - from + 1);
        var result = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        if (result.isError()) {
            throw new DataFormatException(source, line, in.position() - from + 1,
                    "found bytes that are not UTF-8 text (byte column); save the file as UTF-8");
        }
    }

    /** Index of the first bracket that is not part of a well-formed '(word)' or '{ ... }', or -1. */
    private static int unbalanced(String text) {
        int brace = -1;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '{') {
                if (brace >= 0) {
                    return k;
                }
                brace = k;
            } else if (c == '}') {
                if (brace < 0) {
                    return k;
                }
                brace = -1;
            } else if (c == '(') {
                int close = text.indexOf(')', k);
                int space = k;
                while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
                    space++;
                }
                if (close < 0 || close >= space) {
                    return k;
                }
                k = close;
            } else if (c == ')') {
                return k;
            }
        }
        return brace;
    }

    private static int firstUnsupported(String text) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '{' || c == '(' || c == ')' || c == '}') {
                return k;
            }
        }
        return -1;
    }

    static String collapseSpaces(String text) {
        String t = text.strip();
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c == ' ' ? k + 1 < t.length() && Character.isWhitespace(t.charAt(k + 1)) : Character.isWhitespace(c)) {
                return String.join(" ", t.split("\\s+"));
            }
        }
        return t;
    }

    /**
     * Writes utterances as trn lines; the text must not contain the characters trn reserves. The file is
     * replaced atomically ({@link AtomicFiles}): a reader or a crash sees the old file or the new one.
     */
    public static void write(Path file, List<Utterance> utterances) {
        AtomicFiles.writeText(file, out -> write(out, utterances));
    }

    public static void write(Writer out, List<Utterance> utterances) throws IOException {
        for (Utterance u : utterances) {
            String text = collapseSpaces(u.text());
            if (firstUnsupported(text) >= 0) {
                throw new UserInputException("utterance " + u.id() + ": text contains one of ( ) { } which trn reserves: '" + text + "'");
            }
            if (!text.isEmpty()) {
                out.write(text);
                out.write(' ');
            }
            out.write('(');
            out.write(u.id());
            out.write(")\n");
        }
    }
}

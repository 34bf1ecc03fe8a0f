package org.fairhunt.core.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;

/**
 * Reads a table file in any supported {@link Format}. The format comes from
 * {@link ReadOptions#format()} or else from the file name; a gzip file (by its {@code .gz} name or
 * by its magic bytes) is decompressed on the fly.
 */
public final class TableReaders {
    private static final int GZIP_BUFFER = 1 << 16;

    private TableReaders() {
    }

    /** Reads {@code file} with default options. */
    public static Table read(Path file) {
        return read(file, ReadOptions.defaults());
    }

    /**
     * Reads {@code file}. The table's {@link Table#source()} is the path as given.
     *
     * @throws UserInputException for a missing or unreadable file, an unknown format, or (as
     *                            {@link org.fairhunt.core.DataFormatException}) malformed content
     */
    public static Table read(Path file, ReadOptions options) {
        String name = file.toString();
        Format format = options.format() != null ? options.format() : Format.fromFileName(file.getFileName().toString());
        if (format == null) {
            throw new UserInputException(name + ": cannot tell the format from the file name; expected a name ending in "
                    + ".csv, .tsv, .tab, .jsonl, .ndjson or .arff (optionally followed by .gz), or name the format explicitly");
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(name + ": is a directory, expected a file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(name + ": no such file");
        } catch (IOException e) {
            throw new UserInputException(name + ": cannot read: " + IoMessages.describe(e), e);
        }
        ProgressListener listener = options.progressBar() ? ProgressBar.forFile(file.getFileName().toString(), size) : ProgressListener.NONE;
        if (options.progressListener() != null) {
            listener = both(listener, options.progressListener());
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, name, size, format, options, listener);
        } catch (NoSuchFileException e) {
            throw new UserInputException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserInputException(name + ": permission denied");
        } catch (IOException e) {
            throw new UserInputException(name + ": cannot read: " + IoMessages.describe(e), e);
        }
    }

    /**
     * Reads a table from a stream (an upload, a resource) in the given format; gzip is detected by its
     * magic bytes. The stream is not closed. {@code source} names the input in messages.
     */
    public static Table read(InputStream in, String source, Format format, ReadOptions options) {
        ProgressListener listener = options.progressListener() != null ? options.progressListener() : ProgressListener.NONE;
        try {
            return read(in, source, -1, format, options, listener);
        } catch (IOException e) {
            throw new UserInputException(source + ": cannot read: " + IoMessages.describe(e), e);
        }
    }

    private static Table read(InputStream raw, String name, long size, Format format, ReadOptions options,
            ProgressListener listener) throws IOException {
        Source.CountingStream counter = new Source.CountingStream(raw);
        BufferedInputStream peekable = new BufferedInputStream(counter, GZIP_BUFFER);
        peekable.mark(2);
        int b0 = peekable.read();
        int b1 = peekable.read();
        peekable.reset();
        InputStream decoded = peekable;
        ReadAheadInputStream readAhead = null;
        if (b0 == 0x1f && b1 == 0x8b) {
            // Decompression costs about as much as parsing: give it a thread of its own.
            readAhead = new ReadAheadInputStream(new GZIPInputStream(peekable, GZIP_BUFFER));
            decoded = readAhead;
        }
        Source source = new Source(name, decoded, counter, size, listener);
        try {
            switch (format) {
                case CSV:
                    return new CsvReader(source, options, (byte) ',').read();
                case TSV:
                    return new CsvReader(source, options, (byte) '\t').read();
                case JSONL:
                    return new JsonLinesReader(source, options).read();
                case ARFF:
                    return new ArffReader(source, options).read();
                default:
                    throw new IllegalStateException("unhandled format " + format);
            }
        } catch (ZipException e) {
            throw new UserInputException(name + ": the gzip data is corrupt: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new UserInputException(name + ": the file ends unexpectedly (truncated gzip data?)", e);
        } finally {
            if (readAhead != null) {
                readAhead.close();
            }
            source.finish();
        }
    }

    private static ProgressListener both(ProgressListener a, ProgressListener b) {
        if (a == ProgressListener.NONE) {
            return b;
        }
        return new ProgressListener() {
            @Override
            public void update(long bytesRead, long totalBytes, long rows) {
                a.update(bytesRead, totalBytes, rows);
                b.update(bytesRead, totalBytes, rows);
            }

            @Override
            public void done(long bytesRead, long totalBytes, long rows) {
                a.done(bytesRead, totalBytes, rows);
                b.done(bytesRead, totalBytes, rows);
            }
        };
    }

    /** Strict UTF-8: malformed bytes are the user's problem to hear about, not to lose silently. */
    static String decodeUtf8(byte[] buf, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new UserInputException("the bytes are not valid UTF-8; save the file as UTF-8");
        }
    }
}

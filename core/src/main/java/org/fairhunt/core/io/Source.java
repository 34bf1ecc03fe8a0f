package org.fairhunt.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An open input for one reader: the stream (already decompressed), the name used in messages, and
 * the bookkeeping for progress, which counts the bytes taken from the underlying (possibly
 * compressed) stream so that the fraction done matches the file's size on disk.
 */
final class Source {
    final String name;
    final InputStream stream;
    private final CountingStream counter;
    private final long totalBytes;
    private final ProgressListener listener;

    Source(String name, InputStream decoded, CountingStream counter, long totalBytes, ProgressListener listener) {
        this.name = name;
        this.stream = decoded;
        this.counter = counter;
        this.totalBytes = totalBytes;
        this.listener = listener;
    }

    private long rows;
    private boolean finished;

    /** Tells the listener how far the reader has got. */
    void progress(long rowsSoFar) {
        rows = rowsSoFar;
        listener.update(counter.count, totalBytes, rowsSoFar);
    }

    /** Tells the listener, once, that reading stopped (so a progress bar ends its line even on an error). */
    void finish() {
        if (!finished) {
            finished = true;
            listener.done(counter.count, totalBytes, rows);
        }
    }

    /** Counts the bytes read through it. */
    static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}

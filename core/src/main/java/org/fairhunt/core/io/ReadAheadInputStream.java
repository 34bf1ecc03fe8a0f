package org.fairhunt.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads an expensive stream (gzip decompression) on a thread of its own, a few chunks ahead of the
 * consumer, so that decompressing and parsing overlap. Chunks are recycled, so memory stays at
 * {@code (depth + 2)} chunks. An exception on the reading thread is rethrown to the consumer.
 * Closing stops the thread but leaves the underlying stream to its owner.
 */
final class ReadAheadInputStream extends InputStream {
    private static final int CHUNK = 1 << 20;
    private static final int DEPTH = 4;

    /** A filled chunk, or the end marker ({@code length < 0}), or a failure. */
    private static final class Chunk {
        final byte[] data;
        int length;
        IOException failure;
        RuntimeException runtimeFailure;

        Chunk(byte[] data) {
            this.data = data;
        }
    }

    private final InputStream in;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<Chunk> empty = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread reader;
    private Chunk current;
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream in) {
        this.in = in;
        for (int i = 0; i < DEPTH + 2; i++) {
            empty.add(new Chunk(new byte[CHUNK]));
        }
        reader = new Thread(this::readLoop, "fairhunt-read-ahead");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try {
            while (true) {
                Chunk c = empty.take();
                IOException ioFailure = null;
                RuntimeException runtimeFailure = null;
                int n = 0;
                try {
                    while (n < c.data.length) {
                        int r = in.read(c.data, n, c.data.length - n);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                } catch (IOException e) {
                    ioFailure = e;
                } catch (RuntimeException e) {
                    runtimeFailure = e;
                }
                boolean last = n < c.data.length || ioFailure != null || runtimeFailure != null;
                if (n > 0) {
                    c.length = n;
                    c.failure = null;
                    c.runtimeFailure = null;
                    filled.put(c);
                    c = null;
                }
                if (last) {
                    Chunk end = c != null ? c : empty.take();
                    end.length = -1;
                    end.failure = ioFailure;
                    end.runtimeFailure = runtimeFailure;
                    filled.put(end);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Stopped by close().
        }
    }

    /** Makes {@code current} a chunk with unread bytes; false at the end of the stream. */
    private boolean ensure() throws IOException {
        if (ended) {
            return false;
        }
        while (current == null || position >= current.length) {
            if (current != null) {
                empty.add(current);
                current = null;
            }
            Chunk c;
            try {
                c = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading ahead");
            }
            if (c.length < 0) {
                ended = true;
                if (c.failure != null) {
                    throw c.failure;
                }
                if (c.runtimeFailure != null) {
                    throw c.runtimeFailure;
                }
                return false;
            }
            current = c;
            position = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!ensure()) {
            return -1;
        }
        return current.data[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!ensure()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current.data, position, b, off, n);
        position += n;
        return n;
    }

    /** Stops the reading thread; the underlying stream stays open (its owner closes it). */
    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

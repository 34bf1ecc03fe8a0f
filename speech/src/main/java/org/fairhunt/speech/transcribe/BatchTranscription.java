package org.fairhunt.speech.transcribe;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairhunt.core.FairhuntException;

/**
 * Runs a {@link Transcriber} over many files on a fixed number of threads. Results come back in input
 * order; a file that fails (error, timeout, unsupported audio) is recorded with its reason and the
 * others go on. Progress is drawn on one terminal line ({@code \r}) when a stream is given.
 */
public final class BatchTranscription {

    /** The outcome for one file: text, or the reason it has none. */
    public record Outcome(Path file, String text, String failure, long millis) {
        public boolean ok() {
            return failure == null;
        }
    }

    private final Transcriber transcriber;
    private final int threads;
    private final Duration timeout;

    public BatchTranscription(Transcriber transcriber, int threads, Duration timeout) {
        this.transcriber = transcriber;
        this.threads = Math.max(1, threads);
        this.timeout = timeout;
    }

    public List<Outcome> run(List<Path> files, PrintStream progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "transcriber");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    Outcome o;
                    try {
                        o = new Outcome(file, transcriber.transcribe(file, timeout), null, (System.nanoTime() - t0) / 1_000_000);
                    } catch (TranscriptionException | RuntimeException e) {
                        failed.incrementAndGet();
                        o = new Outcome(file, null, e.getMessage(), (System.nanoTime() - t0) / 1_000_000);
                    }
                    int n = done.incrementAndGet();
                    if (progress != null) {
                        draw(progress, n, files.size(), failed.get(), start);
                    }
                    return o;
                }));
            }
            List<Outcome> outcomes = new ArrayList<>(files.size());
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            if (progress != null && !files.isEmpty()) {
                progress.println();
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FairhuntException("transcription interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new FairhuntException("transcription failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static synchronized void draw(PrintStream out, int done, int total, int failed, long start) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        double seconds = (System.nanoTime() - start) / 1e9;
        double eta = done == 0 ? 0 : seconds / done * (total - done);
        out.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d files, %d failed, %.0f s elapsed, ~%.0f s left ",
                "#".repeat(filled), ".".repeat(width - filled), done, total, failed, seconds, eta));
        out.flush();
    }
}

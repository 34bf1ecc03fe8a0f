package org.fairhunt.speech.transcribe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.fairhunt.core.concurrent.Workers;
import org.fairhunt.core.io.ProgressBar;

/**
 * Runs a {@link Transcriber} over many files on the project's {@link Workers}. Results come back in
 * input order; a file that fails (error, timeout, unsupported audio) is recorded with its reason and the
 * others go on. Each outcome is also handed to a listener as soon as it is known, so a caller can
 * journal it (a crash then keeps what was done). Progress is {@link ProgressBar}'s item bar.
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

    /** Transcribes {@code files}; {@code progress} may be null (no bar). */
    public List<Outcome> run(List<Path> files, ProgressBar progress) {
        return run(files, progress, o -> { });
    }

    /**
     * Transcribes {@code files}, calling {@code listener} (from worker threads, one call at a time) with
     * each outcome as it finishes; {@code progress} may be null (no bar).
     */
    public List<Outcome> run(List<Path> files, ProgressBar progress, Consumer<Outcome> listener) {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Object lock = new Object();
        List<Callable<Outcome>> tasks = new ArrayList<>(files.size());
        for (Path file : files) {
            tasks.add(() -> {
                long t0 = System.nanoTime();
                Outcome o;
                try {
                    o = new Outcome(file, transcriber.transcribe(file, timeout), null, (System.nanoTime() - t0) / 1_000_000);
                } catch (TranscriptionException | RuntimeException e) {
                    failed.incrementAndGet();
                    o = new Outcome(file, null, e.getMessage(), (System.nanoTime() - t0) / 1_000_000);
                }
                synchronized (lock) {
                    listener.accept(o);
                    int n = done.incrementAndGet();
                    if (progress != null) {
                        progress.updateItems(n, files.size(), "files, " + failed.get() + " failed");
                    }
                }
                return o;
            });
        }
        try (Workers workers = new Workers(threads, "transcriber")) {
            return workers.invokeAll(tasks, "transcription");
        } finally {
            if (progress != null) {
                progress.finishItems();
            }
        }
    }
}

package org.fairhunt.core.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fairhunt.core.FairhuntException;

/**
 * A fixed pool of daemon threads (so a forgotten pool never keeps the JVM alive) that runs batches of
 * tasks and returns their results in task order, whatever order they finish in. A task's runtime
 * exception reaches the caller unchanged, so a {@link org.fairhunt.core.UserInputException} thrown on
 * a worker is still reported as the user's mistake.
 */
public final class Workers implements AutoCloseable {
    /** One contiguous range of work, {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private final ExecutorService pool;

    /**
     * @param threads    worker threads (at least 1)
     * @param threadName name of the worker threads, as seen in a thread dump
     */
    public Workers(int threads, String threadName) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs every task and returns the results in task order.
     *
     * @param what what the tasks do, for messages ("alignment" → "alignment interrupted")
     */
    public <T> List<T> invokeAll(List<? extends Callable<T>> tasks, String what) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        return await(futures, what);
    }

    /**
     * Starts {@code task} and returns at once, for callers that overlap their own work with the pool's
     * (the CSV reader parses the next buffer while workers append the previous one); collect it with
     * {@link #await}.
     */
    public Future<Void> submit(Runnable task) {
        return pool.submit(task, null);
    }

    /**
     * Waits for {@code futures} in order and returns their results; the first failure is rethrown as
     * {@link #invokeAll} does, after cancelling the rest.
     *
     * @param what what the tasks do, for messages ("alignment" → "alignment interrupted")
     */
    public <T> List<T> await(List<? extends Future<T>> futures, String what) {
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new FairhuntException(what + " interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new FairhuntException(what + " failed: " + e.getCause(), e.getCause());
        }
        return results;
    }

    /** Splits {@code [0, n)} into {@code chunks} contiguous ranges of (almost) equal size and runs them. */
    public void forRanges(int n, int chunks, String what, RangeTask task) {
        List<Callable<Void>> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks.add(() -> {
                task.run(from, to);
                return null;
            });
        }
        invokeAll(tasks, what);
    }

    /** Stops the threads; tasks still running are interrupted. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}

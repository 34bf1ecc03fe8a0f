package org.fairhunt.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.core.UserInputException;
import org.fairhunt.server.engine.EngineHandle;
import org.fairhunt.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one verification worker: takes queued submissions in arrival order and has the engine decide
 * them. The queue row and the engine's record are two commits, so a crash may fall between them; on
 * every job the worker first compares the engine's count of recorded submissions for the program with
 * the queue's count of decided ones. One more in the engine means the job was decided before the crash:
 * its recorded decision is adopted, never decided twice. Any other mismatch stops the worker (readiness
 * turns false) rather than guess.
 */
final class VerificationWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("fairhunt.worker");

    private final Service service;
    private final Store store;
    private final Metrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Map<Long, Integer> failures = new HashMap<>();
    private volatile boolean running = true;
    private volatile String fault;
    private Thread thread;

    VerificationWorker(Service service, Metrics metrics) {
        this.service = service;
        this.store = service.store();
        this.metrics = metrics;
    }

    void start() {
        thread = new Thread(this, "fairhunt-verifier");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the worker (a submission was queued). */
    void signal() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** {@code null} while healthy; otherwise why the worker stopped. */
    String fault() {
        return fault;
    }

    boolean alive() {
        return thread != null && thread.isAlive() && fault == null;
    }

    void stop() {
        running = false;
        signal();
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                Optional<Store.SubmissionRow> next = store.nextQueued();
                if (next.isEmpty()) {
                    await(1000);
                    continue;
                }
                process(next.get());
            } catch (Inconsistent e) {
                fault = e.getMessage();
                LOG.error("event=worker_stopped reason=\"{}\"", e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.error("event=worker_error error=\"{}\"", e.toString(), e);
                await(2000);
            }
        }
    }

    private void await(long millis) {
        lock.lock();
        try {
            if (running) {
                work.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void process(Store.SubmissionRow job) {
        long t0 = System.nanoTime();
        EngineHandle engine = service.engine(job.programId());
        int budget = engine.settings().budget();
        List<Program.SubmissionRecord> recorded = engine.recorded();
        int known = store.engineRecorded(job.programId());
        if (recorded.size() == known + 1) {
            Program.SubmissionRecord last = recorded.get(recorded.size() - 1);
            if (!last.team().equals(job.teamName())) {
                throw new Inconsistent("program " + job.programId() + ": the engine's last record (" + last.id() + ", team " + last.team()
                        + ") does not belong to queued submission " + job.id() + " (team " + job.teamName() + ")");
            }
            EngineHandle.Verdict v = engine.verdictOf(last, budget - store.usedBudget(job.teamId()));
            finish(job, engine, v, t0, "recovered");
            return;
        }
        if (recorded.size() != known) {
            throw new Inconsistent("program " + job.programId() + ": the engine has " + recorded.size() + " recorded submissions, the queue "
                    + known + " decided ones; refusing to guess");
        }
        GroupSpec spec = EngineHandle.group(job.groupText(), job.groupBlob() == null ? null : store.blob(job.groupBlob()), "group model");
        byte[] model = store.blob(job.modelBlob());
        EngineHandle.Verdict v;
        try {
            // first on the public rows (the receipt ran no model): a group or model that fails there never reaches the holdout
            engine.validate(spec, model, job.modelName());
            v = engine.submit(job.teamName(), spec, model, job.modelName());
        } catch (UserInputException e) {
            double ms = (System.nanoTime() - t0) / 1e6;
            // refused before the holdout (our public-row run, or the engine's own on the public rows and a synthetic probe of the
            // schema): the reason is public, the engine recorded nothing, and as in the engine it is not charged
            String reason = e instanceof EngineHandle.InvalidSubmission inv ? inv.field() + ": " + e.getMessage() : e.getMessage();
            store.markRefused(job.id(), "refused on the public rows (not charged to the budget): " + reason, reason, ms, false);
            metrics.decisions.labelValues("invalid").inc();
            metrics.verification.observe(ms / 1000);
            LOG.info("event=invalid submission={} program={} ms={}", job.id(), job.programId(), String.format(java.util.Locale.ROOT, "%.1f", ms));
            return;
        } catch (RuntimeException e) {
            int n = failures.merge(job.id(), 1, Integer::sum);
            if (n < 3) {
                throw e;
            }
            // a job that fails the same way three times would block the queue for everyone behind it
            store.markRefused(job.id(), "the submission could not be verified (internal error; the organizer has the details)",
                    e.toString(), (System.nanoTime() - t0) / 1e6, true);
            metrics.decisions.labelValues("refused").inc();
            failures.remove(job.id());
            return;
        }
        finish(job, engine, v.withBudgetLeft(budget - store.usedBudget(job.teamId())), t0, "decided");
    }

    private void finish(Store.SubmissionRow job, EngineHandle engine, EngineHandle.Verdict v, long t0, String event) {
        double ms = (System.nanoTime() - t0) / 1e6;
        // public views first: once the team can read its verdict, every page already shows the decision
        engine.refreshViews();
        store.markDecided(job.id(), v, ms);
        metrics.decisions.labelValues(v.outcome()).inc();
        metrics.verification.observe(ms / 1000);
        LOG.info("event={} submission={} program={} verdict={} ms={}", event, job.id(), job.programId(), v.outcome(),
                String.format(java.util.Locale.ROOT, "%.1f", ms));
    }

    /** The queue and the engine's record disagree in a way a restart cannot explain. */
    static final class Inconsistent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Inconsistent(String message) {
            super(message);
        }
    }
}

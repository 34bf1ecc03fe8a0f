package org.fairhunt.cli;

import org.fairhunt.core.UserInputException;
import picocli.CommandLine.Option;

/** Interval options shared by the commands that run an audit (audit, wer). */
public final class BootstrapOptions {
    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "0",
            description = "Bootstrap replicates for intervals on every metric, e.g. 200 (default: ${DEFAULT-VALUE}: none; "
                    + "proportions get Wilson intervals).")
    int replicates;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
            description = "Confidence level of intervals (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores; results do not depend on it).")
    Integer threads;

    public int replicates() {
        return replicates;
    }

    public long seed() {
        return seed;
    }

    public double confidence() {
        return confidence;
    }

    /** Refuses out-of-range values with the option's name. */
    public void validate() {
        if (replicates < 0 || replicates > 100_000) {
            throw new UserInputException("--bootstrap must be between 0 and 100000, got " + replicates);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new UserInputException("--confidence must be between 0 and 1 (e.g. 0.95), got " + confidence);
        }
        if (threads != null && threads < 1) {
            throw new UserInputException("--threads must be at least 1, got " + threads);
        }
    }

    /** The worker threads to use. */
    public int workers() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }
}

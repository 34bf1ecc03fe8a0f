package org.fairhunt.cli.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.policy.Policy;
import picocli.CommandLine.Option;

/**
 * How an audit judges what it measures, shared by every command that runs one (audit, wer): bootstrap
 * replicates and their cluster, the confidence level, the reference slice of disparities and the policy
 * (a file, or constraints on the command line).
 */
public final class BootstrapOptions {
    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "0",
            description = "Bootstrap replicates for intervals on every metric, e.g. 200 (default: ${DEFAULT-VALUE}: none; "
                    + "proportions get Wilson intervals).")
    int replicates;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cluster", paramLabel = "COLUMN",
            description = "Rows sharing this value (a speaker, a patient) are resampled together (wer: default the speaker; "
                    + "'none' resamples single utterances).")
    String cluster;

    @Option(names = "--confidence", paramLabel = "LEVEL", defaultValue = "0.95",
            description = "Confidence level of intervals (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores; results do not depend on it).")
    Integer threads;

    @Option(names = "--reference", paramLabel = "CHOICE",
            description = "Reference slice of disparities: largest (default), best, worst, or ATTRIBUTE=VALUE (repeatable).")
    List<String> reference = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Judge the constraints of this YAML or JSON policy (see docs/policies.md); sets the exit status.")
    Path policyFile;

    @Option(names = "--require", paramLabel = "CONSTRAINT",
            description = "A constraint on the command line instead of a policy file (repeatable), e.g. "
                    + "'max_gap(error_rate) <= 0.05 over [sex]'; sets the exit status.")
    List<String> require = new ArrayList<>();

    public int replicates() {
        return replicates;
    }

    public long seed() {
        return seed;
    }

    public double confidence() {
        return confidence;
    }

    /** The {@code --cluster} column, or {@code null}. */
    public String cluster() {
        return cluster;
    }

    public List<String> reference() {
        return List.copyOf(reference);
    }

    /** Refuses out-of-range values with the option's name. */
    public void validate() {
        if (replicates < 0 || replicates > 100_000) {
            throw new UserInputException("--bootstrap must be between 0 and 100000, got " + replicates);
        }
        if (replicates == 1) {
            throw new UserInputException("--bootstrap 1 gives a single replicate, which cannot show any variability; use 0 "
                    + "(closed forms only) or at least 2 (200 is usual)");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new UserInputException("--confidence must be between 0 and 1 (e.g. 0.95), got " + confidence);
        }
        if (threads != null && threads < 1) {
            throw new UserInputException("--threads must be at least 1, got " + threads);
        }
        if (policyFile != null && !require.isEmpty()) {
            throw new UserInputException("give either --policy FILE or --require constraints, not both");
        }
    }

    /** The worker threads to use. */
    public int workers() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** The policy of {@code --policy} or {@code --require}, or {@code null} when neither was given. */
    public Policy policy() {
        if (policyFile != null) {
            return Policy.load(policyFile);
        }
        return require.isEmpty() ? null : Policy.of(require, "--require");
    }

    /** Whether a policy sets the exit status. */
    public boolean judged() {
        return policyFile != null || !require.isEmpty();
    }
}

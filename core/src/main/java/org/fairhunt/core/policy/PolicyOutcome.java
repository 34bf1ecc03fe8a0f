package org.fairhunt.core.policy;

import java.util.List;
import java.util.Locale;
import org.fairhunt.core.result.Verdict;

/**
 * The outcome of a whole policy and the process exit code a CI pipeline acts on: {@code 0} when every
 * constraint passes, {@code 1} when any fails, {@code 3} when none fails but some are inconclusive.
 * (Exit code 2 is kept for user errors.)
 */
public enum PolicyOutcome {
    PASS(0), FAIL(1), INCONCLUSIVE(3);

    private final int exitCode;

    PolicyOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** {@code pass}, {@code fail} or {@code inconclusive}, as verdicts spell it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Fail if any verdict fails, else inconclusive if any is, else pass (also for no verdicts). */
    public static PolicyOutcome of(List<Verdict> verdicts) {
        boolean inconclusive = false;
        for (Verdict v : verdicts) {
            if (Verdict.FAIL.equals(v.outcome())) {
                return FAIL;
            }
            inconclusive |= Verdict.INCONCLUSIVE.equals(v.outcome());
        }
        return inconclusive ? INCONCLUSIVE : PASS;
    }
}

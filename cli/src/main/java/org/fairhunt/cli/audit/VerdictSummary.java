package org.fairhunt.cli.audit;

import org.fairhunt.core.policy.PolicyOutcome;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Verdict;

/** The policy verdicts as a few terminal lines: the overall outcome, then one line per constraint. */
public final class VerdictSummary {
    private VerdictSummary() {
    }

    /** Empty when the audit had no policy. */
    public static String render(AuditResult result) {
        if (result.verdicts().isEmpty()) {
            return "";
        }
        PolicyOutcome overall = PolicyOutcome.of(result.verdicts());
        StringBuilder sb = new StringBuilder("Policy: ").append(overall.word().toUpperCase(java.util.Locale.ROOT))
                .append(" (exit status ").append(overall.exitCode()).append(")\n");
        for (Verdict v : result.verdicts()) {
            sb.append("  ").append(pad(v.outcome().word())).append(v.name() == null ? "" : v.name() + ": ").append(v.constraint())
                    .append("\n      ").append(v.detail()).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String outcome) {
        return String.format("%-14s", outcome);
    }
}

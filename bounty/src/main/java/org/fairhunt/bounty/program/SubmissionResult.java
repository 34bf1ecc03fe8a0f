package org.fairhunt.bounty.program;

import org.fairhunt.bounty.pdl.Decision;

/**
 * What a submission got. {@link #reportedImprovement} and {@link #accepted} are all a submitter is told;
 * {@link #decision} holds the exact numbers for the program's record and its operator.
 */
public record SubmissionResult(long submissionId, String team, boolean accepted, double reportedImprovement,
        int submissionsLeft, Decision decision) {

    /** The message for the submitter: verdict, coarse improvement, budget left. */
    public String publicMessage() {
        String verdict = accepted
                ? "accepted: overall holdout error improved by at least " + fmt(reportedImprovement) + " (rounded down)"
                : "rejected";
        return "submission " + submissionId + " by team " + team + ": " + verdict + "; " + submissionsLeft
                + " submission(s) left in the team's budget";
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}

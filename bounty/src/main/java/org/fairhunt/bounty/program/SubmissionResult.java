package org.fairhunt.bounty.program;

import org.fairhunt.bounty.pdl.Decision;

/**
 * What a submission got. {@link #outcome}, {@link #reportedImprovement} and the budget left are all a
 * submitter is told; {@link #decision} holds the exact numbers for the program's record and its
 * operator (null when the submission was refused or failed on the holdout).
 */
public record SubmissionResult(long submissionId, String team, Outcome outcome, double reportedImprovement, int submissionsLeft,
        Decision decision) {

    /** How a recorded submission ended; every outcome is charged to the team's budget. */
    public enum Outcome {
        /** Decided on the holdout and accepted: the model was patched. */
        ACCEPTED,
        /** Decided on the holdout and rejected. */
        REJECTED,
        /** Not decided: its group nearly coincides on the holdout with one already submitted against this model version. */
        REFUSED,
        /** The group or the model failed on the holdout rows (after passing on the public rows). */
        FAILED;

        static Outcome of(boolean accepted) {
            return accepted ? ACCEPTED : REJECTED;
        }
    }

    static SubmissionResult failed(long id, String team, int left) {
        return new SubmissionResult(id, team, Outcome.FAILED, 0, left, null);
    }

    static SubmissionResult refused(long id, String team, int left) {
        return new SubmissionResult(id, team, Outcome.REFUSED, 0, left, null);
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    /** The message for the submitter: verdict, coarse improvement, budget left; never a holdout number. */
    public String publicMessage() {
        return publicMessage(submissionId, team, outcome, reportedImprovement, submissionsLeft);
    }

    /**
     * The one wording of what a submitter is told (the command line's {@code bounty submit}, local or through
     * the web service with {@code --server}, and the service's own messages).
     */
    public static String publicMessage(long submissionId, String team, Outcome outcome, double reportedImprovement, int submissionsLeft) {
        return "submission " + submissionId + " by team " + team + ": " + verdict(outcome, reportedImprovement) + "; " + submissionsLeft
                + " submission(s) left in the team's budget";
    }

    /** The verdict part of {@link #publicMessage()}: the outcome and, for an accept, the improvement rounded down. */
    public static String verdict(Outcome outcome, double reportedImprovement) {
        return switch (outcome) {
            case ACCEPTED -> "accepted: overall holdout error improved by at least " + fmt(reportedImprovement) + " (rounded down)";
            case REJECTED -> "rejected";
            case REFUSED -> "refused without a verdict: on the holdout the group is nearly the same as one already submitted against "
                    + "the current model (submit a substantially different group, or wait for the model to change)";
            case FAILED -> "failed: the group or the model failed on the holdout rows although it ran on the public rows "
                    + "(details are withheld because they could reveal holdout data)";
        };
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}

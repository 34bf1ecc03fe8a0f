package org.fairhunt.bounty.pdl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pointer decision list on the holdout: every version's predictions, the nodes that made them,
 * and for every accepted group (and the whole population) its error at each version since it was
 * accepted, so that its best-so-far error and the version that reached it are known.
 *
 * <p>Versions share nothing: version v's predictions are version v−1's with the rows of node v's group
 * replaced. Memory is one double per holdout row per version, which lets a repair point any group
 * at any earlier version in O(|group|).
 *
 * <p>Not thread-safe; a program decides one submission at a time.
 */
public final class PdlEngine {
    private final double[] labels;
    private final Loss loss;
    private final AcceptanceRule rule;
    private final List<double[]> predictions = new ArrayList<>();
    private final List<PdlNode> nodes = new ArrayList<>();
    private final List<TrackedGroup> tracked = new ArrayList<>();

    /** A group whose error may never rise above its best, with its errors from {@code since} on. */
    private static final class TrackedGroup {
        final long groupId;
        final int[] rows;
        final int since;
        final List<Double> errors = new ArrayList<>();

        TrackedGroup(long groupId, int[] rows, int since) {
            this.groupId = groupId;
            this.rows = rows;
            this.since = since;
        }

        int bestVersion() {
            int best = 0;
            for (int k = 1; k < errors.size(); k++) {
                if (errors.get(k) < errors.get(best)) {
                    best = k;
                }
            }
            return since + best;
        }

        double best() {
            return errors.get(bestVersion() - since);
        }

        double current() {
            return errors.get(errors.size() - 1);
        }
    }

    /**
     * @param labels          holdout labels (class codes for classification)
     * @param basePredictions the base model f0 on the holdout
     * @param rule            the acceptance rule decisions apply
     */
    public PdlEngine(double[] labels, double[] basePredictions, AcceptanceRule rule) {
        if (labels.length != basePredictions.length) {
            throw new IllegalArgumentException("labels and predictions differ in length: " + labels.length + " vs " + basePredictions.length);
        }
        this.labels = labels;
        this.loss = rule.loss();
        this.rule = rule;
        predictions.add(basePredictions.clone());
        int[] all = new int[labels.length];
        Arrays.setAll(all, i -> i);
        TrackedGroup population = new TrackedGroup(PdlNode.POPULATION, all, 0);
        population.errors.add(error(basePredictions, all));
        tracked.add(population);
    }

    public int rowCount() {
        return labels.length;
    }

    /** The newest version; 0 is the base model. */
    public int currentVersion() {
        return predictions.size() - 1;
    }

    /** Predictions of {@code version} (not copied; do not modify). */
    public double[] predictions(int version) {
        return predictions.get(version);
    }

    /** Nodes 1..current, in order. */
    public List<PdlNode> nodes() {
        return List.copyOf(nodes);
    }

    public Loss loss() {
        return loss;
    }

    public AcceptanceRule rule() {
        return rule;
    }

    /** Mean loss of {@code version} over the whole holdout. */
    public double error(int version) {
        return tracked.get(0).errors.get(version);
    }

    /** Mean loss of {@code version} on {@code rows}. */
    public double error(int version, int[] rows) {
        return error(predictions.get(version), rows);
    }

    private double error(double[] preds, int[] rows) {
        if (rows.length == 0) {
            return 0;
        }
        double sum = 0;
        for (int r : rows) {
            sum += loss.of(labels[r], preds[r]);
        }
        return sum / rows.length;
    }

    /** Ids of the tracked groups with their best error and version: {@code [groupId, bestVersion]} pairs. */
    public List<long[]> bestVersions() {
        List<long[]> out = new ArrayList<>();
        for (TrackedGroup g : tracked) {
            out.add(new long[] {g.groupId, g.bestVersion()});
        }
        return out;
    }

    /** Best error of tracked group {@code groupId} so far (since it was accepted). */
    public double bestError(long groupId) {
        return find(groupId).best();
    }

    /** Current error of tracked group {@code groupId}. */
    public double currentError(long groupId) {
        return find(groupId).current();
    }

    private TrackedGroup find(long groupId) {
        for (TrackedGroup g : tracked) {
            if (g.groupId == groupId) {
                return g;
            }
        }
        throw new IllegalArgumentException("group " + groupId + " is not tracked");
    }

    /**
     * Decides a submission: group rows {@code rows} (ascending holdout indices), candidate predictions
     * {@code candidateOnRows} (one per row of {@code rows}). When accepted, the list is updated and
     * repaired before returning.
     */
    public Decision decide(long groupId, int[] rows, double[] candidateOnRows) {
        int before = currentVersion();
        double errBefore = error(before);
        AcceptanceRule.Verdict v = rule.judge(labels, predictions.get(before), rows, candidateOnRows, labels.length);
        if (!v.passed()) {
            return new Decision(false, v.reason(), v.groupSize(), v.groupShare(), v.lossCurrent(), v.lossCandidate(), v.gain(),
                    rule.alpha(), v.pValue(), before, before, errBefore, errBefore, List.of());
        }
        List<PdlNode> added = new ArrayList<>();
        added.add(applyAccept(groupId, rows, candidateOnRows));
        added.addAll(repair());
        return new Decision(true, v.reason(), v.groupSize(), v.groupShare(), v.lossCurrent(), v.lossCandidate(), v.gain(), rule.alpha(),
                v.pValue(), before, currentVersion(), errBefore, error(currentVersion()), added);
    }

    /** Prepends an accept node and starts tracking its group; used by decisions and by replay. */
    public PdlNode applyAccept(long groupId, int[] rows, double[] candidateOnRows) {
        double[] next = predictions.get(currentVersion()).clone();
        for (int k = 0; k < rows.length; k++) {
            next[rows[k]] = candidateOnRows[k];
        }
        PdlNode node = PdlNode.accept(currentVersion() + 1, groupId, null);
        push(node, next);
        TrackedGroup g = new TrackedGroup(groupId, rows, currentVersion());
        g.errors.add(error(next, rows));
        tracked.add(g);
        return node;
    }

    /** Prepends a catch node sending tracked group {@code groupId} to {@code targetVersion}. */
    public PdlNode applyCatch(long groupId, int targetVersion) {
        TrackedGroup g = find(groupId);
        double[] next = predictions.get(currentVersion()).clone();
        double[] target = predictions.get(targetVersion);
        for (int r : g.rows) {
            next[r] = target[r];
        }
        PdlNode node = PdlNode.catchNode(currentVersion() + 1, groupId, targetVersion);
        push(node, next);
        return node;
    }

    /**
     * Repeats: pick the tracked group whose error exceeds its best by the most total loss, and prepend a
     * catch node sending it to its best version; until no group is worse than its best. Each catch
     * lowers the overall loss by a positive amount, so this ends.
     */
    public List<PdlNode> repair() {
        List<PdlNode> added = new ArrayList<>();
        int guard = 0;
        while (true) {
            TrackedGroup worst = null;
            double worstExcess = 0;
            for (TrackedGroup g : tracked) {
                double excess = (g.current() - g.best()) * g.rows.length;
                if (excess > worstExcess) {
                    worst = g;
                    worstExcess = excess;
                }
            }
            if (worst == null) {
                return added;
            }
            if (++guard > 100 * tracked.size() + 100) {
                throw new IllegalStateException("repair does not converge after " + guard + " catch nodes");
            }
            added.add(applyCatch(worst.groupId, worst.bestVersion()));
        }
    }

    private void push(PdlNode node, double[] next) {
        nodes.add(node);
        predictions.add(next);
        for (TrackedGroup g : tracked) {
            g.errors.add(error(next, g.rows));
        }
    }

    /** Drops every version after {@code version} (undoing a decision whose record could not be saved). */
    public void truncate(int version) {
        while (currentVersion() > version) {
            predictions.remove(predictions.size() - 1);
            nodes.remove(nodes.size() - 1);
            for (int i = tracked.size() - 1; i >= 0; i--) {
                TrackedGroup g = tracked.get(i);
                if (g.since > version) {
                    tracked.remove(i);
                } else {
                    g.errors.remove(g.errors.size() - 1);
                }
            }
        }
    }
}

package org.fairhunt.bounty.pdl;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.schema.FeatureData;

/**
 * Evaluates a pointer decision list on any rows. It builds versions the same way the engine does on
 * the holdout (each node replaces its group's rows of the previous version; an accepted model runs
 * on exactly the group's rows), so on the holdout it reproduces the engine's predictions bit for bit.
 */
public final class PdlPredictor {
    /** Resolves what nodes refer to. */
    public interface Resolver {
        GroupPredicate group(long groupId);

        OnnxModel model(String hash);
    }

    private PdlPredictor() {
    }

    /** Predictions of every version 0..nodes.size() on {@code data}; index 0 is the base model. */
    public static List<double[]> allVersions(FeatureData data, OnnxModel base, List<PdlNode> nodes, Resolver resolver) {
        List<double[]> versions = new ArrayList<>();
        versions.add(base.predict(data));
        java.util.Map<Long, int[]> rowsByGroup = new java.util.HashMap<>();
        for (PdlNode node : nodes) {
            int[] rows = rowsByGroup.computeIfAbsent(node.groupId(), id -> {
                if (id == PdlNode.POPULATION) {
                    int[] all = new int[data.rowCount()];
                    java.util.Arrays.setAll(all, i -> i);
                    return all;
                }
                return GroupPredicate.rows(resolver.group(id).members(data));
            });
            double[] next = versions.get(versions.size() - 1).clone();
            if (node.kind() == PdlNode.Kind.ACCEPT) {
                if (rows.length > 0) {
                    double[] h = resolver.model(node.modelHash()).predict(data.subset(rows));
                    for (int k = 0; k < rows.length; k++) {
                        next[rows[k]] = h[k];
                    }
                }
            } else {
                double[] target = versions.get(node.targetVersion());
                for (int r : rows) {
                    next[r] = target[r];
                }
            }
            versions.add(next);
        }
        return versions;
    }

    /** Predictions of the last version. */
    public static double[] predict(FeatureData data, OnnxModel base, List<PdlNode> nodes, Resolver resolver) {
        List<double[]> v = allVersions(data, base, nodes, resolver);
        return v.get(v.size() - 1);
    }
}

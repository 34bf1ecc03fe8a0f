package org.fairhunt.bounty.pdl;

import java.util.List;

/**
 * The numbers behind one verdict, all on the holdout: the group's size and share μ̂(g), the current
 * model's and the candidate's mean loss on the group, the gain μ̂(g)·(L̂(f,g) − L̂(h,g)) compared with α,
 * the paired test's p-value (NaN when the test was not reached), and, when accepted, the nodes added (the accept node, then any repair catch nodes) and the overall
 * error before and after.
 */
public record Decision(boolean accepted, String reason, int groupSize, double groupShare, double lossCurrent,
        double lossCandidate, double gain, double alpha, double pValue, int versionBefore, int versionAfter, double errorBefore,
        double errorAfter, List<PdlNode> nodesAdded) {

    /** Number of repair (catch) nodes this decision added. */
    public int repairs() {
        return (int) nodesAdded.stream().filter(n -> n.kind() == PdlNode.Kind.CATCH).count();
    }
}

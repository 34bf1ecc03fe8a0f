package org.fairhunt.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditState;
import org.fairhunt.core.engine.PoissonWeights;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;

/**
 * What one partition sends to the driver: its serialized {@link AuditState} and, with a bootstrap, each atom's
 * (combination of group values') bootstrap cluster keys, up to {@link AuditRun#CLUSTER_COUNT_CAP} of them, so
 * the driver counts each slice's clusters as the local engine does. Merges associatively; its size depends on
 * the atoms, replicates and the cap (at most atoms × cap keys), not on the rows.
 */
final class PartResult implements Serializable {
    private static final long serialVersionUID = 1L;
    byte[] state;
    /** Group values (null: missing) → its cluster keys (at most the cap). */
    final HashMap<List<String>, HashSet<Long>> atoms = new HashMap<>();
    long clusterMissing;

    /** Adds a chunk's rows: its state, and with {@code clusters} its atoms' cluster states. */
    void add(AuditState chunkState, Table part, long[] rowIds, List<String> groups, String cluster, boolean clusters) {
        state = state == null ? chunkState.toBytes() : AuditState.fromBytes(state).merge(chunkState).toBytes();
        if (!clusters) {
            return;
        }
        int g = groups.size();
        CategoricalColumn[] columns = new CategoricalColumn[g];
        long[] radix = new long[g];
        for (int j = 0; j < g; j++) {
            columns[j] = part.categorical(groups.get(j));
            radix[j] = columns[j].levelCount() + 1L;
        }
        Column clusterColumn = cluster == null ? null : part.column(cluster);
        Map<Long, HashSet<Long>> byCode = new HashMap<>();
        for (int i = 0; i < part.rowCount(); i++) {
            long code = 0;
            for (int j = 0; j < g; j++) {
                int c = columns[j].code(i);
                code = Math.addExact(Math.multiplyExact(code, radix[j]), c == CategoricalColumn.MISSING ? radix[j] - 1 : c);
            }
            // The local engine's keys: the cluster value's, or the row's own when it has none.
            String text = clusterColumn == null ? null : clusterColumn.text(i);
            if (text == null && clusterColumn != null) {
                clusterMissing++;
            }
            HashSet<Long> keys = byCode.computeIfAbsent(code, k -> new HashSet<>());
            if (keys.size() < AuditRun.CLUSTER_COUNT_CAP) {
                keys.add(text != null ? PoissonWeights.keyOf(text) : PoissonWeights.keyOfRow(rowIds[i]));
            }
        }
        for (Map.Entry<Long, HashSet<Long>> e : byCode.entrySet()) {
            String[] values = new String[g];
            long code = e.getKey();
            for (int j = g - 1; j >= 0; j--) {
                int c = (int) (code % radix[j]);
                code /= radix[j];
                values[j] = c == radix[j] - 1 ? null : columns[j].level(c);
            }
            atoms.merge(java.util.Arrays.asList(values), e.getValue(), PartResult::union);
        }
    }

    static PartResult merge(PartResult a, PartResult b) {
        PartResult m = new PartResult();
        m.state = a.state == null ? b.state : b.state == null ? a.state
                : AuditState.fromBytes(a.state).merge(AuditState.fromBytes(b.state)).toBytes();
        a.atoms.forEach((k, v) -> m.atoms.merge(k, v, PartResult::union));
        b.atoms.forEach((k, v) -> m.atoms.merge(k, v, PartResult::union));
        m.clusterMissing = a.clusterMissing + b.clusterMissing;
        return m;
    }

    /** The union of two atoms' cluster keys, capped (a new set: the inputs may be shared). */
    static HashSet<Long> union(HashSet<Long> a, HashSet<Long> b) {
        HashSet<Long> u = new HashSet<>(a);
        for (Long k : b) {
            if (u.size() >= AuditRun.CLUSTER_COUNT_CAP) {
                break;
            }
            u.add(k);
        }
        return u;
    }
}

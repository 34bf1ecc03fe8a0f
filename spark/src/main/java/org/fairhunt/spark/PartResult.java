package org.fairhunt.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.engine.AuditState;
import org.fairhunt.core.engine.PoissonWeights;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;

/**
 * What one partition sends to the driver: its serialized {@link AuditState} and, with a bootstrap, for each
 * atom (combination of group values) whether its rows form one bootstrap cluster or several, so the driver
 * can flag slices with a single cluster as the local engine does. Merges associatively; its size depends on
 * the atoms and replicates, not on the rows.
 */
final class PartResult implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Atom cluster states: one cluster key so far, one row that is a cluster of its own, several clusters. */
    static final long ONE_KEY = 0;
    static final long ONE_ROW = 1;
    static final long SEVERAL = 2;

    byte[] state;
    /** Group values (null: missing) → {cluster state, key}. */
    final HashMap<List<String>, long[]> atoms = new HashMap<>();
    long clusterMissing;

    /** Adds a chunk's rows: its state, and with {@code clusters} its atoms' cluster states. */
    void add(AuditState chunkState, Table part, List<String> groups, String cluster, boolean clusters) {
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
        Map<Long, long[]> byCode = new HashMap<>();
        for (int i = 0; i < part.rowCount(); i++) {
            long code = 0;
            for (int j = 0; j < g; j++) {
                int c = columns[j].code(i);
                code = Math.addExact(Math.multiplyExact(code, radix[j]), c == CategoricalColumn.MISSING ? radix[j] - 1 : c);
            }
            long[] one = {ONE_ROW, 0};
            String key = clusterColumn == null ? null : clusterColumn.text(i);
            if (key != null) {
                one = new long[] {ONE_KEY, PoissonWeights.keyOf(key)};
            } else if (clusterColumn != null) {
                clusterMissing++;
            }
            byCode.merge(code, one, PartResult::mergeAtom);
        }
        for (Map.Entry<Long, long[]> e : byCode.entrySet()) {
            String[] values = new String[g];
            long code = e.getKey();
            for (int j = g - 1; j >= 0; j--) {
                int c = (int) (code % radix[j]);
                code /= radix[j];
                values[j] = c == radix[j] - 1 ? null : columns[j].level(c);
            }
            atoms.merge(java.util.Arrays.asList(values), e.getValue(), PartResult::mergeAtom);
        }
    }

    static PartResult merge(PartResult a, PartResult b) {
        PartResult m = new PartResult();
        m.state = a.state == null ? b.state : b.state == null ? a.state
                : AuditState.fromBytes(a.state).merge(AuditState.fromBytes(b.state)).toBytes();
        m.atoms.putAll(a.atoms);
        b.atoms.forEach((k, v) -> m.atoms.merge(k, v, PartResult::mergeAtom));
        m.clusterMissing = a.clusterMissing + b.clusterMissing;
        return m;
    }

    /** Whether two sets of rows, each with one cluster or several, hold together one cluster or several. */
    static long[] mergeAtom(long[] a, long[] b) {
        if (a[0] == ONE_KEY && b[0] == ONE_KEY && a[1] == b[1]) {
            return a;
        }
        return new long[] {SEVERAL, 0};
    }
}

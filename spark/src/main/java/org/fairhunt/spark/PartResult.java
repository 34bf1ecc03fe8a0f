package org.fairhunt.spark;

import java.io.Serializable;
import java.util.Arrays;
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
 * What one partition sends to the driver: its serialized {@link AuditState} and, with a bootstrap, what the
 * driver needs to count each slice's bootstrap clusters as the local engine does (capped at
 * {@link AuditRun#CLUSTER_COUNT_CAP}): per atom (combination of group values) the cluster column's keys, up
 * to the cap, and the number of rows that are clusters of their own (no cluster column, or no value in it:
 * their keys are their row numbers', distinct by construction, so a count stands for them). Merges
 * associatively; without a cluster column its size depends on atoms and replicates only, with one at most
 * 8 bytes × atoms × cap more.
 */
final class PartResult implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One atom's clusters: the cluster values' keys (sorted, distinct, at most the cap) and rows of their own. */
    record Clusters(long[] keys, long ownRows) implements Serializable {
        /** Distinct clusters, capped. */
        int count() {
            return (int) Math.min(AuditRun.CLUSTER_COUNT_CAP, keys.length + ownRows);
        }

        static Clusters union(Clusters a, Clusters b) {
            return new Clusters(unionKeys(a.keys, b.keys), a.ownRows + b.ownRows);
        }
    }

    byte[] state;
    /** Group values (null: missing) → its clusters. */
    final HashMap<List<String>, Clusters> atoms = new HashMap<>();
    long clusterMissing;
    /** The audit extension's digest of the partition's rows ({@link SparkAuditor.Extension}). */
    Serializable digest;

    /** Adds a chunk's rows: its state, and with {@code clusters} its atoms' clusters. */
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
        Map<Long, HashSet<Long>> keysByCode = new HashMap<>();
        Map<Long, long[]> ownByCode = new HashMap<>();
        for (int i = 0; i < part.rowCount(); i++) {
            long code = 0;
            for (int j = 0; j < g; j++) {
                int c = columns[j].code(i);
                code = Math.addExact(Math.multiplyExact(code, radix[j]), c == CategoricalColumn.MISSING ? radix[j] - 1 : c);
            }
            HashSet<Long> keys = keysByCode.computeIfAbsent(code, k -> new HashSet<>());
            String text = clusterColumn == null ? null : clusterColumn.text(i);
            if (text != null) {
                if (keys.size() < AuditRun.CLUSTER_COUNT_CAP) {
                    keys.add(PoissonWeights.keyOf(text));
                }
            } else {
                ownByCode.computeIfAbsent(code, k -> new long[1])[0]++;
                if (clusterColumn != null) {
                    clusterMissing++;
                }
            }
        }
        for (Map.Entry<Long, HashSet<Long>> e : keysByCode.entrySet()) {
            String[] values = new String[g];
            long code = e.getKey();
            for (int j = g - 1; j >= 0; j--) {
                int c = (int) (code % radix[j]);
                code /= radix[j];
                values[j] = c == radix[j] - 1 ? null : columns[j].level(c);
            }
            long[] keys = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            long[] own = ownByCode.get(e.getKey());
            atoms.merge(Arrays.asList(values), new Clusters(keys, own == null ? 0 : own[0]), Clusters::union);
        }
    }

    static <D extends Serializable> PartResult merge(PartResult a, PartResult b, SparkAuditor.Extension<D> extension) {
        PartResult m = new PartResult();
        @SuppressWarnings("unchecked")
        D da = (D) a.digest;
        @SuppressWarnings("unchecked")
        D db = (D) b.digest;
        m.digest = da == null ? db : db == null ? da : extension.merge(da, db);
        m.state = a.state == null ? b.state : b.state == null ? a.state
                : AuditState.fromBytes(a.state).merge(AuditState.fromBytes(b.state)).toBytes();
        a.atoms.forEach((k, v) -> m.atoms.merge(k, v, Clusters::union));
        b.atoms.forEach((k, v) -> m.atoms.merge(k, v, Clusters::union));
        m.clusterMissing = a.clusterMissing + b.clusterMissing;
        return m;
    }

    /** The sorted union of two sorted key sets, cut at the cap (which keys are kept past it does not matter). */
    static long[] unionKeys(long[] a, long[] b) {
        long[] out = new long[Math.min(AuditRun.CLUSTER_COUNT_CAP, a.length + b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (n < out.length && (i < a.length || j < b.length)) {
            long next;
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                next = a[i++];
            } else if (i >= a.length || b[j] < a[i]) {
                next = b[j++];
            } else {
                next = a[i++];
                j++;
            }
            out[n++] = next;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}

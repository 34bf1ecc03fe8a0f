package org.fairhunt.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.fairhunt.core.engine.PoissonWeights;
import org.fairhunt.core.table.Binning;

/**
 * The first pass over one partition: its row count, for every categorical column the values it holds with
 * the position of their first row (so the driver can order levels by first appearance in the whole data,
 * as the local {@code Table} does), missing counts, and per atom (combination of group values) whether it
 * holds one bootstrap cluster or several. All of it merges on the driver; none of it grows with rows.
 */
final class Discovery implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Atom cluster state: one cluster key so far, one row that is a cluster of its own, several. */
    static final long ONE_KEY = 0;
    static final long ONE_ROW = 1;
    static final long SEVERAL = 2;

    /** What the pass reads; serializable, shipped to the executors. */
    record Plan(int[] fields, String[] binnings, int[] groupFields, int clusterField, int rowIdField, int maxValues)
            implements Serializable {
    }

    final int partition;
    long rows;
    /** Per discovered field: value → first row (local index, or row id with a row-id column). */
    final List<Map<String, Long>> first = new ArrayList<>();
    final long[] missing;
    final boolean[] overflow;
    long clusterMissing;
    /** Atom (group values, null for missing) → {state, key}. */
    final Map<List<String>, long[]> atoms = new HashMap<>();

    private Discovery(int partition, int fields) {
        this.partition = partition;
        this.missing = new long[fields];
        this.overflow = new boolean[fields];
        for (int f = 0; f < fields; f++) {
            first.add(new LinkedHashMap<>());
        }
    }

    static Discovery of(int partition, Iterator<Row> rows, Plan plan, boolean clusters) {
        Discovery d = new Discovery(partition, plan.fields().length);
        Binning[] bins = new Binning[plan.fields().length];
        List<List<String>> binLabels = new ArrayList<>();
        for (int q = 0; q < bins.length; q++) {
            bins[q] = plan.binnings()[q] == null ? null : Binning.parse(plan.binnings()[q]);
            binLabels.add(bins[q] == null ? null : bins[q].labels());
        }
        String[] values = new String[plan.fields().length];
        long index = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            long position = plan.rowIdField() >= 0 ? row.getLong(plan.rowIdField()) : index;
            for (int q = 0; q < values.length; q++) {
                int f = plan.fields()[q];
                String v;
                if (bins[q] != null) {
                    int b = bins[q].bin(Values.number(row, f));
                    v = b < 0 ? null : binLabels.get(q).get(b);
                } else {
                    v = Values.text(row, f);
                }
                values[q] = v;
                if (v == null) {
                    d.missing[q]++;
                } else if (!d.overflow[q]) {
                    Map<String, Long> m = d.first.get(q);
                    Long seen = m.get(v);
                    if (seen == null) {
                        if (m.size() >= plan.maxValues()) {
                            d.overflow[q] = true;
                        } else {
                            m.put(v, position);
                        }
                    } else if (position < seen) {
                        m.put(v, position);
                    }
                }
            }
            if (clusters) {
                String[] atom = new String[plan.groupFields().length];
                for (int g = 0; g < atom.length; g++) {
                    atom[g] = values[plan.groupFields()[g]];
                }
                long state = ONE_ROW;
                long key = 0;
                if (plan.clusterField() >= 0) {
                    String c = Values.text(row, plan.clusterField());
                    if (c == null) {
                        d.clusterMissing++;
                    } else {
                        state = ONE_KEY;
                        key = PoissonWeights.keyOf(c);
                    }
                }
                d.atoms.merge(Arrays.asList(atom), new long[] {state, key}, Discovery::mergeAtom);
            }
            index++;
        }
        d.rows = index;
        return d;
    }

    /** Whether two sets of rows, each with one cluster or several, hold together one cluster or several. */
    static long[] mergeAtom(long[] a, long[] b) {
        if (a[0] == ONE_KEY && b[0] == ONE_KEY && a[1] == b[1]) {
            return a;
        }
        return new long[] {SEVERAL, 0};
    }
}

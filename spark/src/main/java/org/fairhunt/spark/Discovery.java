package org.fairhunt.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.fairhunt.core.table.Binning;

/**
 * The first pass over one partition: its row count, and for every categorical column the values it holds
 * with the position of their first row (the local table orders a numeric column's printed values by first
 * appearance; text it sorts, and then the positions are unused) and the missing count. It merges on the
 * driver and does not grow with rows.
 */
final class Discovery implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the pass reads; serializable, shipped to the executors. */
    record Plan(int[] fields, String[] binnings, int rowIdField, int maxValues, int[] caps)
            implements Serializable {
        Plan(int[] fields, String[] binnings, int rowIdField, int maxValues) {
            this(fields, binnings, rowIdField, maxValues, null);
        }

        /** The most values kept for discovered field {@code q} (past it, the field overflows). */
        int cap(int q) {
            return caps == null ? maxValues : caps[q];
        }
    }

    final int partition;
    long rows;
    /** Per discovered field: value → first row (local index, or row id with a row-id column). */
    final List<Map<String, Long>> first = new ArrayList<>();
    final long[] missing;
    final boolean[] overflow;

    private Discovery(int partition, int fields) {
        this.partition = partition;
        this.missing = new long[fields];
        this.overflow = new boolean[fields];
        for (int f = 0; f < fields; f++) {
            first.add(new LinkedHashMap<>());
        }
    }

    static Discovery of(int partition, Iterator<Row> rows, Plan plan) {
        Discovery d = new Discovery(partition, plan.fields().length);
        Binning[] bins = new Binning[plan.fields().length];
        List<List<String>> binLabels = new ArrayList<>();
        for (int q = 0; q < bins.length; q++) {
            bins[q] = plan.binnings()[q] == null ? null : Binning.parse(plan.binnings()[q]);
            binLabels.add(bins[q] == null ? null : bins[q].labels());
        }
        Values.Texts[] texts = new Values.Texts[plan.fields().length];
        for (int q = 0; q < texts.length; q++) {
            texts[q] = new Values.Texts();
        }
        long index = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            long position = plan.rowIdField() >= 0 ? row.getLong(plan.rowIdField()) : index;
            for (int q = 0; q < texts.length; q++) {
                int f = plan.fields()[q];
                String v;
                if (bins[q] != null) {
                    int b = bins[q].bin(Values.number(row, f));
                    v = b < 0 ? null : binLabels.get(q).get(b);
                } else {
                    v = texts[q].of(row, f);
                }
                if (v == null) {
                    d.missing[q]++;
                } else if (!d.overflow[q]) {
                    Map<String, Long> m = d.first.get(q);
                    Long seen = m.get(v);
                    if (seen == null) {
                        if (m.size() >= plan.cap(q)) {
                            d.overflow[q] = true;
                        } else {
                            m.put(v, position);
                        }
                    } else if (position < seen) {
                        m.put(v, position);
                    }
                }
            }
            index++;
        }
        d.rows = index;
        return d;
    }

    /** One discovered field over every partition: values with their first row (in the Dataset's order), missing count, overflow. */
    record Merged(Map<String, Long> first, long missing, boolean overflow) {
        /**
         * The values ordered as the local readers order them: a numeric column's printed values by first
         * appearance (its conversion to categories), text in natural order ("2" before "10").
         */
        List<String> levels(boolean numeric) {
            List<String> levels = new ArrayList<>(first.keySet());
            levels.sort(numeric ? java.util.Comparator.comparingLong(first::get) : org.fairhunt.core.table.NaturalOrder.INSTANCE);
            return levels;
        }
    }

    /** Field {@code q} of every partition's discovery, with positions offset by each partition's first row {@code start}. */
    static Merged merge(List<Discovery> parts, int q, long[] start) {
        Map<String, Long> first = new java.util.HashMap<>();
        long missing = 0;
        boolean overflow = false;
        for (Discovery d : parts) {
            missing += d.missing[q];
            overflow |= d.overflow[q];
            for (Map.Entry<String, Long> e : d.first.get(q).entrySet()) {
                first.merge(e.getKey(), e.getValue() + start[d.partition], Math::min);
            }
        }
        return new Merged(first, missing, overflow);
    }

    /** The first pass over every partition: each partition's discovery (in partition order), first row and the row count. */
    record Pass(List<Discovery> parts, long[] start, long rows) {
    }

    /** Runs the first pass of {@code plan} over {@code rdd}. */
    static Pass run(org.apache.spark.api.java.JavaRDD<Row> rdd, Plan plan) {
        List<Discovery> parts = new ArrayList<>(rdd.mapPartitionsWithIndex(
                (Integer p, Iterator<Row> it) -> List.of(Discovery.of(p, it, plan)).iterator(), false).collect());
        parts.sort(java.util.Comparator.comparingInt(d -> d.partition));
        long[] start = new long[parts.isEmpty() ? 0 : parts.get(parts.size() - 1).partition + 1];
        long rows = 0;
        for (Discovery d : parts) {
            start[d.partition] = rows;
            rows += d.rows;
        }
        return new Pass(parts, start, rows);
    }
}

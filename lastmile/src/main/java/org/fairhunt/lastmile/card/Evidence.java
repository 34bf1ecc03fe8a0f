package org.fairhunt.lastmile.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.MetricSeries;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.engine.StatisticGrid;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;

/**
 * The evidence section of an audit ({@value #SCHEMA}, key {@code evidence} of {@code audit.json}): what a
 * later comparison needs beyond the reported values — per slice, the number of bootstrap clusters
 * (speakers), the sufficient statistics (the summed slots of every statistic) and every metric's
 * bootstrap replicate values. With them a customer's test gets the provider's sampling variance right
 * (differences of replicates), and the card can be rebuilt and re-checked from the audit alone.
 *
 * <p>Replicates are stored compactly as base64 of little-endian IEEE 754 float32 values (NaN where the
 * metric was undefined in a replicate): 500 replicates take 2.7 kB per slice and metric, and float32's
 * 7 significant digits are far below any interval's width.
 */
public final class Evidence {
    public static final String SCHEMA = "fairhunt.evidence/v1";
    public static final String KEY = "evidence";

    private Evidence() {
    }

    /** The result with an {@code evidence} section when the run was bootstrapped (else unchanged). */
    public static AuditResult attach(AuditResult result, AuditRun run, Table table) {
        if (run.replicates() < 2) { // fewer than two replicates carry no variance
            return result;
        }
        return result.withExtension(KEY, toJson(result, run, table));
    }

    public static ObjectNode toJson(AuditResult result, AuditRun run, Table table) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("schema", SCHEMA);
        root.put("replicates", run.replicates());
        root.put("seed", run.spec().seed());
        String cluster = run.spec().cluster();
        if (cluster != null) {
            root.put("cluster", cluster);
        } else {
            root.putNull("cluster");
        }
        ObjectNode directions = root.putObject("higher_is_better");
        List<MetricSeries> series = run.metrics().stream()
                .filter(s -> result.metrics().containsKey(s.info().metricName())).toList();
        for (MetricSeries s : series) {
            Boolean h = s.info().higherIsBetter();
            if (h == null) {
                directions.putNull(s.info().metricName());
            } else {
                directions.put(s.info().metricName(), h);
            }
        }
        int[] clusters = cluster == null ? null : clusterCounts(run, table, cluster);
        var slices = root.putArray("slices");
        for (int sl = 0; sl < run.slices().size(); sl++) {
            ObjectNode s = slices.addObject();
            s.put("slice", run.slices().get(sl).label());
            if (clusters != null && clusters[sl] >= 0) {
                s.put("clusters", clusters[sl]);
            }
            ObjectNode sums = s.putObject("sums");
            for (StatisticGrid g : run.grids()) {
                ObjectNode stat = sums.putObject(g.statistic().name());
                List<String> slots = g.statistic().slotNames();
                for (int k = 0; k < slots.size(); k++) {
                    stat.put(slots.get(k), g.sum(sl, 0, k));
                }
            }
            ObjectNode reps = s.putObject("replicates");
            for (MetricSeries m : series) {
                if (!m.info().hasInterval()) {
                    continue;
                }
                float[] values = new float[run.replicates()];
                for (int r = 1; r <= run.replicates(); r++) {
                    MetricValue v = m.value(sl, r);
                    values[r - 1] = v.defined() ? (float) v.value() : Float.NaN;
                }
                reps.put(m.info().metricName(), encode(values));
            }
        }
        return root;
    }

    /** Distinct cluster keys per slice; -1 where the slice's rows could not be matched exactly (never guessed). */
    public static int[] clusterCounts(AuditRun run, Table table, String clusterColumn) {
        int[] out = new int[run.slices().size()];
        if (table == null || !table.hasColumn(clusterColumn)) {
            java.util.Arrays.fill(out, -1);
            return out;
        }
        Column key = table.column(clusterColumn);
        for (int sl = 0; sl < run.slices().size(); sl++) {
            SliceKey slice = run.slices().get(sl);
            Column[] cols = new Column[slice.attributes().size()];
            boolean ok = true;
            for (int a = 0; a < cols.length; a++) {
                if (!table.hasColumn(slice.attributes().get(a))) {
                    ok = false;
                    break;
                }
                cols[a] = table.column(slice.attributes().get(a));
            }
            if (!ok) {
                out[sl] = -1;
                continue;
            }
            Set<String> seen = new HashSet<>();
            long rows = 0;
            for (int row = 0; row < table.rowCount(); row++) {
                boolean match = true;
                for (int a = 0; a < cols.length && match; a++) {
                    String v = cols[a].text(row);
                    match = slice.values().get(a).equals(v == null ? "(missing)" : v);
                }
                if (match) {
                    rows++;
                    String k = key.text(row);
                    if (k != null) {
                        seen.add(k);
                    }
                }
            }
            out[sl] = rows == run.sliceRows()[sl] ? seen.size() : -1;
        }
        return out;
    }

    public static String encode(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    public static double[] decode(JsonNode text, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.asText());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where + ": replicates are not valid base64");
        }
        if (bytes.length % 4 != 0) {
            throw new UserInputException(where + ": replicates hold " + bytes.length + " bytes, not a whole number of float32 values");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[bytes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat();
        }
        return out;
    }
}

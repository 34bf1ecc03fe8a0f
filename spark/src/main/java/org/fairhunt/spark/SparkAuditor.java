package org.fairhunt.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fairhunt.core.RowInputException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.AuditState;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.engine.Slicing;
import org.fairhunt.core.metric.Statistic;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.NaturalOrder;
import org.fairhunt.core.table.Table;

/**
 * Runs an {@link AuditRequest} on a Spark {@link Dataset} with the numbers of the local engine.
 *
 * <p>Two passes over the data. The first (one task per partition) finds each categorical column's values
 * with their first row, and the partitions' row counts; the driver orders the levels as the local readers
 * do and checks the request against a table of levels without rows before the second pass runs. The
 * second pass fills, per partition, the local engine's {@link AuditState} over chunks of rows and merges
 * the states with {@code treeReduce}: what travels is the serialized state, whose size depends on the
 * slices and replicates, never on the rows (and, with a bootstrap, the atoms' cluster keys, capped).
 *
 * <p>Why {@code mapPartitions} + {@code treeReduce} rather than a typed {@code Aggregator} through
 * {@code functions.udaf}: the state is one object for the whole audit (every slice × replicate), built by
 * the local engine's blocked loop over primitive arrays; an {@code Aggregator} would be called per row
 * through Spark's encoders and buffer serialization, and its natural key (a SQL group-by) cannot express
 * the overlapping slices of intersections. The state's bytes are the same as {@link AuditState#toBytes()}.
 *
 * <p>Row numbers for the bootstrap: without a cluster column the local engine keys each row's weights on
 * its 0-based row index. Here row {@code i} of partition {@code p} is row {@code start(p) + i}, with
 * {@code start} the running sum of the partitions' row counts from the first pass: the Dataset's row order,
 * which for a file read without a shuffle is the file order (Spark splits a file into partitions in order).
 * A Dataset whose order is not deterministic (after a shuffle) needs a row-id column instead
 * ({@link Options#rowId}), holding each row's 0-based number. Counts are exact; sums of doubles differ from
 * the local engine's only by summation order (relative difference below 1e-12).
 */
public final class SparkAuditor {
    /** Rows per chunk handed to the local engine within a partition (bounded memory per task). */
    static final int CHUNK_ROWS = 1 << 19;
    /** Most distinct values the first pass keeps per categorical column (a group's count is exact up to it). */
    static final int MAX_OTHER_VALUES = 1_000_000;

    /**
     * Where the data came from (for messages and the result), an optional row-id column, and text columns
     * the extra statistics read besides the request's roles (speech's reference and hypothesis).
     */
    public record Options(String source, String rowId, List<String> textColumns) {
        public Options {
            textColumns = List.copyOf(textColumns);
        }

        public Options(String source, String rowId) {
            this(source, rowId, List.of());
        }

        public static Options defaults() {
            return new Options("<Dataset>", null);
        }
    }

    /** Builds the statistics an audit adds to the request's (speech's WER); runs on the executors too. */
    public interface ExtraStatistics extends Serializable {
        List<Statistic> get();
    }

    /**
     * What an audit adds to the request's statistics, per chunk of rows in the executors, with a mergeable
     * digest of its own (speech's worst utterances, speakers, MAPSSWE segments): the chunk's rows are read
     * once for both.
     *
     * @param <D> the digest: serializable, merged associatively
     */
    public interface Extension<D extends Serializable> extends Serializable {
        /**
         * The extra statistics for {@code rows} (the chunk, group attributes binned), whose 0-based numbers in
         * the whole data are {@code rowNumbers}; adds to {@code digest} what it keeps. The driver calls it with a
         * table of the columns' levels and no rows, and a null digest, to check the request.
         */
        List<Statistic> statistics(Table rows, long[] rowNumbers, D digest);

        /** An empty digest (on an executor, once per partition). */
        D newDigest();

        /** The digest of both partitions' rows; may return {@code a} filled with {@code b}. */
        D merge(D a, D b);
    }

    /** An audit's outcome and its extension's digest of every row. */
    public record Run<D>(Auditor.Outcome outcome, D digest) {
    }

    private SparkAuditor() {
    }

    /** Runs {@code request} on {@code data}: the same outcome as {@link Auditor#run} on the same rows. */
    public static Auditor.Outcome run(Dataset<Row> data, AuditRequest request) {
        return run(data, request, Options.defaults(), List::of);
    }

    /** Runs {@code request} on {@code data} with {@code extra} statistics (see {@link Auditor#run(Table, AuditRequest, List)}). */
    public static Auditor.Outcome run(Dataset<Row> data, AuditRequest request, Options options, ExtraStatistics extra) {
        return run(data, request, options, new Extension<Boolean>() {
            @Override
            public List<Statistic> statistics(Table rows, long[] rowNumbers, Boolean digest) {
                return extra.get();
            }

            @Override
            public Boolean newDigest() {
                return Boolean.TRUE;
            }

            @Override
            public Boolean merge(Boolean a, Boolean b) {
                return a;
            }
        }, Map.of()).outcome();
    }

    /**
     * Runs {@code request} on {@code data} with an {@code extension}'s statistics and digest; {@code extraSettings}
     * join the result's settings (see {@link Auditor#run(Table, AuditRequest, List, Map)}).
     */
    public static <D extends Serializable> Run<D> run(Dataset<Row> data, AuditRequest request, Options options,
            Extension<D> extension, Map<String, Object> extraSettings) {
        String source = options.source();
        StructType schema = data.schema();
        Layout layout = new Layout();
        for (String g : request.groups()) {
            DataType t = type(schema, source, g);
            if (Values.isNumeric(t)) {
                if (!request.bins().containsKey(g)) {
                    throw Slicing.numericGroup(source, g);
                }
                layout.add(g, Layout.Kind.NUMERIC);
            } else {
                textual(source, g, t);
                if (request.bins().containsKey(g)) {
                    throw new UserInputException(source + ": column '" + g + "' must be numeric to be binned, but its type is "
                            + t.simpleString());
                }
                layout.add(g, Layout.Kind.CATEGORICAL);
            }
        }
        Layout.Kind outcome = request.regression() ? Layout.Kind.NUMERIC : Layout.Kind.CATEGORICAL;
        role(layout, schema, source, request.label(), outcome);
        role(layout, schema, source, request.prediction(), outcome);
        role(layout, schema, source, request.score(), Layout.Kind.NUMERIC);
        role(layout, schema, source, request.weight(), Layout.Kind.NUMERIC);
        role(layout, schema, source, request.cluster(), Layout.Kind.TEXT);
        role(layout, schema, source, request.conditionalGroup(), Layout.Kind.CATEGORICAL);
        for (String c : options.textColumns()) {
            role(layout, schema, source, c, Layout.Kind.TEXT);
        }
        List<org.apache.spark.sql.Column> select = new ArrayList<>();
        for (String n : layout.names()) {
            select.add(functions.col(quote(n)));
        }
        int rowIdField = -1;
        if (options.rowId() != null) {
            DataType t = type(schema, source, options.rowId());
            if (!(t instanceof IntegralType)) {
                throw new UserInputException(source + ": row-id column '" + options.rowId() + "' must hold whole numbers, but its type is "
                        + t.simpleString());
            }
            rowIdField = layout.size();
            select.add(functions.col(quote(options.rowId())).cast(DataTypes.LongType));
        }
        Dataset<Row> selected = data.select(select.toArray(new org.apache.spark.sql.Column[0]));

        // First pass: levels in order of first appearance, row counts, cluster structure.
        List<Integer> discovered = new ArrayList<>();
        List<String> binnings = new ArrayList<>();
        List<Integer> caps = new ArrayList<>();
        for (int f = 0; f < layout.size(); f++) {
            String name = layout.name(f);
            boolean group = request.groups().contains(name);
            if (layout.kind(f) == Layout.Kind.CATEGORICAL || group) {
                discovered.add(f);
                binnings.add(group && layout.kind(f) == Layout.Kind.NUMERIC ? request.bins().get(name) : null);
                caps.add(MAX_OTHER_VALUES + 1);
            }
        }
        Discovery.Plan plan = new Discovery.Plan(discovered.stream().mapToInt(Integer::intValue).toArray(),
                binnings.toArray(new String[0]), rowIdField, caps.stream().mapToInt(Integer::intValue).max().orElse(1));
        boolean clusters = request.bootstrap() > 0;
        JavaRDD<Row> rdd = selected.javaRDD();
        var context = selected.sparkSession().sparkContext();
        context.setJobDescription("fairhunt: first pass (levels, row counts, clusters)");
        Discovery.Pass pass = Discovery.run(rdd, plan);
        List<Discovery> parts = pass.parts();
        long[] start = pass.start();
        long rows = pass.rows();
        if (rows == 0) {
            throw new UserInputException(source + ": no rows to audit");
        }
        if (rows > Integer.MAX_VALUE) {
            throw new UserInputException(source + ": " + rows + " rows; this version audits at most " + Integer.MAX_VALUE
                    + " rows in one run (split the data, for example by month)");
        }
        for (int q = 0; q < discovered.size(); q++) {
            int f = discovered.get(q);
            String name = layout.name(f);
            boolean group = request.groups().contains(name);
            Map<String, Long> first = new HashMap<>();
            long missing = 0;
            boolean overflow = false;
            for (Discovery d : parts) {
                missing += d.missing[q];
                overflow |= d.overflow[q];
                long offset = rowIdField >= 0 ? 0 : start[d.partition];
                for (Map.Entry<String, Long> e : d.first.get(q).entrySet()) {
                    first.merge(e.getKey(), e.getValue() + offset, Math::min);
                }
            }
            if (group && first.size() > request.maxLevels()) {
                // Counted exactly up to MAX_OTHER_VALUES (past it, the count is that bound).
                throw Auditor.tooManyLevels(source, name, first.size(), request.maxLevels());
            }
            int cap = MAX_OTHER_VALUES;
            if (overflow || first.size() > cap) {
                throw new UserInputException(source + ": column '" + name + "' takes more than " + cap
                        + " distinct values; a label or prediction must be a class (or use --regression for numbers)");
            }
            // As the local readers order them: a numeric column's printed values by first appearance (its
            // conversion to categories), text in natural order ("2" before "10").
            List<String> levels = new ArrayList<>(first.keySet());
            levels.sort(Values.isNumeric(type(schema, source, name)) ? Comparator.comparingLong(first::get) : NaturalOrder.INSTANCE);
            if (layout.kind(f) == Layout.Kind.CATEGORICAL) {
                layout.setLevels(f, levels);
            }
            if (group && levels.size() + (missing > 0 ? 1 : 0) < 2) {
                String only = levels.isEmpty() ? CategoricalColumn.MISSING_LABEL : levels.get(0);
                throw Slicing.singleValue(source, name, only, rows);
            }
        }

        // The request against the levels, on the driver, before the second pass.
        Table binnedSchema = Auditor.bin(layout.schema(source), request);
        AuditSpec spec = Auditor.spec(binnedSchema, request, extension.statistics(binnedSchema, new long[0], null));
        List<String> notes = new ArrayList<>();
        for (Statistic s : spec.statistics()) {
            notes.add(s.bind(binnedSchema).exclusionNote());
        }

        // Second pass: each partition's state, merged.
        PartRequest partRequest = PartRequest.of(request);
        context.setJobDescription("fairhunt: statistic states per partition, merged");
        int rowIds = rowIdField;
        PartResult merged = rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
            PartResult r = partitionState(it, layout, source, partRequest, extension, rowIds, p < start.length ? start[p] : 0, clusters);
            return r == null ? List.<PartResult>of().iterator() : List.of(r).iterator();
        }, false).treeReduce((a, b) -> PartResult.merge(a, b, extension), 2);
        AuditState state = AuditState.fromBytes(merged.state);

        List<String> warnings = new ArrayList<>();
        long clusterMissing = merged.clusterMissing;
        if (clusters && request.cluster() != null && clusterMissing > 0) {
            warnings.add(LocalEngine.missingClusterWarning(clusterMissing, request.cluster()));
        }
        double[][] auc = null;
        String[][] aucReasons = null;
        AuditRun run = LocalEngine.runOf(state, source, spec, notes, warnings, auc, aucReasons);
        if (spec.auc()) {
            context.setJobDescription("fairhunt: AUC over score ranges");
            SparkAuc.Result a = SparkAuc.compute(rdd, layout, binnedSchema, spec, request.bins(), run.slices(),
                    rowIdField, start);
            run = new AuditRun(source, run.rows(), spec, run.slices(), run.sliceRows(), run.grids(), a.values(), a.reasons(),
                    run.warnings(), null);
        }
        if (clusters) {
            run = new AuditRun(source, run.rows(), spec, run.slices(), run.sliceRows(), run.grids(), run.auc(), run.aucReasons(),
                    run.warnings(), clusterCounts(run.slices(), request.groups(), merged.atoms));
        }
        context.setJobDescription(null);
        @SuppressWarnings("unchecked")
        D digest = (D) merged.digest;
        return new Run<>(Auditor.finish(binnedSchema, run, request, extraSettings), digest);
    }

    /**
     * The state of one partition's rows (with its atoms' clusters and the extension's digest), or {@code null}
     * for an empty partition. A per-row error names the row in the whole data, as the local engine would.
     */
    static <D extends Serializable> PartResult partitionState(Iterator<Row> it, Layout layout, String source,
            PartRequest partRequest, Extension<D> extension, int rowIdField, long start, boolean clusters) {
        AuditRequest request = partRequest.toRequest();
        LocalEngine engine = new LocalEngine();
        PartResult result = null;
        D digest = extension.newDigest();
        long next = start;
        List<Row> chunk = new ArrayList<>();
        while (it.hasNext()) {
            chunk.clear();
            while (it.hasNext() && chunk.size() < CHUNK_ROWS) {
                chunk.add(it.next());
            }
            long[] ids = new long[chunk.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = rowIdField >= 0 ? chunk.get(i).getLong(rowIdField) : next++;
            }
            try {
                Table part = Auditor.bin(layout.table(source, chunk), request);
                List<Statistic> extras = extension.statistics(part, ids, digest);
                AuditState s = engine.partState(part, Auditor.spec(part, request, extras), ids);
                result = result == null ? new PartResult() : result;
                result.add(s, part, request.groups(), request.cluster(), clusters);
            } catch (RowInputException e) {
                // The engine saw a chunk; its row i is row ids[i] of the data (start(p) + i, or the row-id column).
                throw e.row() < ids.length ? e.atRow(ids[(int) e.row()]) : e;
            }
        }
        if (result != null) {
            result.digest = digest;
        }
        return result;
    }

    /**
     * The number of distinct bootstrap clusters per slice, capped at {@link AuditRun#CLUSTER_COUNT_CAP} as the
     * local engine counts them: the union of its atoms' cluster keys (each atom's set capped alike).
     */
    static int[] clusterCounts(List<SliceKey> slices, List<String> groups, Map<List<String>, PartResult.Clusters> atoms) {
        int[] counts = new int[slices.size()];
        for (int s = 0; s < slices.size(); s++) {
            SliceKey key = slices.get(s);
            int[] at = new int[key.attributes().size()];
            for (int t = 0; t < at.length; t++) {
                at[t] = groups.indexOf(key.attributes().get(t));
            }
            PartResult.Clusters all = new PartResult.Clusters(new long[0], 0);
            for (Map.Entry<List<String>, PartResult.Clusters> e : atoms.entrySet()) {
                boolean in = true;
                for (int t = 0; t < at.length && in; t++) {
                    String v = e.getKey().get(at[t]);
                    in = (v == null ? CategoricalColumn.MISSING_LABEL : v).equals(key.values().get(t));
                }
                if (in) {
                    all = PartResult.Clusters.union(all, e.getValue());
                }
            }
            counts[s] = all.count();
        }
        return counts;
    }

    private static void role(Layout layout, StructType schema, String source, String column, Layout.Kind kind) {
        if (column == null) {
            return;
        }
        DataType t = type(schema, source, column);
        if (kind == Layout.Kind.NUMERIC && !Values.isNumeric(t)) {
            throw new UserInputException(source + ": column '" + column + "' must be numeric, but its type is " + t.simpleString());
        }
        textual(source, column, t);
        layout.add(column, kind);
    }

    static void textual(String source, String column, DataType t) {
        if (!Values.isTextual(t)) {
            throw new UserInputException(source + ": column '" + column + "' has type " + t.simpleString()
                    + "; expected text, a number or a boolean");
        }
    }

    /** The column's type; an unknown column is the same error as a local table's, listing the columns. */
    static DataType type(StructType schema, String source, String column) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                return f.dataType();
            }
        }
        throw new UserInputException(source + ": no column named '" + column + "'; the columns are: "
                + String.join(", ", Arrays.asList(schema.fieldNames())));
    }

    /** A column name as Spark's {@code col} reads it literally (dots and backticks are not paths). */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}

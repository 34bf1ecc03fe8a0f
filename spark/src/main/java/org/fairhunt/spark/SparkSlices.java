package org.fairhunt.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.fairhunt.cli.options.ErrorOptions.ColumnUse;
import org.fairhunt.core.RowInputException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Binning;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.discovery.slice.SliceFeatures;
import org.fairhunt.discovery.slice.SliceFinder;
import org.fairhunt.discovery.slice.SliceReport;
import scala.Tuple2;

/**
 * {@code slices} on a Spark {@link Dataset}, with the report of the local {@code fairhunt slices} on the same rows.
 *
 * <p>The search is discovery's own ({@link SliceFinder}); only its passes over rows run on Spark, through
 * {@link SparkSliceCounter}. Before them, the rows are read once more than locally:
 * <ol>
 * <li><b>Levels</b> (the audit's first pass, {@link Discovery}): each categorical column's values with their first
 * row, missing counts, partition row counts; numeric features keep at most {@code bins + 1} values, enough to
 * tell whether they are kept as values or cut into quantile bins. The driver then checks the error definition
 * against a table of levels without rows (the same code raises the same messages: a label with three values
 * without {@code --positive}, predictions coded unlike the label) and refuses features with too many values.</li>
 * <li><b>Exact quantiles</b>, only for numeric features with more than {@code bins} distinct values: their present
 * values are counted per distinct value ({@code reduceByKey}) and sorted ({@code sortByKey}: partitions in value
 * order); a job counts each partition's values, and a second one fetches exactly the order statistics the local
 * type-7 quantiles read (ranks ⌊(n−1)j/bins⌋ and the next). The local binning code then runs on those values, so
 * the cut points are the same doubles. What travels is one record per distinct value, not per row.</li>
 * <li><b>Encoding</b> (one task per partition, cached): chunks of rows become core tables with the whole data's
 * levels; each chunk's row errors come from the one owner of the error definition (the CLI's {@code ErrorOptions}
 * → discovery's {@code RowErrors}, speech's {@code WerScores} for transcripts), its features from discovery's
 * {@link SliceFeatures#apply} with the driver's codings. The chunks are persisted (memory, else disk): about
 * 17 bytes per row and feature-independent 16, so the search's passes do not read and decode the input again.</li>
 * </ol>
 */
public final class SparkSlices {
    /** A row's error, computed on an executor from a chunk's table. */
    @FunctionalInterface
    public interface ErrorDefinition extends Serializable {
        RowErrors of(Table table);
    }

    /**
     * What to find.
     *
     * @param source       the input, for messages
     * @param features     the feature columns
     * @param bins         quantile bins of numeric features without cut points
     * @param cuts         explicit cut points by column ({@code "25,40,60"})
     * @param maxLevels    the most values a feature may take
     * @param errorColumns the columns the error definition reads, and how
     * @param errors       the error definition
     * @param options      the finder's options
     */
    public record Request(String source, List<String> features, int bins, Map<String, String> cuts, int maxLevels,
            Map<String, ColumnUse> errorColumns, ErrorDefinition errors, SliceFinder.Options options) {
        public Request {
            features = List.copyOf(features);
            cuts = new LinkedHashMap<>(cuts);
            errorColumns = new LinkedHashMap<>(errorColumns);
        }
    }

    /** How one feature's column becomes categories on an executor. */
    enum Kind { TEXT, VALUES, CUTS, QUANTILES }

    /** A feature as the executors read it: its kind, its levels (VALUES), or its cut points (CUTS, QUANTILES). */
    record FeaturePlan(String name, Kind kind, List<String> levels, double[] edges) implements Serializable {
        CategoricalColumn column(Table t) {
            Column c = t.column(name);
            return switch (kind) {
                case TEXT, CUTS -> t.categorical(name);
                case QUANTILES -> new Binning(edges).apply(t.numeric(name));
                case VALUES -> c instanceof CategoricalColumn cat ? cat : values((NumericColumn) c, levels);
            };
        }
    }

    /** A numeric column as categories with the whole data's levels (its printed values, by first appearance). */
    static CategoricalColumn values(NumericColumn num, List<String> levels) {
        Map<String, Integer> code = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            code.put(levels.get(i), i);
        }
        int[] codes = new int[num.size()];
        for (int i = 0; i < codes.length; i++) {
            String t = num.text(i);
            Integer c = t == null ? null : code.get(t);
            if (t != null && c == null) {
                throw new IllegalStateException("column " + num.name() + ": value '" + t
                        + "' was not seen by the first pass; the Dataset is not deterministic");
            }
            codes[i] = c == null ? CategoricalColumn.MISSING : c;
        }
        return new CategoricalColumn(num.name(), codes, levels);
    }

    /** One encoded chunk of a partition: its features' codes and row errors, and its first row's 0-based number. */
    record Chunk(SliceFeatures features, RowErrors errors, long firstRow) implements Serializable {
    }

    private SparkSlices() {
    }

    /** Finds the slices of {@code data}: the report of {@link SliceFinder#find} on the same rows. */
    public static SliceReport find(Dataset<Row> data, Request r) {
        String source = r.source();
        SliceFeatures.checkOptions(r.features(), r.bins(), r.maxLevels());
        StructType schema = data.schema();
        Layout layout = new Layout();
        for (Map.Entry<String, ColumnUse> e : r.errorColumns().entrySet()) {
            DataType t = SparkAuditor.type(schema, source, e.getKey());
            SparkAuditor.textual(source, e.getKey(), t);
            switch (e.getValue()) {
                case CATEGORIES -> layout.add(e.getKey(), Layout.Kind.CATEGORICAL);
                case NUMBERS -> layout.add(e.getKey(), numeric(source, e.getKey(), t));
                case TEXT -> layout.add(e.getKey(), Layout.Kind.TEXT);
                default -> throw new AssertionError(e.getValue());
            }
        }
        for (String c : r.cuts().keySet()) {
            layout.add(c, numeric(source, c, SparkAuditor.type(schema, source, c)));
            Binning.parse(r.cuts().get(c));
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (String f : r.features()) {
            DataType t = SparkAuditor.type(schema, source, f);
            SparkAuditor.textual(source, f, t);
            if (r.cuts().containsKey(f)) {
                kinds.put(f, Kind.CUTS);
            } else if (Values.isNumeric(t)) {
                kinds.put(f, Kind.VALUES); // or QUANTILES, once the first pass has counted its values
                layout.add(f, Layout.Kind.NUMERIC);
            } else {
                kinds.put(f, Kind.TEXT);
                layout.add(f, Layout.Kind.CATEGORICAL);
            }
        }
        List<org.apache.spark.sql.Column> select = new ArrayList<>();
        for (String n : layout.names()) {
            select.add(functions.col(SparkAuditor.quote(n)));
        }
        JavaRDD<Row> rdd = data.select(select.toArray(new org.apache.spark.sql.Column[0])).javaRDD();
        var context = data.sparkSession().sparkContext();

        // First pass: levels, row counts, and whether each numeric feature has more than `bins` values.
        List<Integer> discovered = new ArrayList<>();
        List<String> binnings = new ArrayList<>();
        List<Integer> caps = new ArrayList<>();
        for (int f = 0; f < layout.size(); f++) {
            String name = layout.name(f);
            Kind kind = kinds.get(name);
            if (layout.kind(f) == Layout.Kind.CATEGORICAL || kind != null) {
                discovered.add(f);
                binnings.add(kind == Kind.CUTS ? r.cuts().get(name) : null);
                caps.add(kind == Kind.VALUES && layout.kind(f) == Layout.Kind.NUMERIC ? r.bins() + 1 : SparkAuditor.MAX_OTHER_VALUES + 1);
            }
        }
        Discovery.Plan plan = new Discovery.Plan(discovered.stream().mapToInt(Integer::intValue).toArray(), binnings.toArray(new String[0]),
                -1, SparkAuditor.MAX_OTHER_VALUES + 1, caps.stream().mapToInt(Integer::intValue).toArray());
        context.setJobDescription("fairhunt slices: first pass (levels, row counts)");
        Discovery.Pass pass = Discovery.run(rdd, plan);
        List<Discovery> parts = pass.parts();
        long[] start = pass.start();
        long rows = pass.rows();
        if (rows > Integer.MAX_VALUE) {
            throw new UserInputException(source + ": " + rows + " rows; this version finds slices in at most " + Integer.MAX_VALUE
                    + " rows in one run (split the data, for example by month)");
        }
        Map<String, Discovery.Merged> merged = new HashMap<>();
        for (int q = 0; q < discovered.size(); q++) {
            int f = discovered.get(q);
            String name = layout.name(f);
            Discovery.Merged m = Discovery.merge(parts, q, start);
            merged.put(name, m);
            if (layout.kind(f) == Layout.Kind.CATEGORICAL) {
                if (!kinds.containsKey(name) && (m.overflow() || m.first().size() > SparkAuditor.MAX_OTHER_VALUES)) {
                    throw new UserInputException(source + ": column '" + name + "' takes more than " + SparkAuditor.MAX_OTHER_VALUES
                            + " distinct values; a label or prediction must be a class (or use --metric abs_error for numbers)");
                }
                layout.setLevels(f, m.levels(Values.isNumeric(SparkAuditor.type(schema, source, name))));
            }
        }

        // The error definition against the levels, on the driver, before any row is encoded.
        Table levels = cut(layout.schema(source), r.cuts());
        String description = r.errors().of(levels).description();

        // Numeric features with more than `bins` values: exact quantiles.
        List<String> quantiled = new ArrayList<>();
        for (Map.Entry<String, Kind> e : kinds.entrySet()) {
            Discovery.Merged m = merged.get(e.getKey());
            // A numeric feature that is also a label (read as categories) is still binned by its numbers, as locally.
            if (e.getValue() == Kind.VALUES && (m.overflow() || m.first().size() > r.bins())) {
                quantiled.add(e.getKey());
            }
        }
        Map<String, Quantiles> quantiles = quantiled.isEmpty() ? Map.of() : Quantiles.of(rdd, layout, quantiled, r.bins(), context);

        // Codings, in the features' order, with the local encoder's notices and refusals.
        List<String> notices = new ArrayList<>();
        List<SliceFeatures.Coding> codings = new ArrayList<>();
        List<FeaturePlan> plans = new ArrayList<>();
        List<CategoricalColumn> empty = new ArrayList<>();
        for (String name : r.features()) {
            Kind kind = kinds.get(name);
            Discovery.Merged m = merged.get(name);
            List<String> lv;
            double[] edges = null;
            long[] counts;
            Quantiles qs = quantiles.get(name);
            if (qs != null) {
                kind = Kind.QUANTILES;
                Binning b = qs.binning(name, r.bins(), notices);
                edges = b.edges();
                lv = b.labels();
                counts = new long[lv.size() + 1];
                for (int bin : qs.occupied) {
                    counts[bin] = 1;
                }
            } else {
                lv = kind == Kind.CUTS ? Binning.parse(r.cuts().get(name)).labels()
                        : layout.kind(layout.indexOf(name)) == Layout.Kind.CATEGORICAL ? layout.levels(layout.indexOf(name)) : m.levels(true);
                if (kind == Kind.TEXT && (m.overflow() || m.first().size() > r.maxLevels())) {
                    throw SliceFeatures.tooManyValues(source, name, m.first().size() + (m.missing() > 0 ? 1 : 0), r.maxLevels());
                }
                counts = new long[lv.size() + 1];
                for (int k = 0; k < lv.size(); k++) {
                    counts[k] = m.first().containsKey(lv.get(k)) ? 1 : 0;
                }
            }
            counts[lv.size()] = m.missing();
            SliceFeatures.Coding coding = SliceFeatures.coding(source, name, lv, counts, rows, r.maxLevels(), notices);
            if (coding != null) {
                codings.add(coding);
                plans.add(new FeaturePlan(name, kind, lv, edges));
                empty.add(new CategoricalColumn(name, new int[0], lv));
            }
        }
        SliceFeatures.checkUsable(codings, notices);
        SliceFeatures features = SliceFeatures.apply(codings, empty, 0, notices);

        // Encoding, once, cached for the search's passes.
        context.setJobDescription("fairhunt slices: encoding (cached)");
        Map<String, String> cuts = new LinkedHashMap<>(r.cuts());
        ErrorDefinition errors = r.errors();
        JavaRDD<Chunk> chunks = rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> encode(it, layout, source, cuts, plans,
                codings, errors, p < start.length ? start[p] : 0), true).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return SliceFinder.find(features, new SparkSliceCounter(chunks, r.options().search().threads(), description), r.options());
        } finally {
            chunks.unpersist(false);
            context.setJobDescription(null);
        }
    }

    private static Layout.Kind numeric(String source, String column, DataType t) {
        if (!Values.isNumeric(t)) {
            throw new UserInputException(source + ": column '" + column + "' must be numeric, but its type is " + t.simpleString());
        }
        return Layout.Kind.NUMERIC;
    }

    /** The table with each {@code --bin} column replaced by its bins, as the CLI's {@code BinOptions} does it locally. */
    static Table cut(Table table, Map<String, String> cuts) {
        Table out = table;
        for (Map.Entry<String, String> e : cuts.entrySet()) {
            out = out.with(Binning.parse(e.getValue()).apply(out.numeric(e.getKey())));
        }
        return out;
    }

    /** A partition's rows as encoded chunks of at most {@link SparkAuditor#CHUNK_ROWS} rows. */
    static Iterator<Chunk> encode(Iterator<Row> it, Layout layout, String source, Map<String, String> cuts, List<FeaturePlan> plans,
            List<SliceFeatures.Coding> codings, ErrorDefinition errors, long start) {
        List<Chunk> out = new ArrayList<>();
        long next = start;
        List<Row> rows = new ArrayList<>();
        while (it.hasNext()) {
            rows.clear();
            while (it.hasNext() && rows.size() < SparkAuditor.CHUNK_ROWS) {
                rows.add(it.next());
            }
            try {
                Table t = cut(layout.table(source, rows), cuts);
                RowErrors e = errors.of(t);
                List<CategoricalColumn> columns = new ArrayList<>();
                for (FeaturePlan p : plans) {
                    columns.add(p.column(t));
                }
                out.add(new Chunk(SliceFeatures.apply(codings, columns, rows.size(), List.of()), e, next));
            } catch (RowInputException bad) {
                // A check on the chunk names its row i; the data's row is start(p) + rows before this chunk + i.
                throw bad.atRow(next + bad.row());
            }
            next += rows.size();
        }
        return out.iterator();
    }

    /**
     * Exact order statistics of numeric features: per feature, how many values are present and distinct, and the
     * values at the ranks the local quantile binning reads; after binning, which bins hold values.
     */
    static final class Quantiles {
        final long present;
        final long distinct;
        final Map<Long, Double> valueAt;
        /** The bins (of the binning these values give) that hold a value. */
        final int[] occupied;

        private Quantiles(long present, long distinct, Map<Long, Double> valueAt, int[] occupied) {
            this.present = present;
            this.distinct = distinct;
            this.valueAt = valueAt;
            this.occupied = occupied;
        }

        /** The binning of the local code on these order statistics (its notice goes to {@code notices}). */
        Binning binning(String name, int bins, List<String> notices) {
            return SliceFeatures.quantileBinning(name, present, valueAt::get, distinct, bins, notices);
        }

        static Map<String, Quantiles> of(JavaRDD<Row> rdd, Layout layout, List<String> names, int bins,
                org.apache.spark.SparkContext context) {
            int[] fields = names.stream().mapToInt(layout::indexOf).toArray();
            context.setJobDescription("fairhunt slices: exact quantiles of numeric features");
            JavaPairRDD<FeatureValue, Long> sorted = rdd.flatMapToPair(row -> {
                List<Tuple2<FeatureValue, Long>> out = new ArrayList<>(fields.length);
                for (int k = 0; k < fields.length; k++) {
                    double v = Values.number(row, fields[k]);
                    if (!Double.isNaN(v)) {
                        out.add(new Tuple2<>(new FeatureValue(k, v), 1L));
                    }
                }
                return out.iterator();
            }).reduceByKey(Long::sum).sortByKey().persist(StorageLevel.MEMORY_AND_DISK());
            try {
                int features = fields.length;
                // Per partition (partitions are in value order) and feature: values present, distinct values.
                List<long[]> perPartition = new ArrayList<>(sorted.mapPartitionsWithIndex((Integer p, Iterator<Tuple2<FeatureValue, Long>> it) -> {
                    long[] c = new long[1 + 2 * features];
                    c[0] = p;
                    while (it.hasNext()) {
                        Tuple2<FeatureValue, Long> t = it.next();
                        c[1 + t._1().feature] += t._2();
                        c[1 + features + t._1().feature]++;
                    }
                    return List.of(c).iterator();
                }, false).collect());
                perPartition.sort(Comparator.comparingLong(c -> c[0]));
                long[] present = new long[features];
                long[] distinct = new long[features];
                int parts = perPartition.isEmpty() ? 0 : (int) perPartition.get(perPartition.size() - 1)[0] + 1;
                long[][] offset = new long[parts][features];
                for (long[] c : perPartition) {
                    for (int k = 0; k < features; k++) {
                        offset[(int) c[0]][k] = present[k];
                        present[k] += c[1 + k];
                        distinct[k] += c[1 + features + k];
                    }
                }
                long[][] ranks = new long[features][];
                for (int k = 0; k < features; k++) {
                    ranks[k] = SliceFeatures.quantileRanks(present[k], bins);
                }
                List<double[]> found = sorted.mapPartitionsWithIndex((Integer p, Iterator<Tuple2<FeatureValue, Long>> it) -> {
                    List<double[]> out = new ArrayList<>();
                    long[] at = p < offset.length ? offset[p].clone() : new long[features];
                    while (it.hasNext()) {
                        Tuple2<FeatureValue, Long> t = it.next();
                        int k = t._1().feature;
                        long from = at[k];
                        long to = from + t._2();
                        for (long rank : ranks[k]) {
                            if (rank >= from && rank < to) {
                                out.add(new double[] {k, rank, t._1().value});
                            }
                        }
                        at[k] = to;
                    }
                    return out.iterator();
                }, false).collect();
                List<Map<Long, Double>> byRank = new ArrayList<>();
                for (int k = 0; k < features; k++) {
                    byRank.add(new HashMap<>());
                }
                for (double[] v : found) {
                    byRank.get((int) v[0]).put((long) v[1], v[2]);
                }
                // Which bins hold a value (two cut points may fall between the same two values).
                double[][] edges = new double[features][];
                for (int k = 0; k < features; k++) {
                    Map<Long, Double> at = byRank.get(k);
                    edges[k] = SliceFeatures.quantileBinning(names.get(k), present[k], at::get, distinct[k], bins, new ArrayList<>()).edges();
                }
                List<long[]> occupied = sorted.map(t -> new long[] {t._1().feature, new Binning(edges[t._1().feature]).bin(t._1().value)})
                        .map(a -> a[0] << 32 | a[1]).distinct().map(v -> new long[] {v >>> 32, v & 0xFFFFFFFFL}).collect();
                Map<String, Quantiles> out = new LinkedHashMap<>();
                for (int k = 0; k < features; k++) {
                    int kk = k;
                    int[] bins0 = occupied.stream().filter(a -> a[0] == kk).mapToInt(a -> (int) a[1]).sorted().toArray();
                    out.put(names.get(k), new Quantiles(present[k], distinct[k], byRank.get(k), bins0));
                }
                return out;
            } finally {
                sorted.unpersist(false);
            }
        }
    }

    /** A feature's value as a sort key: by feature, then {@link Double#compare} (the order of {@code Arrays.sort}). */
    static final class FeatureValue implements Comparable<FeatureValue>, Serializable {
        private static final long serialVersionUID = 1L;
        final int feature;
        final double value;

        FeatureValue(int feature, double value) {
            this.feature = feature;
            this.value = value;
        }

        @Override
        public int compareTo(FeatureValue o) {
            return feature != o.feature ? Integer.compare(feature, o.feature) : Double.compare(value, o.value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FeatureValue f && f.feature == feature && Double.compare(f.value, value) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * feature + Double.hashCode(value);
        }
    }
}

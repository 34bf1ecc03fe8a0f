package org.fairhunt.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.fairhunt.cli.options.WerOptions;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.metric.Statistic;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.WerAudit.NormalizedUtterance;
import org.fairhunt.speech.WerDigest;
import org.fairhunt.speech.WerInputs;
import org.fairhunt.speech.metric.WerScores;
import org.fairhunt.speech.metric.WerStatistic;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.Mapsswe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wer} on Spark, with the options ({@link WerOptions}), reports and exit status of {@code fairhunt wer}
 * on a table, byte for byte. Each executor task normalizes and aligns its utterances once: the counts feed
 * the engine's {@link WerStatistic} state and a {@link WerDigest} (totals, per-value counts and worst
 * utterances, speakers per slice, MAPSSWE segments), both merged on the driver, which then builds the result
 * with speech's own code ({@link WerAudit#finish}). The normalized trn files, one line per utterance, are
 * streamed to the driver in row order ({@code toLocalIterator}: one partition at a time); at a scale where
 * that is too much text for one machine, {@code --no-normalized-trn} skips them.
 */
@Command(name = "wer", mixinStandardHelpOptions = true,
        header = "Word error rate per group and intersection, with speaker-clustered intervals, as a Spark job.",
        description = {"The same audit and reports as 'fairhunt wer TABLE' (summary.txt, alignments.txt, the normalized trn, "
                + "audit.json/md/html, MAPSSWE with --compare-col), byte for byte, over Parquet, ORC, CSV or JSON files "
                + "or a catalog table. Without --group, the slices are the speakers. Transcript files (--ref/--hyp trn, "
                + "stm/ctm) are for the local command.", ""},
        footer = {"", "Example:",
            "  spark-submit --class org.fairhunt.spark.Main fairhunt-spark.jar wer s3a://lake/asr-eval/ \\",
            "      --ref-col reference --hyp-col hypothesis --speaker speaker --group accent --group condition \\",
            "      --bootstrap 500 --out reports/asr",
            "", "Exit status: 0 done (with --policy: every constraint passes), 1 a policy constraint fails,",
            "3 none fails but some are inconclusive, 2 bad input or options."})
final class SparkWerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A file or directory, or with --format table a table name.")
    String input;

    @Mixin
    SparkInput from;

    @Mixin
    WerOptions wer;

    @Option(names = "--no-normalized-trn",
            description = "With --out, skip ref.norm.trn and hyp.norm.trn: they carry every utterance through the driver.")
    boolean noNormalizedTrn;

    @Override
    public Integer call() {
        wer.validate();
        Normalizer.Recipe recipe = wer.normalization();
        Normalizer normalizer = recipe.build();
        Dataset<Row> data = from.read(Main.session(), input, java.util.stream.Stream.of(wer.referenceColumn(),
                wer.hypothesisColumn(), wer.compareColumn()).filter(java.util.Objects::nonNull).toList());
        List<String> columns = Arrays.asList(data.schema().fieldNames());
        String speakerColumn = WerInputs.speakerColumn(input, columns, wer.referenceColumn(), wer.hypothesisColumn(), wer.speaker());
        String speakerSource = WerInputs.speakerSource(input, speakerColumn);
        WerAudit.Options options = wer.options(normalizer, speakerColumn);
        WerAudit.checkColumns(input, columns, wer.referenceColumn(), wer.hypothesisColumn(), options);
        String compare = wer.compareColumn();
        if (compare != null && !columns.contains(compare)) {
            throw new org.fairhunt.core.UserInputException(input + ": no column '" + compare + "'; columns are " + columns);
        }
        Map<String, String> singleValued = new LinkedHashMap<>();
        for (String g : options.groups()) {
            String only = singleValue(data, g);
            if (only != null) {
                singleValued.put(g, only);
            }
        }
        List<String> groups = options.groups().stream().filter(g -> !singleValued.containsKey(g)).toList();
        String idColumn = columns.contains(wer.idColumn()) ? wer.idColumn() : null;
        WerDigest.Plan plan = WerAudit.digestPlan(options, groups, idColumn, speakerColumn, wer.referenceColumn(),
                wer.hypothesisColumn(), compare);
        List<String> text = new ArrayList<>(List.of(wer.referenceColumn(), wer.hypothesisColumn()));
        List<String> others = new ArrayList<>(options.groups()); // single-valued groups too: alignments.txt lists them
        others.addAll(Arrays.asList(idColumn, speakerColumn, compare));
        for (String c : others) {
            if (c != null && !text.contains(c)) {
                text.add(c);
            }
        }
        AuditRequest request = WerAudit.request(groups, options);
        SparkAuditor.Run<WerDigest> run = SparkAuditor.run(data, request, new SparkAuditor.Options(input, from.rowId, text),
                new Utterances(recipe, plan), WerAudit.speechSettings(wer.referenceColumn(), wer.hypothesisColumn(), options));

        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("speaker_source", speakerSource);
        Mapsswe.Result mapsswe = run.digest().mapsswe();
        if (mapsswe != null) {
            notes.put("mapsswe", WerAudit.mapssweNotes(mapsswe, wer.hypothesisColumn(), compare));
        }
        notes = WerAudit.speakerNotes(notes, speakerColumn, speakerSource, options);
        Iterable<NormalizedUtterance> normalized = noNormalizedTrn ? null
                : () -> normalized(data, idColumn, wer.referenceColumn(), wer.hypothesisColumn(), from.rowId, recipe);
        WerAudit.Result result = WerAudit.finish(run.outcome(), run.digest(), singleValued, null, wer.idColumn(),
                wer.referenceColumn(), wer.hypothesisColumn(), speakerColumn, options, notes, normalized);
        return WerOptions.report(result, mapsswe, wer.hypothesisColumn(), compare, wer.json(), wer.out(),
                spec.commandLine().getOut());
    }

    /**
     * The one value every row of {@code column} holds (missing as its label), or null when there are several: at
     * most six distinct raw values are fetched, enough to see two once the missing tokens (null, "", NA, NaN) fold.
     */
    static String singleValue(Dataset<Row> data, String column) {
        Set<String> values = new HashSet<>();
        for (Row r : data.select(functions.col(SparkAuditor.quote(column))).distinct().limit(6).collectAsList()) {
            String v = Values.isTextual(r.schema().fields()[0].dataType()) ? Values.text(r, 0) : String.valueOf(r.get(0));
            values.add(v == null ? CategoricalColumn.MISSING_LABEL : v);
        }
        return values.size() == 1 ? values.iterator().next() : null;
    }

    /**
     * The normalized utterances in row order, streamed to the driver one partition at a time: the Dataset's
     * order (a file's order), or with a row-id column sorted by it. Row numbers name utterances without an id.
     */
    static Iterator<NormalizedUtterance> normalized(Dataset<Row> data, String idColumn, String ref, String hyp, String rowId,
                                                    Normalizer.Recipe recipe) {
        List<org.apache.spark.sql.Column> select = new ArrayList<>();
        select.add(idColumn == null ? functions.lit(null).cast(DataTypes.StringType) : functions.col(SparkAuditor.quote(idColumn)));
        select.add(functions.col(SparkAuditor.quote(ref)));
        select.add(functions.col(SparkAuditor.quote(hyp)));
        if (rowId != null) {
            select.add(functions.col(SparkAuditor.quote(rowId)).cast(DataTypes.LongType));
        }
        JavaRDD<Row> rows = data.select(select.toArray(new org.apache.spark.sql.Column[0])).javaRDD();
        var numbered = rowId != null ? rows.sortBy(r -> r.getLong(3), true, rows.getNumPartitions()).map(r -> new Object[] {r, r.getLong(3)})
                : rows.zipWithIndex().map(t -> new Object[] {t._1(), t._2()});
        data.sparkSession().sparkContext().setJobDescription("fairhunt: normalized trn, in row order");
        return numbered.mapPartitions((Iterator<Object[]> it) -> {
            Normalizer n = recipe.build();
            List<NormalizedUtterance> out = new ArrayList<>();
            while (it.hasNext()) {
                Object[] x = it.next();
                Row r = (Row) x[0];
                out.add(NormalizedUtterance.of(Values.text(r, 0), (Long) x[1], n, Values.text(r, 1), Values.text(r, 2)));
            }
            return out.iterator();
        }).toLocalIterator();
    }

    /** The WER statistic and digest of each chunk: one normalization and alignment per utterance, in the executor. */
    static final class Utterances implements SparkAuditor.Extension<WerDigest>, Serializable {
        private static final long serialVersionUID = 1L;
        private final Normalizer.Recipe recipe;
        private final WerDigest.Plan plan;
        private transient Normalizer normalizer;

        Utterances(Normalizer.Recipe recipe, WerDigest.Plan plan) {
            this.recipe = recipe;
            this.plan = plan;
        }

        @Override
        public List<Statistic> statistics(Table rows, long[] rowNumbers, WerDigest digest) {
            if (normalizer == null) {
                normalizer = recipe.build();
            }
            WerScores scores = WerScores.compute(rows, plan.referenceColumn(), plan.hypothesisColumn(), normalizer, 1,
                    plan.characters(), false);
            if (digest != null) {
                digest.add(rows, scores, rowNumbers, normalizer);
            }
            return List.of(WerStatistic.of(scores, plan.referenceColumn(), plan.hypothesisColumn()));
        }

        @Override
        public WerDigest newDigest() {
            return new WerDigest(plan);
        }

        @Override
        public WerDigest merge(WerDigest a, WerDigest b) {
            return a.merge(b);
        }
    }
}

package org.fairhunt.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.io.AtomicFiles;
import org.fairhunt.core.engine.StatisticGrid;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.DisparityKind;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;
import org.fairhunt.speech.format.AlignmentListing;
import org.fairhunt.speech.format.PlainTexts;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.format.UtteranceIds;
import org.fairhunt.speech.format.UtterancePairs;
import org.fairhunt.speech.metric.WerScores;
import org.fairhunt.speech.metric.WerStatistic;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.Mapsswe;
import org.fairhunt.speech.score.ScoredUtterance;
import org.fairhunt.speech.score.UtteranceScorer;
import org.fairhunt.speech.score.WerTotals;

/**
 * A word-error-rate audit from start to finish: utterances (from trn/stm/ctm or any table with
 * reference and hypothesis columns) → normalization and alignment → the core engine with
 * {@link WerStatistic} (per-group and intersection WER, speaker-clustered bootstrap) → the result tree
 * plus sclite-style text reports.
 */
public final class WerAudit {

    /** Column names of the table built from transcript files. */
    public static final String ID = "utterance_id";
    public static final String SPEAKER = "speaker";
    public static final String REFERENCE = "reference";
    public static final String HYPOTHESIS = "hypothesis";

    /**
     * Slices with fewer speakers (bootstrap clusters) than this are flagged: in the seeded simulation of
     * {@code FewSpeakersCoverageTest} the speaker-clustered percentile interval of a group's WER covers
     * the truth of a nominal 95% in 85.5% of runs with 5 speakers, 89.6% with 9, 91.4-92.3% with 12-20
     * and 93.7% with 30 (1,000 runs each): 30 is the smallest count tried that keeps 93%.
     */
    public static final int DEFAULT_MIN_SPEAKERS = 30;

    /**
     * How to audit.
     *
     * @param normalizer    applied to reference and hypothesis
     * @param groups        group attributes (columns); none gives the overall WER only, as sclite's Sum/Avg
     * @param intersections largest number of attributes in one slice
     * @param bootstrap     bootstrap replicates (0: none)
     * @param seed          bootstrap seed
     * @param cluster       column whose values are the bootstrap clusters (the speaker, normally), or null
     * @param minGroupSize  slices with fewer utterances are flagged too small
     * @param threads       worker threads
     * @param level         confidence level
     * @param characters    whether to align characters too, for CER
     * @param reference     the reference slice of disparities (empty: the largest slice of each attribute set)
     * @param policy        constraints to judge ({@code max_gap(wer) <= 0.02 over [accent]}), or null
     * @param minSpeakers   slices with fewer distinct clusters (speakers) are flagged: their interval is not trusted
     * @param referenceNetworks whether references hold sclite's optional words and alternations (scored as sclite -D)
     * @param worst         utterances listed with their alignments per value of each attribute in the report
     * @param bins          cut points of numeric group attributes ({@code age -> "25,40,60"}), in order
     * @param maxLevels     most values a group attribute may have
     */
    public record Options(Normalizer normalizer, List<String> groups, int intersections, int bootstrap, long seed,
                          String cluster, int minGroupSize, int threads, double level, boolean characters,
                          List<String> reference, Policy policy, int minSpeakers, boolean referenceNetworks, int worst,
                          Map<String, String> bins, int maxLevels) {
        public Options(Normalizer normalizer, List<String> groups, int intersections, int bootstrap, long seed, String cluster,
                       int minGroupSize, int threads, double level) {
            this(normalizer, groups, intersections, bootstrap, seed, cluster, minGroupSize, threads, level, true, List.of(), null,
                    DEFAULT_MIN_SPEAKERS, false, 3, Map.of(), AuditRequest.DEFAULT_MAX_LEVELS);
        }

        /** The same options binning numeric group attributes at these cut points ({@code age -> "25,40,60"}, in order). */
        public Options withBins(Map<String, String> newBins) {
            return new Options(normalizer, groups, intersections, bootstrap, seed, cluster, minGroupSize, threads, level, characters,
                    reference, policy, minSpeakers, referenceNetworks, worst, newBins, maxLevels);
        }

        /** The same options refusing a group attribute with more than {@code n} values. */
        public Options withMaxLevels(int n) {
            return new Options(normalizer, groups, intersections, bootstrap, seed, cluster, minGroupSize, threads, level, characters,
                    reference, policy, minSpeakers, referenceNetworks, worst, bins, n);
        }

        /** The same options flagging slices with fewer than {@code n} speakers (clusters). */
        public Options withMinSpeakers(int n) {
            return new Options(normalizer, groups, intersections, bootstrap, seed, cluster, minGroupSize, threads, level, characters,
                    reference, policy, n, referenceNetworks, worst, bins, maxLevels);
        }

        /** The same options listing {@code n} worst utterances per value of each attribute in the report. */
        public Options withWorst(int n) {
            return new Options(normalizer, groups, intersections, bootstrap, seed, cluster, minGroupSize, threads, level, characters,
                    reference, policy, minSpeakers, referenceNetworks, n, bins, maxLevels);
        }

        /** The same options reading sclite's optional words and alternations in references (trn references). */
        public Options withReferenceNetworks(boolean on) {
            return new Options(normalizer, groups, intersections, bootstrap, seed, cluster, minGroupSize, threads, level, characters,
                    reference, policy, minSpeakers, on, worst, bins, maxLevels);
        }

        /** The same options without the character alignment (no CER; much faster on long utterances). */
        public Options withoutCharacters() {
            return new Options(normalizer, groups, intersections, bootstrap, seed, cluster, minGroupSize, threads, level, false,
                    reference, policy, minSpeakers, referenceNetworks, worst, bins, maxLevels);
        }

        /** The same options judged against {@code newPolicy}. */
        public Options withPolicy(Policy newPolicy) {
            return new Options(normalizer, groups, intersections, bootstrap, seed, cluster, minGroupSize, threads, level, characters,
                    reference, newPolicy, minSpeakers, referenceNetworks, worst, bins, maxLevels);
        }

        /** The same options with disparities measured against {@code specs} ({@code largest}, {@code best}, {@code worst}, {@code ATTR=VALUE}). */
        public Options withReference(List<String> specs) {
            return new Options(normalizer, groups, intersections, bootstrap, seed, cluster, minGroupSize, threads, level, characters,
                    specs, policy, minSpeakers, referenceNetworks, worst, bins, maxLevels);
        }

        public Options {
            groups = List.copyOf(groups);
            reference = List.copyOf(reference);
            bins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bins)); // ordered: the JSON lists them in order
        }
    }

    /** What an audit produced. */
    /**
     * What an audit produced. {@code table} is null when the rows stayed elsewhere (a Spark job); the reports
     * read the {@code digest}, and {@code normalized} (null: not written) yields the normalized trn lines in row order.
     */
    public record Result(Table table, String idColumn, String referenceColumn, String hypothesisColumn, String speakerColumn,
                         WerDigest digest, AuditRun run, AuditResult audit, Options options,
                         Iterable<NormalizedUtterance> normalized) {
        /** The same result with {@code newAudit} (an audit with a section added). */
        public Result withAudit(AuditResult newAudit) {
            return new Result(table, idColumn, referenceColumn, hypothesisColumn, speakerColumn, digest, run, newAudit, options,
                    normalized);
        }
    }

    private WerAudit() {
    }

    /**
     * A table of paired utterances: {@code utterance_id, speaker, reference, hypothesis} and, when
     * {@code idFields} are named, one categorical column per part of the id by {@link UtteranceIds}'s rule
     * (the first part ends at the first {@code -}, else the first {@code _}; the others are split at
     * {@code _}, the last taking the rest): {@code awb-white-noise-snr10_s01} with fields
     * {@code voice,condition,sentence}. An id with fewer parts than fields is an error. A field named
     * {@code speaker} replaces the built-in speaker column (sclite's rule on the whole id).
     */
    public static Table tableOf(UtterancePairs pairs, List<String> idFields, String source) {
        int n = pairs.size();
        // the pairs' arrays are read only, as a column's are: shared, not copied
        String[] ids = pairs.ids();
        String[][] fields = new String[idFields.size()][n];
        for (String name : idFields) {
            if (List.of(ID, REFERENCE, HYPOTHESIS).contains(name)) {
                throw new UserInputException("--id-fields: '" + name + "' clashes with a built-in column name");
            }
        }
        if (idFields.stream().distinct().count() < idFields.size()) {
            throw new UserInputException("--id-fields names a field twice: " + idFields);
        }
        for (int k = 0; k < (idFields.isEmpty() ? 0 : n); k++) {
            List<String> parts = UtteranceIds.split(ids[k], idFields.size());
            if (parts == null) {
                throw new UserInputException("utterance id '" + ids[k] + "' does not have the " + idFields.size()
                        + " parts --id-fields names " + idFields + "; expected " + UtteranceIds.describe(idFields));
            }
            for (int f = 0; f < parts.size(); f++) {
                fields[f][k] = parts.get(f);
            }
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new TextColumn(ID, ids));
        if (!idFields.contains(SPEAKER)) {
            columns.add(new CategoricalColumn(SPEAKER, pairs.speakerCodes().clone(), pairs.speakerLevels()));
        }
        columns.add(pairs.referenceColumn(REFERENCE));
        columns.add(pairs.hypothesisColumn(HYPOTHESIS));
        for (int f = 0; f < idFields.size(); f++) {
            columns.add(categorical(idFields.get(f), fields[f]));
        }
        return new Table(source, columns);
    }

    /** A categorical column of {@code values}, levels in order of first appearance. */
    public static CategoricalColumn categorical(String name, String[] values) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        int[] out = new int[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = codes.computeIfAbsent(values[k], v -> codes.size());
        }
        return new CategoricalColumn(name, out, new ArrayList<>(codes.keySet()));
    }

    /** Audits what {@link WerInputs#load} read: the speaker and its source, failed files and notes go into the report. */
    public static Result run(WerInputs.Loaded in, Options options, Map<String, Object> inputNotes) {
        return run(in.table(), in.idColumn(), in.referenceColumn(), in.hypothesisColumn(), in.speakerColumn(),
                options.withReferenceNetworks(in.referenceNetworks()),
                speakerNotes(inputNotes, in.speakerColumn(), in.speakerSource(), options), in.plainTexts());
    }

    /** The input's notes with where the speaker and the bootstrap clusters came from (for the report's speech section). */
    public static Map<String, Object> speakerNotes(Map<String, Object> inputNotes, String speakerColumn, String speakerSource,
                                                   Options options) {
        Map<String, Object> notes = new LinkedHashMap<>(inputNotes);
        notes.put("speaker_source", speakerSource);
        notes.put("cluster", options.bootstrap() == 0 ? "(no bootstrap)" : options.cluster() == null ? "(each utterance)"
                : options.cluster().equals(speakerColumn) ? options.cluster() + ": " + speakerSource
                : "column '" + options.cluster() + "'");
        return notes;
    }

    /** Aligns every row, runs the engine and builds the result (with a {@code speech} section). */
    public static Result run(Table table, String idColumn, String referenceColumn, String hypothesisColumn,
                             String speakerColumn, Options options, Map<String, Object> inputNotes) {
        return run(table, idColumn, referenceColumn, hypothesisColumn, speakerColumn, options, inputNotes, null);
    }

    /** As {@link #run(Table, String, String, String, String, Options, Map)}, plain texts scored from the trn bytes ({@code plainTexts}, null: none). */
    static Result run(Table table, String idColumn, String referenceColumn, String hypothesisColumn, String speakerColumn,
                      Options options, Map<String, Object> inputNotes, PlainTexts plainTexts) {
        checkColumns(table.source(), table.columnNames(), referenceColumn, hypothesisColumn, options);
        WerScores scores = WerScores.compute(table, referenceColumn, hypothesisColumn, options.normalizer(), options.threads(),
                options.characters(), options.referenceNetworks(), plainTexts);
        // sclite scores a single speaker's file; an attribute with one value is that value's slice = (all), not an error.
        Map<String, String> singleValued = new LinkedHashMap<>();
        for (String g : options.groups()) {
            String only = singleValue(table.column(g));
            if (only != null) {
                singleValued.put(g, only);
            }
        }
        List<String> groups = options.groups().stream().filter(g -> !singleValued.containsKey(g)).toList();
        long[] rows = new long[table.rowCount()];
        java.util.Arrays.setAll(rows, i -> i);
        AuditRequest request = request(groups, options);
        // Group values as the slices name them (numeric groups binned), here and in a Spark job's chunks.
        WerDigest digest = new WerDigest(digestPlan(options, groups, idColumn, speakerColumn, referenceColumn, hypothesisColumn,
                null)).add(Auditor.bin(table, request), scores, rows, options.normalizer());
        // The one audit pipeline (core's Auditor): engine, result, disparities and policy verdicts, with the WER
        // statistic as its extra statistic and the speech settings added to the audit's own.
        Auditor.Outcome outcome = Auditor.run(table, request,
                List.of(WerStatistic.of(scores, referenceColumn, hypothesisColumn)),
                speechSettings(referenceColumn, hypothesisColumn, options));
        Normalizer n = options.normalizer();
        Column ids = table.hasColumn(idColumn) ? table.column(idColumn) : null;
        Iterable<NormalizedUtterance> normalized = () -> java.util.stream.IntStream.range(0, table.rowCount())
                .mapToObj(row -> NormalizedUtterance.of(ids == null ? null : ids.text(row), row, n,
                        table.column(referenceColumn).text(row), table.column(hypothesisColumn).text(row))).iterator();
        return finish(outcome, digest, singleValued, table, idColumn, referenceColumn, hypothesisColumn, speakerColumn, options,
                inputNotes, normalized);
    }

    /** Refuses options naming a column that a table of {@code columns} (from {@code source}) lacks. */
    public static void checkColumns(String source, List<String> columns, String referenceColumn, String hypothesisColumn,
                                    Options options) {
        for (String c : new String[] {referenceColumn, hypothesisColumn}) {
            if (!columns.contains(c)) {
                throw new UserInputException(source + ": no column '" + c + "'; columns are " + columns);
            }
        }
        for (String g : options.groups()) {
            if (!columns.contains(g)) {
                throw new UserInputException(source + ": no group column '" + g + "'; columns are " + columns);
            }
        }
        if (options.cluster() != null && !columns.contains(options.cluster())) {
            throw new UserInputException(source + ": no cluster column '" + options.cluster() + "'; columns are " + columns);
        }
    }

    /**
     * The request the engine runs for the audited (several-valued) {@code groups}: the same for the local
     * command and the Spark job.
     */
    public static AuditRequest request(List<String> groups, Options options) {
        Map<String, String> bins = new LinkedHashMap<>();
        options.bins().forEach((g, cuts) -> {
            if (groups.contains(g) || !options.groups().contains(g)) {
                bins.put(g, cuts); // a bin of a single-valued group goes with it; one of no group is the engine's error
            }
        });
        return AuditRequest.of(null, null, null, null, groups)
                .withIntersections(Math.max(1, Math.min(options.intersections(), groups.size())))
                .withMinGroupSize(options.minGroupSize())
                .withBins(bins)
                .withMaxLevels(options.maxLevels())
                .withBootstrap(options.bootstrap(), options.seed(), options.bootstrap() > 0 ? options.cluster() : null)
                .withThreads(options.threads())
                .withLevel(options.level())
                .withReference(options.reference())
                .withPolicy(options.policy());
    }

    /**
     * What the digest of the utterances keeps for these options: every named group's values and worst
     * utterances, the speakers of every slice of the audited {@code groups} when slices with few speakers are
     * flagged, and MAPSSWE's segments against {@code compareColumn} (null: none).
     */
    public static WerDigest.Plan digestPlan(Options options, List<String> groups, String idColumn, String speakerColumn,
                                            String referenceColumn, String hypothesisColumn, String compareColumn) {
        List<List<String>> slices = new ArrayList<>();
        if (options.cluster() != null && options.bootstrap() > 0 && options.minSpeakers() > 0) {
            int k = Math.max(1, Math.min(options.intersections(), groups.size()));
            for (int mask = 0; mask < 1 << groups.size(); mask++) {
                if (Integer.bitCount(mask) <= k) {
                    List<String> attrs = new ArrayList<>();
                    for (int g = 0; g < groups.size(); g++) {
                        if ((mask & 1 << g) != 0) {
                            attrs.add(groups.get(g));
                        }
                    }
                    slices.add(attrs);
                }
            }
        }
        return new WerDigest.Plan(options.groups(), slices, options.bootstrap() > 0 ? options.cluster() : null, options.worst(),
                idColumn, speakerColumn, referenceColumn, hypothesisColumn, compareColumn, options.characters());
    }

    /**
     * The result of an engine's {@code outcome} (of {@link #request}, with {@link #speechSettings}) and the
     * digest of the same utterances: the {@code speech} section with its notes, few-speaker and ceiling
     * warnings, per-slice counts and worst utterances. {@code table} may be null (Spark: the rows stay in
     * the cluster); {@code normalized} yields the scored texts in row order for the normalized trn files (null: none).
     */
    public static Result finish(Auditor.Outcome outcome, WerDigest digest, Map<String, String> singleValued, Table table,
                                String idColumn, String referenceColumn, String hypothesisColumn, String speakerColumn,
                                Options options, Map<String, Object> inputNotes, Iterable<NormalizedUtterance> normalized) {
        AuditRun run = outcome.run();
        AuditResult result = outcome.result();
        Map<String, Object> notes = new LinkedHashMap<>(inputNotes);
        if (!singleValued.isEmpty()) {
            notes.put("single_valued_groups", singleValued);
        }
        if (options.cluster() != null && options.bootstrap() > 0 && options.minSpeakers() > 0) {
            List<Map<String, Object>> few = new ArrayList<>();
            for (SliceKey k : run.slices()) {
                int count = digest.speakers(k);
                if (count < options.minSpeakers()) {
                    Map<String, Object> entry = new LinkedHashMap<>(); // ordered: JSON output is the same on every run
                    entry.put("slice", k.label());
                    entry.put("speakers", count);
                    few.add(entry);
                }
            }
            notes.put("min_speakers", options.minSpeakers());
            if (!few.isEmpty()) {
                notes.put("few_speakers", few);
            }
        }
        Map<String, WerTotals> totals = sliceTotalsOf(run);
        List<String> bounded = ceilingOrFloor(result, totals);
        if (!bounded.isEmpty()) {
            notes.put("bounded_comparisons", bounded);
        }
        ObjectNode section = speechSection(digest, options, notes);
        addReportParts(section, digest, run, result, options, totals);
        result = result.withExtension("speech", section);
        return new Result(table, idColumn, referenceColumn, hypothesisColumn, speakerColumn, digest, run, result, options,
                normalized);
    }

    /** One utterance of the normalized trn files: its id and the normalized texts that were scored. */
    public record NormalizedUtterance(String id, String reference, String hypothesis) implements java.io.Serializable {
        /** Row {@code row}'s utterance ({@code id} null: {@code utt<row+1>}), texts normalized by {@code n} (missing as empty). */
        public static NormalizedUtterance of(String id, long row, Normalizer n, String reference, String hypothesis) {
            return new NormalizedUtterance(id == null ? "utt" + (row + 1) : id,
                    String.join(" ", n.tokens(reference == null ? "" : reference)),
                    String.join(" ", n.tokens(hypothesis == null ? "" : hypothesis)));
        }
    }

    /** The one value every row holds (missing as {@link CategoricalColumn#MISSING_LABEL}), or null when there are several. */
    private static String singleValue(Column c) {
        String first = null;
        for (int row = 0; row < c.size(); row++) {
            String v = c.text(row);
            v = v == null ? CategoricalColumn.MISSING_LABEL : v;
            if (first == null) {
                first = v;
            } else if (!first.equals(v)) {
                return null;
            }
        }
        return first;
    }

    /** WER at or above this on both sides of a comparison sits at the ceiling (or at most 1 - this: the floor). */
    static final double CEILING = 0.9;
    static final double FLOOR = 0.02;

    /**
     * Comparisons of WER whose two sides both sit near the ceiling (or the floor): their difference is
     * bounded by it and says little about the systems (at 5 dB SNR every voice is at ~100%).
     */
    static List<String> ceilingOrFloor(AuditResult a, Map<String, WerTotals> totals) {
        List<String> out = new ArrayList<>();
        // The comparisons of an attribute set share their reference's map: its label is made once.
        Map<String, String> lastReference = null;
        String referenceLabel = null;
        for (var d : a.disparities()) {
            if (!d.metric().equals("wer") || d.kind() != DisparityKind.DIFFERENCE || d.reference() == null) {
                continue;
            }
            if (d.reference() != lastReference) {
                lastReference = d.reference();
                referenceLabel = SliceResult.label(lastReference);
            }
            String note = boundedNote(d, totals, referenceLabel); // a call per comparison: compiled after a few
            if (note != null) {
                out.add(note);
            }
        }
        return out;
    }

    /** The note on difference {@code d} when both its sides sit at the ceiling or the floor, else null. */
    private static String boundedNote(org.fairhunt.core.result.Disparity d, Map<String, WerTotals> totals, String referenceLabel) {
        String label = SliceResult.label(d.attributes());
        WerTotals x = totals.get(label);
        WerTotals y = totals.get(referenceLabel);
        if (x == null || y == null || x.referenceWords() == 0 || y.referenceWords() == 0) {
            return null;
        }
        double wx = x.wer();
        double wy = y.wer();
        String which = wx >= CEILING && wy >= CEILING ? "ceiling" : wx <= FLOOR && wy <= FLOOR ? "floor" : null;
        if (which == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%s vs %s: both at the %s (WER %.1f%% and %.1f%%); the difference is bounded by it",
                label, referenceLabel, which, 100 * wx, 100 * wy);
    }

    /** MAPSSWE figures for the report's {@code speech} section (undefined values as null). */
    public static Map<String, Object> mapssweNotes(Mapsswe.Result m, String systemA, String systemB) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("system_a", systemA);
        out.put("system_b", systemB);
        out.put("segments", m.segments());
        out.put("errors_a", m.errorsA());
        out.put("errors_b", m.errorsB());
        out.put("mean_difference", finite(m.meanDifference()));
        out.put("sd_difference", finite(m.sdDifference()));
        out.put("w", finite(m.w()));
        out.put("p_value", finite(m.pValue()));
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** What the audit's {@code settings} say beyond core's own: the task, the columns and the normalization. */
    public static Map<String, Object> speechSettings(String ref, String hyp, Options o) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", "speech recognition (word error rate)");
        s.put("reference", ref);
        s.put("hypothesis", hyp);
        s.put("normalization", o.normalizer().describe());
        return s;
    }


    /** Attributes with at most this many values get a heatmap and worst-utterance lists in the report. */
    static final int REPORT_MAX_VALUES = 30;

    /**
     * The parts of the {@code speech} section a speech team reads, shaped so that every renderer lays them
     * out without knowing speech ({@code report}'s ExtensionView): per-slice words, errors, S/D/I and WER
     * with its interval; a WER grid with intervals for every pair of group attributes (accent × condition);
     * and the worst utterances of every value of each attribute, with their alignments.
     */
    private static void addReportParts(ObjectNode section, WerDigest digest, AuditRun run, AuditResult result, Options options,
                                       Map<String, WerTotals> totals) {
        ObjectNode slices = section.putObject("slices");
        Map<Map<String, String>, MetricEstimate> werOf = new LinkedHashMap<>();
        for (SliceResult s : result.slices()) {
            addSliceRow(slices, s, totals, werOf); // a call per slice: compiled after a few, where the loop is not
        }
        List<String> groups = new ArrayList<>();
        for (String g : options.groups()) {
            if (run.slices().stream().anyMatch(k -> k.attributes().contains(g))) {
                groups.add(g);
            }
        }
        for (int a = 0; a < groups.size(); a++) {
            for (int b = a + 1; b < groups.size(); b++) {
                String ga = groups.get(a);
                String gb = groups.get(b);
                ObjectNode grid = JsonNodeFactory.instance.objectNode();
                for (Map.Entry<Map<String, String>, MetricEstimate> e : werOf.entrySet()) {
                    Map<String, String> attrs = e.getKey();
                    if (attrs.size() == 2 && attrs.containsKey(ga) && attrs.containsKey(gb)) {
                        ObjectNode row = grid.has(attrs.get(ga)) ? (ObjectNode) grid.get(attrs.get(ga)) : grid.putObject(attrs.get(ga));
                        row.set(attrs.get(gb), estimateNode(e.getValue()));
                    }
                }
                if (!grid.isEmpty() && grid.size() <= REPORT_MAX_VALUES) {
                    section.set("wer " + ga + " x " + gb, grid);
                }
            }
        }
        if (options.worst() > 0) {
            UtteranceScorer scorer = new UtteranceScorer(options.normalizer(), false, options.referenceNetworks());
            for (String g : groups) {
                if (digest.valueCount(g) > REPORT_MAX_VALUES) {
                    continue; // before ordering the values by first appearance
                }
                Map<String, WerDigest.Value> byValue = digest.values(g);
                for (Map.Entry<String, WerDigest.Value> e : byValue.entrySet()) {
                    ObjectNode list = section.putObject("worst utterances of " + g + "=" + e.getKey());
                    for (WerDigest.Utterance u : e.getValue().worst()) {
                        list.put(idOf(u), inlineAlignment(scorer.score(orEmpty(u.reference()), orEmpty(u.hypothesis()))));
                    }
                }
            }
        }
    }

    /** Slice {@code s}'s row of the section's {@code slices} (none when it has no totals); its WER into {@code werOf} at depth 2. */
    private static void addSliceRow(ObjectNode slices, SliceResult s, Map<String, WerTotals> totals,
                                    Map<Map<String, String>, MetricEstimate> werOf) {
        String label = s.label();
        WerTotals t = totals.get(label);
        if (t == null) {
            return;
        }
        ObjectNode row = slices.putObject(label);
        row.putObject("words").put("value", t.referenceWords());
        row.putObject("errors").put("value", t.wordErrors());
        row.putObject("substitutions").put("value", t.substitutions());
        row.putObject("deletions").put("value", t.deletions());
        row.putObject("insertions").put("value", t.insertions());
        MetricEstimate wer = s.metric("wer");
        if (wer != null) {
            row.set("wer", estimateNode(wer));
            if (s.depth() == 2) { // the grids read pairs only
                werOf.put(s.attributes(), wer);
            }
        }
    }

    /**
     * {@code mapper.valueToTree(v)} for a note: text, numbers, booleans, null, and lists and maps of them are built
     * directly (what the mapper makes of them), anything else goes through the mapper. The summary then never needs
     * the mapper, whose set-up costs some 20 ms CPU; {@code WerAuditTest} checks the two agree.
     */
    static JsonNode noteNode(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        } else if (v instanceof String t) {
            return f.textNode(t);
        } else if (v instanceof Integer i) {
            return f.numberNode(i);
        } else if (v instanceof Long l) {
            return f.numberNode(l);
        } else if (v instanceof Double d && Double.isFinite(d)) {
            return f.numberNode(d);
        } else if (v instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (v instanceof List<?> list) {
            var array = f.arrayNode(list.size());
            list.forEach(x -> array.add(noteNode(x)));
            return array;
        } else if (v instanceof Map<?, ?> map && map.keySet().stream().allMatch(k -> k instanceof String)) {
            ObjectNode object = f.objectNode();
            map.forEach((k, x) -> object.set((String) k, noteNode(x)));
            return object;
        }
        return AuditJson.mapper().valueToTree(v);
    }

    /**
     * {@code mapper.valueToTree(e)}, the node its JSON annotations give (value always, then reason, ci and ci_reason
     * when set), built directly: the first valueToTree costs some 25 ms CPU of serializer set-up, and a speaker slice
     * list has a thousand of them. {@code WerAuditTest} checks it equals valueToTree for every interval method.
     */
    static ObjectNode estimateNode(MetricEstimate e) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (e.value() == null) {
            n.putNull("value");
        } else {
            n.put("value", e.value().doubleValue());
        }
        if (e.reason() != null) {
            n.put("reason", e.reason());
        }
        if (e.ci() != null) {
            ObjectNode ci = n.putObject("ci");
            ci.put("lo", e.ci().lo());
            ci.put("hi", e.ci().hi());
            ci.put("level", e.ci().level());
            ci.put("method", e.ci().method().word());
        }
        if (e.ciReason() != null) {
            n.put("ci_reason", e.ciReason());
        }
        return n;
    }

    private static String idOf(WerDigest.Utterance u) {
        return u.id() == null ? "row " + (u.row() + 1) : u.id();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * An alignment on one line: correct words as they are, errors in brackets, {@code [ref→hyp]} for a
     * substitution, {@code [ref→*]} a deletion, {@code [*→hyp]} an insertion; then the counts.
     */
    static String inlineAlignment(org.fairhunt.speech.score.UtteranceScore score) {
        StringBuilder sb = new StringBuilder();
        for (var step : score.alignment().steps()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            switch (step.op()) {
                case CORRECT -> sb.append(step.ref());
                case SUBSTITUTION -> sb.append('[').append(step.ref()).append('→').append(step.hyp()).append(']');
                case DELETION -> sb.append('[').append(step.ref()).append("→*]");
                case INSERTION -> sb.append("[*→").append(step.hyp()).append(']');
                default -> sb.append(step.ref());
            }
        }
        return sb.append("  (S ").append(score.substitutions()).append(", D ").append(score.deletions()).append(", I ")
                .append(score.insertions()).append(')').toString();
    }

    private static ObjectNode speechSection(WerDigest digest, Options o, Map<String, Object> notes) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        WerTotals t = digest.totals();
        node.put("alignment", "minimum edit distance with sclite's weights (substitution 4, insertion 3, deletion 3)");
        node.put("normalization", o.normalizer().describe());
        ObjectNode totals = node.putObject("totals");
        totals.put("utterances", t.sentences());
        totals.put("reference_words", t.referenceWords());
        totals.put("correct", t.correct());
        totals.put("substitutions", t.substitutions());
        totals.put("deletions", t.deletions());
        totals.put("insertions", t.insertions());
        totals.put("sentence_errors", t.sentenceErrors());
        if (o.characters()) {
            totals.put("reference_chars", t.referenceChars());
            totals.put("char_errors", t.charErrors());
        } else {
            node.put("cer", "not computed (character alignment switched off)");
        }
        if (digest.emptyReferences() > 0 || digest.emptyHypotheses() > 0) {
            node.put("empty_references", digest.emptyReferences());
            node.put("empty_hypotheses", digest.emptyHypotheses());
        }
        notes.forEach((k, v) -> node.set(k, noteNode(v)));
        return node;
    }

    /**
     * Writes the normalized {@code ref.norm.trn} / {@code hyp.norm.trn} that were scored into {@code outDir}
     * (created if needed), so {@code sclite -r ref.norm.trn trn -h hyp.norm.trn trn -i rm} reproduces the
     * totals; none when the text holds characters trn reserves.
     */
    public static List<Path> writeNormalizedTrn(Result r, Path outDir) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UserInputException("cannot create output directory " + outDir + ": " + e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>();
        if (r.normalized() == null) {
            return written;
        }
        Path rt = outDir.resolve("ref.norm.trn");
        Path ht = outDir.resolve("hyp.norm.trn");
        try {
            // One pass writes both (a Spark job streams the utterances once); neither replaces its file unless both are whole.
            AtomicFiles.writeText(rt, refOut -> AtomicFiles.writeText(ht, hypOut -> {
                for (NormalizedUtterance u : r.normalized()) {
                    TrnFormat.write(refOut, List.of(Utterance.of(u.id(), "", u.reference())));
                    TrnFormat.write(hypOut, List.of(Utterance.of(u.id(), "", u.hypothesis())));
                }
            }));
            written.add(rt);
            written.add(ht);
        } catch (UserInputException e) {
            // Text holding trn's reserved characters cannot be written as trn; the other reports stand.
        }
        return written;
    }

    private static String text(Table t, String column, int row) {
        String s = t.column(column).text(row);
        return s == null ? "" : s;
    }

    /** Writes {@code alignments.txt}: the {@code worst} utterances of every group value in pralign layout. */
    public static Path writeAlignments(Result r, Path outDir, int worst) {
        Path file = outDir.resolve("alignments.txt");
        AtomicFiles.writeString(file, alignments(r, worst));
        return file;
    }

    /**
     * MAPSSWE of the table's hypothesis (system A) against {@code otherHypotheses} (system B, one per row,
     * null for none) on the same normalized references.
     */
    public static Mapsswe.Result compare(Table table, String referenceColumn, String hypothesisColumn, String[] otherHypotheses,
                                         Normalizer normalizer) {
        List<Mapsswe.Triple> triples = new ArrayList<>(table.rowCount());
        for (int row = 0; row < table.rowCount(); row++) {
            String other = otherHypotheses[row];
            triples.add(new Mapsswe.Triple(normalizer.tokens(text(table, referenceColumn, row)),
                    normalizer.tokens(text(table, hypothesisColumn, row)), normalizer.tokens(other == null ? "" : other)));
        }
        return Mapsswe.test(triples);
    }

    /**
     * Exact unweighted totals of every slice, keyed by the slice label, read from the engine's point
     * estimate (replicate 0): the same sums the metrics were computed from.
     */
    public static Map<String, WerTotals> sliceTotals(Result r) {
        return sliceTotalsOf(r.run());
    }

    static Map<String, WerTotals> sliceTotalsOf(AuditRun run) {
        Map<String, WerTotals> out = new LinkedHashMap<>();
        StatisticGrid grid = run.grids().get(0);
        List<SliceKey> keys = run.slices();
        for (int sl = 0; sl < keys.size(); sl++) {
            out.put(keys.get(sl).label(), WerStatistic.totals(grid.sums(sl, 0), 0));
        }
        return out;
    }

    /** For each value of each group attribute, its {@code worst} utterances in pralign layout. */
    public static String alignments(Result r, int worst) {
        if (worst > r.digest().plan().worst()) {
            throw new IllegalArgumentException("the digest keeps " + r.digest().plan().worst() + " worst utterances, not " + worst);
        }
        StringBuilder sb = new StringBuilder();
        UtteranceScorer scorer = new UtteranceScorer(r.options().normalizer(), true, r.options().referenceNetworks());
        for (String group : r.options().groups()) {
            for (Map.Entry<String, WerDigest.Value> e : r.digest().values(group).entrySet()) {
                List<WerDigest.Utterance> rows = e.getValue().worst();
                rows = rows.subList(0, Math.min(worst, rows.size()));
                sb.append("==== ").append(group).append('=').append(e.getKey()).append(": ")
                        .append(rows.size()).append(" worst of ").append(e.getValue().count()).append(" utterances\n\n");
                for (WerDigest.Utterance u : rows) {
                    String ref = orEmpty(u.reference());
                    String hyp = orEmpty(u.hypothesis());
                    String speaker = r.speakerColumn() == null ? "" : u.speaker();
                    sb.append(AlignmentListing.render(new ScoredUtterance(idOf(u), speaker, Map.of(), ref, hyp, scorer.score(ref, hyp))));
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }
}

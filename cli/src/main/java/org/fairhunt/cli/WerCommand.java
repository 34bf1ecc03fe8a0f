package org.fairhunt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.policy.PolicyOutcome;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import org.fairhunt.lastmile.card.Evidence;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.format.MissingPolicy;
import org.fairhunt.speech.format.SpeakerIds;
import org.fairhunt.speech.format.TimeMarked;
import org.fairhunt.speech.format.TrnFormat;
import org.fairhunt.speech.format.Utterance;
import org.fairhunt.speech.format.UtterancePairs;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.Mapsswe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt wer}: sclite-compatible scoring plus per-group WER through the audit engine. */
@Command(name = "wer", header = "Word error rate by group, sclite-compatible, with speaker-clustered intervals.", mixinStandardHelpOptions = true,
        description = {"Word error rate by group: sclite-compatible alignment and totals, with per-group and intersection",
            "WER, CER, sentence error rate and S/D/I rates, bootstrap intervals clustered by speaker.",
            "Input is either a pair of transcript files (--ref/--hyp: trn, or stm with ctm) or one table",
            "(CSV, TSV, JSON Lines) with reference and hypothesis columns.", ""},
        footer = {"", "Examples:",
            "  fairhunt wer --ref ref.trn --hyp hyp.trn --out reports/asr",
            "  fairhunt wer --ref ref.trn --hyp hyp.trn --id-fields voice,condition,sentence --group voice --group condition",
            "  fairhunt wer data.csv --ref-col reference --hyp-col hypothesis --speaker speaker \\",
            "      --group accent --group condition --intersections 2 --bootstrap 500 --out reports/asr",
            "", "Normalization steps (--normalize, in the order given): case, punctuation, contractions, nonspeech;",
            "the default 'case' is what sclite does. --word-map FILE adds GLM-style rules 'ok => okay'.",
            "Ids on one side only (--missing): sclite = hypothesis-only ids are an error, reference-only ids are",
            "left out (as sclite); score-all = score them as all insertions / all deletions; error = refuse."})
public final class WerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TABLE",
            description = "A table with one utterance per row (.csv, .tsv, .jsonl; optionally .gz).")
    Path table;

    @Mixin
    BootstrapOptions uncertainty;

    @Option(names = "--ref", paramLabel = "FILE", description = "Reference transcripts: .trn or .stm.")
    Path ref;

    @Option(names = "--hyp", paramLabel = "FILE", description = "Hypothesis transcripts: .trn (with a .trn reference) or .ctm (with .stm).")
    Path hyp;

    @Option(names = "--ref-col", paramLabel = "COLUMN", defaultValue = "reference",
            description = "Reference text column of TABLE (default: ${DEFAULT-VALUE}).")
    String refColumn;

    @Option(names = "--hyp-col", paramLabel = "COLUMN", defaultValue = "hypothesis",
            description = "Hypothesis text column of TABLE (default: ${DEFAULT-VALUE}).")
    String hypColumn;

    @Option(names = "--id-col", paramLabel = "COLUMN", defaultValue = "utterance_id",
            description = "Utterance id column of TABLE, used in listings (default: ${DEFAULT-VALUE}; row numbers if absent).")
    String idColumn;

    @Option(names = "--speaker", paramLabel = "COLUMN",
            description = "Speaker column of TABLE: the bootstrap cluster unless --cluster says otherwise (default: 'speaker' if present).")
    String speaker;

    @Option(names = "--group", paramLabel = "ATTRIBUTE",
            description = "Group attribute (repeatable; default: the speaker).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--intersections", paramLabel = "K", defaultValue = "1",
            description = "Also report intersections of up to K attributes (default: ${DEFAULT-VALUE}).")
    int intersections;



    @Option(names = "--min-group-size", paramLabel = "N", defaultValue = "30",
            description = "Flag slices with fewer utterances as too small (default: ${DEFAULT-VALUE}).")
    int minGroupSize;


    @Option(names = "--normalize", paramLabel = "STEPS", defaultValue = "case",
            description = "Comma-separated normalization steps, or 'none' (default: ${DEFAULT-VALUE}).")
    String normalize;

    @Option(names = "--word-map", paramLabel = "FILE", description = "GLM-style word map applied after the steps ('ok => okay').")
    Path wordMap;

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "sclite",
            description = "Ids on one side only: sclite, score-all or error (default: ${DEFAULT-VALUE}).")
    String missing;

    @Option(names = "--id-format", paramLabel = "FORMAT", defaultValue = "rm",
            description = "How a trn id names its speaker, as sclite -i: rm (before the first '_'), spu_id (before '-'), none (default: ${DEFAULT-VALUE}).")
    String idFormat;

    @Option(names = "--id-fields", paramLabel = "NAMES", split = ",",
            description = "Name the '_'-separated parts of trn ids as group columns, e.g. voice,condition,sentence.")
    List<String> idFields = new ArrayList<>();

    @Option(names = "--worst", paramLabel = "N", defaultValue = "10",
            description = "Utterances listed per group value in alignments.txt (default: ${DEFAULT-VALUE}).")
    int worst;

    @Option(names = "--compare", paramLabel = "FILE",
            description = "A second system's trn on the same utterances: adds sclite's MAPSSWE matched-pair test (A = --hyp, B = this).")
    Path compare;

    @Option(names = "--compare-col", paramLabel = "COLUMN",
            description = "A second system's hypothesis column of TABLE, for the MAPSSWE test.")
    String compareColumn;

    @Option(names = "--no-cer", description = "Skip the character alignment (no CER): several times faster on long utterances.")
    boolean noCer;


    @Option(names = "--out", paramLabel = "DIR",
            description = "Write audit.json, audit.md, audit.html, summary.txt, alignments.txt and the normalized ref/hyp trn into DIR.")
    Path out;

    @Option(names = "--json", description = "Print the JSON result on standard output instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        validate();
        Normalizer normalizer = Normalizer.parse(normalize, wordMap);
        int workers = uncertainty.workers();
        Map<String, Object> notes = new LinkedHashMap<>();
        Table data;
        String idCol;
        String refCol;
        String hypCol;
        String speakerCol;
        if (table != null) {
            ReadOptions options = ReadOptions.defaults().withTypeHint(refColumn, ColumnType.TEXT)
                    .withTypeHint(hypColumn, ColumnType.TEXT);
            data = TableReaders.read(table, options);
            idCol = idColumn;
            refCol = refColumn;
            hypCol = hypColumn;
            speakerCol = speaker != null ? speaker : data.hasColumn("speaker") ? "speaker" : null;
            if (speakerCol != null && !data.hasColumn(speakerCol)) {
                throw new UserInputException(table + ": no speaker column '" + speakerCol + "'; columns are " + data.columnNames());
            }
        } else {
            MissingPolicy policy = MissingPolicy.parse(missing);
            UtterancePairs pairs = readPairs(policy);
            notes.put("missing_policy", policy.cliName());
            notes.put("reference_only_ids", pairs.referenceOnly());
            notes.put("hypothesis_only_ids", pairs.hypothesisOnly());
            if (!pairs.referenceOnly().isEmpty()) {
                spec.commandLine().getErr().println("fairhunt: note: " + pairs.referenceOnly().size()
                        + " reference utterance(s) have no hypothesis and are "
                        + (policy == MissingPolicy.SCORE_ALL ? "scored as all deletions" : "left out, as sclite does")
                        + ": " + UtterancePairs.preview(pairs.referenceOnly()));
            }
            if (!pairs.hypothesisOnly().isEmpty()) {
                spec.commandLine().getErr().println("fairhunt: note: " + pairs.hypothesisOnly().size()
                        + " hypothesis utterance(s) have no reference and are scored as all insertions: "
                        + UtterancePairs.preview(pairs.hypothesisOnly()));
            }
            if (pairs.pairs().isEmpty()) {
                throw new UserInputException("no utterance id is in both " + ref + " and " + hyp);
            }
            data = WerAudit.tableOf(pairs, idFields, hyp.toString());
            idCol = WerAudit.ID;
            refCol = WerAudit.REFERENCE;
            hypCol = WerAudit.HYPOTHESIS;
            speakerCol = WerAudit.SPEAKER;
        }
        Mapsswe.Result mapsswe = null;
        String systemB = null;
        if (compare != null || compareColumn != null) {
            String[] other = new String[data.rowCount()];
            if (compareColumn != null) {
                if (table == null) {
                    throw new UserInputException("--compare-col needs a TABLE; with trn files use --compare FILE");
                }
                if (!data.hasColumn(compareColumn)) {
                    throw new UserInputException(table + ": no column '" + compareColumn + "'; columns are " + data.columnNames());
                }
                for (int row = 0; row < other.length; row++) {
                    other[row] = data.column(compareColumn).text(row);
                }
                systemB = compareColumn;
            } else {
                if (table != null) {
                    throw new UserInputException("--compare FILE goes with --ref/--hyp trn files; for a TABLE use --compare-col");
                }
                Map<String, String> byId = new java.util.HashMap<>();
                for (Utterance u : TrnFormat.read(compare, SpeakerIds.parse(idFormat))) {
                    byId.put(u.id(), u.text());
                }
                List<String> missingIds = new ArrayList<>();
                for (int row = 0; row < other.length; row++) {
                    String id = data.column(idCol).text(row);
                    other[row] = byId.remove(id);
                    if (other[row] == null) {
                        missingIds.add(id);
                    }
                }
                if (!missingIds.isEmpty() || !byId.isEmpty()) {
                    throw new UserInputException("MAPSSWE needs both systems on the same utterances: " + compare + " lacks "
                            + missingIds.size() + " scored id(s) " + UtterancePairs.preview(missingIds) + " and has " + byId.size()
                            + " extra id(s) " + UtterancePairs.preview(new ArrayList<>(byId.keySet())));
                }
                systemB = compare.toString();
            }
            mapsswe = WerAudit.compare(data, refCol, hypCol, other, normalizer);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("system_a", table != null ? hypCol : hyp.toString());
            m.put("system_b", systemB);
            m.put("segments", mapsswe.segments());
            m.put("errors_a", mapsswe.errorsA());
            m.put("errors_b", mapsswe.errorsB());
            m.put("mean_difference", finite(mapsswe.meanDifference()));
            m.put("sd_difference", finite(mapsswe.sdDifference()));
            m.put("w", finite(mapsswe.w()));
            m.put("p_value", finite(mapsswe.pValue()));
            notes.put("mapsswe", m);
        }
        List<String> groupList = new ArrayList<>(groups);
        if (groupList.isEmpty()) {
            if (speakerCol == null) {
                throw new UserInputException("name a group attribute (--group) or a speaker column (--speaker)");
            }
            groupList.add(speakerCol);
        }
        String clusterCol = uncertainty.cluster == null ? speakerCol : uncertainty.cluster.equalsIgnoreCase("none") ? null : uncertainty.cluster;
        var options = new WerAudit.Options(normalizer, groupList, intersections, uncertainty.replicates, uncertainty.seed,
                clusterCol, minGroupSize, workers, uncertainty.confidence);
        if (noCer) {
            options = options.withoutCharacters();
        }
        options = options.withReference(uncertainty.reference);
        Policy policy = uncertainty.policy();
        if (policy != null) {
            options = options.withPolicy(policy);
        }
        WerAudit.Result result = WerAudit.run(data, idCol, refCol, hypCol, speakerCol, options, notes);
        // the evidence a service card needs (fairhunt card build): replicates, sums and speakers per slice
        result = new WerAudit.Result(result.table(), result.idColumn(), result.referenceColumn(), result.hypothesisColumn(),
                result.speakerColumn(), result.scores(), result.run(),
                Evidence.attach(result.audit(), result.run(), result.table()), result.options());
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(AuditJson.toJson(result.audit()));
        } else {
            stdout.print(WerAudit.summary(result));
            if (mapsswe != null) {
                stdout.println();
                stdout.print(WerAudit.describe(mapsswe, table != null ? hypCol : hyp.toString(), systemB));
            }
        }
        if (out != null) {
            List<Path> written = new ArrayList<>(Reports.writeAll(result.audit(), out));
            for (Path p : WerAudit.writeReports(result, out, worst)) {
                if (!written.contains(p)) {
                    written.add(p);
                }
            }
            stdout.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        stdout.flush();
        return policy == null ? 0 : PolicyOutcome.of(result.audit().verdicts()).exitCode();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private UtterancePairs readPairs(MissingPolicy policy) {
        String r = extension(ref);
        String h = extension(hyp);
        if (r.equals("trn") && h.equals("trn")) {
            SpeakerIds ids = SpeakerIds.parse(idFormat);
            return UtterancePairs.join(TrnFormat.read(ref, ids), TrnFormat.read(hyp, ids), policy, ref.toString(), hyp.toString());
        }
        if (r.equals("stm") && (h.equals("ctm") || h.equals("stm"))) {
            var segments = TimeMarked.readStm(ref);
            List<Utterance> refs = TimeMarked.references(segments, ref.toString());
            List<Utterance> hyps = h.equals("ctm") ? TimeMarked.hypotheses(segments, TimeMarked.readCtm(hyp), hyp.toString())
                    : TimeMarked.references(TimeMarked.readStm(hyp), hyp.toString());
            return UtterancePairs.join(refs, hyps, policy, ref.toString(), hyp.toString());
        }
        throw new UserInputException("not supported: reference '" + ref.getFileName() + "' with hypothesis '" + hyp.getFileName()
                + "'; expected ref.trn with hyp.trn, or ref.stm with hyp.ctm (by file extension)");
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private void validate() {
        if (table == null && (ref == null || hyp == null)) {
            throw new UserInputException("give a TABLE with reference and hypothesis columns, or both --ref and --hyp files");
        }
        if (table != null && (ref != null || hyp != null)) {
            throw new UserInputException("give either a TABLE or --ref/--hyp files, not both");
        }
        if (table != null && !idFields.isEmpty()) {
            throw new UserInputException("--id-fields applies to trn ids; a table already has its columns");
        }
        if (intersections < 1) {
            throw new UserInputException("--intersections must be at least 1, got " + intersections);
        }
        uncertainty.validate();
        if (worst < 0) {
            throw new UserInputException("--worst must be >= 0, got " + worst);
        }
    }
}

package org.fairhunt.cli.speech;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fairhunt.cli.options.BootstrapOptions;
import org.fairhunt.cli.options.NormalizerOptions;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.policy.PolicyOutcome;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.lastmile.card.Evidence;
import org.fairhunt.report.speech.WerReports;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.WerInputs;
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
            "  fairhunt wer --ref noisy/ref.trn --hyp hyp.trn --group speaker --group condition   (ids SPEAKER-CONDITION_UTTERANCE)",
            "  fairhunt wer data.csv --ref-col reference --hyp-col hypothesis --speaker speaker \\",
            "      --group accent --group condition --intersections 2 --bootstrap 500 --out reports/asr",
            "", "Normalization steps (--normalize): case, markup (drops <unk>, [noise], ++breath++), punctuation, contractions,",
            "nonspeech (markup and fillers uh/um/ah...), numbers (English numbers as digits: twenty five = 25, 21st, 1999,",
            "$5 = five dollars). markup and nonspeech run first, then numbers, the others in the order given;",
            "the default 'case,markup' is sclite's case-insensitive scoring with non-speech markup kept out of the score.",
            "--word-map FILE adds GLM-style rules 'ok => okay' (a NIST GLM file as csrfilt.sh reads it works too), last.",
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
            description = {"The speaker, the bootstrap cluster unless --cluster says otherwise: a column of TABLE, or a field of trn",
                "ids (--id-fields); default 'speaker' (for trn: the id up to its first '-', else its first '_', as sclite)."})
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

    @Option(names = "--min-speakers", paramLabel = "N", defaultValue = "" + WerAudit.DEFAULT_MIN_SPEAKERS,
            description = "Flag slices with fewer speakers (bootstrap clusters) as too few to trust their interval "
                    + "(default: ${DEFAULT-VALUE}, from a coverage simulation; see the speech README).")
    int minSpeakers;

    @Mixin
    NormalizerOptions normalization;

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "sclite",
            description = "Ids on one side only: sclite, score-all or error (default: ${DEFAULT-VALUE}).")
    String missing;

    @Option(names = "--id-format", paramLabel = "FORMAT", defaultValue = "sclite",
            description = "How a trn id names its speaker: sclite (before the first '-', else the first '_', as sclite -i rm "
                    + "and -i spu_id) or none (each utterance its own speaker) (default: ${DEFAULT-VALUE}).")
    String idFormat;

    @Option(names = "--id-fields", paramLabel = "NAMES", split = ",",
            description = {"Name the parts of trn ids as columns: the first ends at the first '-' (else '_'), the others are",
                "split at '_', e.g. voice,condition,sentence for awb-white-noise-snr10_s01. Default: speaker,condition,utterance",
                "when every id has that form (as augment and transcribe write them), else only speaker."})
    List<String> idFields = new ArrayList<>();

    @Option(names = "--worst", paramLabel = "N", defaultValue = "10",
            description = "Utterances listed with their alignments per group value in alignments.txt and the HTML/Markdown "
                    + "report (default: ${DEFAULT-VALUE}).")
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
        Normalizer normalizer = normalization.normalizer();
        WerInputs.Source source = new WerInputs.Source(table, ref, hyp, refColumn, hypColumn, idColumn, speaker, idFields,
                idFormat, missing);
        WerInputs.Loaded loaded = WerInputs.load(source);
        loaded.messages().forEach(m -> spec.commandLine().getErr().println("fairhunt: note: " + m));
        Map<String, Object> notes = new LinkedHashMap<>(loaded.notes());
        Mapsswe.Result mapsswe = null;
        String systemA = table != null ? hypColumn : String.valueOf(hyp);
        String systemB = compareColumn != null ? compareColumn : compare == null ? null : compare.toString();
        if (systemB != null) {
            String[] other = WerInputs.otherSystem(loaded, source, compare, compareColumn);
            mapsswe = WerAudit.compare(loaded.table(), loaded.referenceColumn(), loaded.hypothesisColumn(), other, normalizer);
            notes.put("mapsswe", WerAudit.mapssweNotes(mapsswe, systemA, systemB));
        }
        String clusterCol = uncertainty.cluster() == null ? loaded.speakerColumn()
                : uncertainty.cluster().equalsIgnoreCase("none") ? null : uncertainty.cluster();
        List<String> groupList = groups.isEmpty() && loaded.speakerColumn() != null ? List.of(loaded.speakerColumn()) : groups;
        var options = new WerAudit.Options(normalizer, groupList, intersections, uncertainty.replicates(), uncertainty.seed(),
                clusterCol, minGroupSize, uncertainty.workers(), uncertainty.confidence());
        if (noCer) {
            options = options.withoutCharacters();
        }
        options = options.withReference(uncertainty.reference()).withMinSpeakers(minSpeakers).withWorst(worst);
        Policy policy = uncertainty.policy();
        if (policy != null) {
            options = options.withPolicy(policy);
        }
        WerAudit.Result result = WerAudit.run(loaded, options, notes);
        // the evidence a service card needs (fairhunt card build): replicates, sums and speakers per slice
        result = new WerAudit.Result(result.table(), result.idColumn(), result.referenceColumn(), result.hypothesisColumn(),
                result.speakerColumn(), result.scores(), result.run(),
                Evidence.attach(result.audit(), result.run(), result.table()), result.options());
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(AuditJson.toJson(result.audit()));
        } else {
            stdout.print(WerReports.summary(result));
            if (mapsswe != null) {
                stdout.println();
                stdout.print(WerReports.describe(mapsswe, systemA, systemB));
            }
        }
        if (out != null) {
            List<Path> written = WerReports.writeAll(result, out, worst);
            stdout.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        stdout.flush();
        return policy == null ? 0 : PolicyOutcome.of(result.audit().verdicts()).exitCode();
    }

    private void validate() {
        if (intersections < 1) {
            throw new UserInputException("--intersections must be at least 1, got " + intersections);
        }
        uncertainty.validate();
        if (minSpeakers < 0) {
            throw new UserInputException("--min-speakers must be >= 0, got " + minSpeakers);
        }
        if (worst < 0) {
            throw new UserInputException("--worst must be >= 0, got " + worst);
        }
    }
}

package org.fairhunt.cli.speech;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fairhunt.cli.options.WerOptions;
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
            "(CSV, TSV, JSON Lines) with reference and hypothesis columns. Without --group, the slices are the speakers.", ""},
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
    WerOptions wer;

    @Option(names = "--ref", paramLabel = "FILE", description = "Reference transcripts: .trn or .stm.")
    Path ref;

    @Option(names = "--hyp", paramLabel = "FILE", description = "Hypothesis transcripts: .trn (with a .trn reference) or .ctm (with .stm).")
    Path hyp;

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
    List<String> idFields = new java.util.ArrayList<>();

    @Option(names = "--compare", paramLabel = "FILE",
            description = "A second system's trn on the same utterances: adds sclite's MAPSSWE matched-pair test (A = --hyp, B = this).")
    Path compare;

    @Override
    public Integer call() {
        wer.validate();
        Normalizer normalizer = wer.normalization().build();
        WerInputs.Source source = new WerInputs.Source(table, ref, hyp, wer.referenceColumn(), wer.hypothesisColumn(),
                wer.idColumn(), wer.speaker(), idFields, idFormat, missing);
        WerInputs.Loaded loaded = WerInputs.load(source);
        loaded.messages().forEach(m -> spec.commandLine().getErr().println("fairhunt: note: " + m));
        Map<String, Object> notes = new LinkedHashMap<>(loaded.notes());
        Mapsswe.Result mapsswe = null;
        String systemA = table != null ? wer.hypothesisColumn() : String.valueOf(hyp);
        String systemB = wer.compareColumn() != null ? wer.compareColumn() : compare == null ? null : compare.toString();
        if (systemB != null) {
            String[] other = WerInputs.otherSystem(loaded, source, compare, wer.compareColumn());
            mapsswe = WerAudit.compare(loaded.table(), loaded.referenceColumn(), loaded.hypothesisColumn(), other, normalizer);
            notes.put("mapsswe", WerAudit.mapssweNotes(mapsswe, systemA, systemB));
        }
        WerAudit.Result result = WerAudit.run(loaded, wer.options(normalizer, loaded.speakerColumn()), notes);
        return WerOptions.report(result, mapsswe, systemA, systemB, wer.json(), wer.out(), spec.commandLine().getOut());
    }
}

package org.fairhunt.cli.options;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.policy.PolicyOutcome;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.lastmile.card.Evidence;
import org.fairhunt.report.speech.WerReports;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.normalize.Normalizer;
import org.fairhunt.speech.score.Mapsswe;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a word-error-rate audit over a table of utterances, one set for {@code fairhunt wer} and
 * Spark's {@code wer}: the columns, the slices ({@link GroupOptions}; {@code --group} defaults to the
 * speaker), the bootstrap and policy ({@link BootstrapOptions}), normalization ({@link NormalizerOptions}),
 * the speaker floor, the worst-utterance lists and CER; and the reports both commands print and write.
 */
public final class WerOptions {
    @Mixin
    GroupOptions slicing;

    @Mixin
    BootstrapOptions uncertainty;

    @Mixin
    NormalizerOptions normalization;

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

    @Option(names = "--compare-col", paramLabel = "COLUMN",
            description = "A second system's hypothesis column of TABLE, for the MAPSSWE test.")
    String compareColumn;

    @Option(names = "--min-speakers", paramLabel = "N", defaultValue = "" + WerAudit.DEFAULT_MIN_SPEAKERS,
            description = "Flag slices with fewer speakers (bootstrap clusters) as too few to trust their interval "
                    + "(default: ${DEFAULT-VALUE}, from a coverage simulation; see the speech README).")
    int minSpeakers;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "10",
            description = "Utterances listed with their alignments per group value in alignments.txt and the HTML/Markdown "
                    + "report (default: ${DEFAULT-VALUE}).")
    int worst;

    @Option(names = "--no-cer", description = "Skip the character alignment (no CER): several times faster on long utterances.")
    boolean noCer;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write audit.json, audit.md, audit.html, summary.txt, alignments.txt and the normalized ref/hyp trn into DIR.")
    Path out;

    @Option(names = "--json", description = "Print the JSON result on standard output instead of the summary.")
    boolean json;

    public String referenceColumn() {
        return refColumn;
    }

    public String hypothesisColumn() {
        return hypColumn;
    }

    public String idColumn() {
        return idColumn;
    }

    /** The {@code --speaker} given, or null for the default. */
    public String speaker() {
        return speaker;
    }

    /** The reports folder of {@code --out}, or {@code null}. */
    public Path out() {
        return out;
    }

    /** Whether {@code --json} asks for the JSON result on standard output. */
    public boolean json() {
        return json;
    }

    /** The {@code --compare-col} given, or null. */
    public String compareColumn() {
        return compareColumn;
    }

    public BootstrapOptions uncertainty() {
        return uncertainty;
    }

    public GroupOptions slicing() {
        return slicing;
    }

    public Normalizer.Recipe normalization() {
        return normalization.recipe();
    }

    /** Refuses out-of-range values with the option's name. */
    public void validate() {
        slicing.validate();
        uncertainty.validate();
        if (minSpeakers < 0) {
            throw new UserInputException("--min-speakers must be >= 0, got " + minSpeakers);
        }
        if (worst < 0) {
            throw new UserInputException("--worst must be >= 0, got " + worst);
        }
    }

    /**
     * The audit's options once the speaker column is known ({@code null}: none): the groups default to the
     * speaker, the cluster to the speaker unless {@code --cluster} names another column or {@code none}.
     */
    public WerAudit.Options options(Normalizer normalizer, String speakerColumn) {
        String cluster = uncertainty.cluster() == null ? speakerColumn
                : uncertainty.cluster().equalsIgnoreCase("none") ? null : uncertainty.cluster();
        List<String> groups = slicing.groups().isEmpty() && speakerColumn != null ? List.of(speakerColumn) : slicing.groups();
        var options = new WerAudit.Options(normalizer, groups, slicing.intersections(), uncertainty.replicates(),
                uncertainty.seed(), cluster, slicing.minGroupSize(), uncertainty.workers(), uncertainty.confidence());
        if (noCer) {
            options = options.withoutCharacters();
        }
        // --max-levels guards against an id column named as a group by mistake; the speakers, which are the slices
        // when no --group is given, are many by nature (a corpus has thousands), so they are never capped.
        int maxLevels = slicing.groups().isEmpty() ? Integer.MAX_VALUE : slicing.maxLevels();
        options = options.withReference(uncertainty.reference()).withMinSpeakers(minSpeakers).withWorst(worst)
                .withBins(slicing.binMap()).withMaxLevels(maxLevels);
        Policy policy = uncertainty.policy();
        return policy == null ? options : options.withPolicy(policy);
    }

    /**
     * Prints the summary (or the JSON) and, with {@code out}, writes every report; returns the exit status.
     * The audit gets its {@code evidence} section (what {@code fairhunt card build} reads) first.
     */
    public static int report(WerAudit.Result result, Mapsswe.Result mapsswe, String systemA, String systemB, boolean json, Path out,
                             PrintWriter stdout) {
        result = result.withAudit(Evidence.attach(result.audit(), result.run(), result.table()));
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
            List<Path> written = WerReports.writeAll(result, out, result.options().worst());
            stdout.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        stdout.flush();
        return result.options().policy() == null ? 0 : PolicyOutcome.of(result.audit().verdicts()).exitCode();
    }
}

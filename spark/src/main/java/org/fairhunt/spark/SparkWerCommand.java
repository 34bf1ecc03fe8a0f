package org.fairhunt.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairhunt.cli.options.BootstrapOptions;
import org.fairhunt.cli.options.OutputOptions;
import org.fairhunt.cli.audit.Summary;
import org.fairhunt.cli.audit.VerdictSummary;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.report.ReportWriter;
import org.fairhunt.speech.metric.WerStatistic;
import org.fairhunt.speech.normalize.Normalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wer} on Spark: each executor normalizes and aligns its utterances with the speech aligner (the
 * {@link WerStatistic} of the local engine, bound to the partition), and the WER sums merge like any other
 * statistic. The result is the audit of {@code Auditor.run(table, request, [WerStatistic])}, the path the
 * local {@code wer} command is being consolidated onto (issue 9); the sclite-style text reports (summary.txt,
 * alignments.txt, normalized trn), which need every utterance on one machine, are not written here.
 */
@Command(name = "wer", mixinStandardHelpOptions = true,
        header = "Word error rate per group and intersection, with speaker-clustered intervals, as a Spark job.",
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
    BootstrapOptions uncertainty;

    @Option(names = "--ref-col", paramLabel = "COLUMN", defaultValue = "reference", description = "Reference transcript column (default: ${DEFAULT-VALUE}).")
    String refCol;

    @Option(names = "--hyp-col", paramLabel = "COLUMN", defaultValue = "hypothesis", description = "Hypothesis column (default: ${DEFAULT-VALUE}).")
    String hypCol;

    @Option(names = "--speaker", paramLabel = "COLUMN",
            description = "Speaker column: the bootstrap cluster unless --cluster says otherwise ('none': each utterance).")
    String speaker;

    @Option(names = "--group", required = true, paramLabel = "ATTRIBUTE", description = "A group attribute (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--intersections", paramLabel = "K", defaultValue = "1", description = "Also every combination of up to K attributes (default: ${DEFAULT-VALUE}).")
    int intersections;

    @Option(names = "--min-group-size", paramLabel = "N", defaultValue = "30", description = "Flag smaller slices (default: ${DEFAULT-VALUE}).")
    int minGroupSize;

    @Option(names = "--normalize", paramLabel = "STEPS", defaultValue = "case",
            description = "Comma-separated normalization steps (case, punctuation, contractions, nonspeech) or 'none' (default: ${DEFAULT-VALUE}).")
    String normalize;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        uncertainty.validate();
        if (intersections < 1) {
            throw new UserInputException("--intersections must be at least 1, got " + intersections);
        }
        Normalizer.parse(normalize, null); // a bad step is a user error here, on the driver
        String cluster = uncertainty.cluster() == null ? speaker
                : uncertainty.cluster().equalsIgnoreCase("none") ? null : uncertainty.cluster();
        AuditRequest request = AuditRequest.builder().groups(groups).intersections(intersections).minGroupSize(minGroupSize)
                .bootstrap(uncertainty.replicates(), uncertainty.seed(), cluster).threads(uncertainty.workers())
                .level(uncertainty.confidence()).reference(uncertainty.reference()).policy(uncertainty.policy()).build();
        var data = from.read(Main.session(), input);
        Auditor.Outcome outcome = SparkAuditor.run(data, request,
                new SparkAuditor.Options(input, from.rowId, List.of(refCol, hypCol)), statistics(refCol, hypCol, normalize));
        PrintWriter stdout = spec.commandLine().getOut();
        if (output.json()) {
            stdout.println(AuditJson.toJson(outcome.result()));
        } else {
            stdout.print(Summary.render(outcome.result()));
            stdout.print(VerdictSummary.render(outcome.result()));
        }
        if (output.out() != null) {
            stdout.println("Reports: " + String.join(", ", ReportWriter.writeAll(outcome.result(), output.out()).stream()
                    .map(Path::toString).toList()));
        }
        stdout.flush();
        return uncertainty.judged() ? outcome.policyOutcome().exitCode() : 0;
    }

    /** The WER statistic, built where it runs (the normalizer is rebuilt from its spec on each executor). */
    static SparkAuditor.ExtraStatistics statistics(String ref, String hyp, String normalize) {
        return () -> List.of(new WerStatistic(ref, hyp, Normalizer.parse(normalize, null), 1));
    }
}

package org.fairhunt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt audit}: per-group metrics of a model's predictions, with intervals. */
@Command(name = "audit", header = "Measure a model per group and per intersection of groups, with intervals.", mixinStandardHelpOptions = true,
        description = {"Measure a model per group and per intersection of groups, in one pass over the data.",
            "The file holds one row per case with the true label, the model's prediction and/or score, and the group "
                + "attributes (CSV, TSV, JSON Lines or ARFF).", ""},
        footer = {"", "Examples:",
            "  fairhunt audit credit.csv --label class --positive good --prediction pred --score score \\",
            "      --group sex --group age_band --group foreign_worker --intersections 2 --min-group-size 30 \\",
            "      --out reports/credit",
            "  fairhunt audit loans.jsonl --label default --prediction pred --group age --bin age=25,40,60",
            "  fairhunt audit wages.csv --label wage --prediction predicted --regression --group ethnicity",
            "  fairhunt audit credit.csv --label class --positive good --prediction pred --group sex --group age_band \\",
            "      --bootstrap 200 --cluster applicant --reference sex=male --policy fairness.yaml --clarify",
            "", "Exit status: 0 done (with --policy or --require: every constraint passes), 1 a constraint fails,",
            "3 none fails but some are inconclusive, 2 bad input or options, 4 out of memory, 74 an output",
            "could not be written (disk full, permission), 70 an internal error."})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The data: .csv, .tsv, .jsonl or .arff (optionally .gz).")
    Path file;

    @Mixin
    InputOptions input;

    @Mixin
    BootstrapOptions uncertainty;

    @Mixin
    GroupOptions slicing;

    @Mixin
    OutputOptions output;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "The true outcome.")
    String label;

    @Option(names = "--positive", paramLabel = "VALUE",
            description = "The label value counted as positive (default: 1, true or yes, whichever the label has).")
    String positive;

    @Option(names = "--prediction", paramLabel = "COLUMN", description = "The model's predicted class (or value, with --regression).")
    String prediction;

    @Option(names = "--score", paramLabel = "COLUMN",
            description = "The model's score for the positive class (adds auc, brier, ece, mean_score).")
    String score;

    @Option(names = "--regression", description = "Label and prediction are numbers: report mae, rmse, mean_error.")
    boolean regression;

    @Option(names = "--metrics", split = ",", paramLabel = "NAME",
            description = "Only these metrics, e.g. error_rate,fpr,fnr (default: all the data allows).")
    List<String> metrics;

    @Option(names = "--weight", paramLabel = "COLUMN", description = "Non-negative row weights.")
    String weight;

    @Option(names = "--clarify", description = "Add the SageMaker Clarify bias metrics (CI, DPL, ..., DI, ..., GE) per facet.")
    boolean clarify;

    @Option(names = "--conditional-group", paramLabel = "COLUMN",
            description = "Column the Clarify metrics CDDL and CDDPL condition on (with --clarify).")
    String conditionalGroup;

    @Option(names = "--facet", paramLabel = "ATTRIBUTE=VALUES",
            description = "A Clarify facet uniting several values, e.g. age_band=<25,25-40 (repeatable, with --clarify).")
    List<String> facets = new ArrayList<>();

    @Override
    public Integer call() {
        validate();
        Table table = input.read(file);
        AuditRequest request = AuditRequest.builder()
                .label(label, positive).prediction(prediction).score(score).regression(regression)
                .groups(slicing.groups).bins(slicing.binMap()).intersections(slicing.intersections)
                .minGroupSize(slicing.minGroupSize).maxLevels(slicing.maxLevels).metrics(metrics)
                .bootstrap(uncertainty.replicates, uncertainty.seed, uncertainty.cluster).weight(weight)
                .threads(uncertainty.workers()).level(uncertainty.confidence)
                .reference(uncertainty.reference).policy(uncertainty.policy())
                .clarify(clarify, conditionalGroup, facets)
                .build();
        Auditor.Outcome outcome = Auditor.run(table, request);
        // the evidence a service card needs (fairhunt card build): replicates, sums and clusters per slice
        AuditResult result = org.fairhunt.lastmile.card.Evidence.attach(outcome.result(), outcome.run(), outcome.table());
        PrintWriter stdout = spec.commandLine().getOut();
        if (output.json) {
            stdout.println(org.fairhunt.core.result.AuditJson.toJson(result));
        } else {
            stdout.print(Summary.render(result));
            stdout.print(VerdictSummary.render(result));
        }
        if (output.out != null) {
            List<Path> written = Reports.writeAll(result, output.out);
            stdout.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        stdout.flush();
        return uncertainty.judged() ? outcome.policyOutcome().exitCode() : 0;
    }

    private void validate() {
        if (slicing.groups.isEmpty()) {
            throw new UserInputException("name at least one group attribute to audit with --group");
        }
        slicing.validate();
        uncertainty.validate();
        if (prediction == null && score == null) {
            throw new UserInputException("give --prediction and/or --score: there is nothing to measure otherwise");
        }
    }
}

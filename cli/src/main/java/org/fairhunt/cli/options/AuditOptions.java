package org.fairhunt.cli.options;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.cli.audit.Reports;
import org.fairhunt.cli.audit.Summary;
import org.fairhunt.cli.audit.VerdictSummary;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.result.AuditResult;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of an audit, whatever engine runs it: the columns' roles, slices, intervals, reference,
 * policy, Clarify and the output. {@code fairhunt audit} and the Spark engine's {@code audit} both use them,
 * so the two take the same options and report alike.
 */
public final class AuditOptions {
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

    /** Refuses missing or out-of-range options, naming them; before any data is read. */
    public void validate() {
        if (slicing.groups.isEmpty()) {
            throw new UserInputException("name at least one group attribute to audit with --group");
        }
        slicing.validate();
        uncertainty.validate();
        if (prediction == null && score == null) {
            throw new UserInputException("give --prediction and/or --score: there is nothing to measure otherwise");
        }
    }

    /** The request these options describe (loads the policy file, if any). */
    public AuditRequest request() {
        return AuditRequest.builder()
                .label(label, positive).prediction(prediction).score(score).regression(regression)
                .groups(slicing.groups).bins(slicing.binMap()).intersections(slicing.intersections)
                .minGroupSize(slicing.minGroupSize).maxLevels(slicing.maxLevels).metrics(metrics)
                .bootstrap(uncertainty.replicates, uncertainty.seed, uncertainty.cluster).weight(weight)
                .threads(uncertainty.workers()).level(uncertainty.confidence)
                .reference(uncertainty.reference).policy(uncertainty.policy())
                .clarify(clarify, conditionalGroup, facets)
                .build();
    }

    /**
     * Prints the summary (or the JSON with {@code --json}) on {@code stdout}, writes the reports with
     * {@code --out}, and returns the exit status: the policy's with {@code --policy} or {@code --require}, else 0.
     */
    public int report(Auditor.Outcome outcome, PrintWriter stdout) {
        // the evidence a service card needs (fairhunt card build): replicates, sums and clusters per slice
        AuditResult result = org.fairhunt.lastmile.card.Evidence.attach(outcome.result(), outcome.run(), outcome.table());
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
}

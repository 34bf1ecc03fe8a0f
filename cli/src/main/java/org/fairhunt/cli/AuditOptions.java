package org.fairhunt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.result.AuditJson;
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

    @Option(names = "--group", required = true, paramLabel = "ATTRIBUTE",
            description = "A group attribute (repeatable). A missing value is a group of its own, never imputed.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--bin", paramLabel = "ATTRIBUTE=CUTS",
            description = "Bin a numeric group attribute at these cut points, e.g. age=25,40,60 (repeatable).")
    List<String> bins = new ArrayList<>();

    @Option(names = "--intersections", paramLabel = "K", defaultValue = "1",
            description = "Also audit every combination of up to K attributes (default: ${DEFAULT-VALUE}).")
    int intersections;

    @Option(names = "--min-group-size", paramLabel = "N", defaultValue = "30",
            description = "Flag slices with fewer rows as too small to judge (default: ${DEFAULT-VALUE}).")
    int minGroupSize;

    @Option(names = "--metrics", split = ",", paramLabel = "NAME",
            description = "Only these metrics, e.g. error_rate,fpr,fnr (default: all the data allows).")
    List<String> metrics;

    @Option(names = "--cluster", paramLabel = "COLUMN",
            description = "Rows sharing this value (a speaker, a patient) are resampled together.")
    String cluster;

    @Option(names = "--weight", paramLabel = "COLUMN", description = "Non-negative row weights.")
    String weight;

    @Option(names = "--out", paramLabel = "DIR", description = "Write audit.json, audit.md and audit.html into DIR.")
    Path out;

    @Option(names = "--reference", paramLabel = "CHOICE",
            description = "Reference slice of disparities: largest (default), best, worst, or ATTRIBUTE=VALUE (repeatable).")
    List<String> reference = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Judge the constraints of this YAML or JSON policy (see docs/policies.md); sets the exit status.")
    Path policy;

    @Option(names = "--clarify", description = "Add the SageMaker Clarify bias metrics (CI, DPL, ..., DI, ..., GE) per facet.")
    boolean clarify;

    @Option(names = "--conditional-group", paramLabel = "COLUMN",
            description = "Column the Clarify metrics CDDL and CDDPL condition on (with --clarify).")
    String conditionalGroup;

    @Option(names = "--facet", paramLabel = "ATTRIBUTE=VALUES",
            description = "A Clarify facet uniting several values, e.g. age_band=<25,25-40 (repeatable, with --clarify).")
    List<String> facets = new ArrayList<>();


    @Option(names = "--json", description = "Print the JSON result on standard output instead of the summary.")
    boolean json;

    /** The request these options describe; out-of-range options are user errors naming the option. */
    public AuditRequest request() {
        if (intersections < 1) {
            throw new UserInputException("--intersections must be at least 1, got " + intersections);
        }
        if (minGroupSize < 0) {
            throw new UserInputException("--min-group-size must be >= 0, got " + minGroupSize);
        }
        uncertainty.validate();
        if (prediction == null && score == null) {
            throw new UserInputException("give --prediction and/or --score: there is nothing to measure otherwise");
        }
        return new AuditRequest(label, positive, prediction, score, regression, groups, parseBins(bins),
                intersections, minGroupSize, metrics, uncertainty.replicates, uncertainty.seed, cluster, weight,
                uncertainty.workers(), uncertainty.confidence)
                .withReference(reference)
                .withPolicy(policy == null ? null : Policy.load(policy))
                .withClarify(clarify, conditionalGroup)
                .withClarifyFacets(facets);
    }

    /**
     * Prints the summary (or the JSON with {@code --json}) on {@code stdout}, writes the reports with
     * {@code --out}, and returns the exit status: the policy's with {@code --policy}, else 0.
     */
    public int report(Auditor.Outcome outcome, PrintWriter stdout) {
        AuditResult result = outcome.result();
        if (json) {
            stdout.println(AuditJson.toJson(result));
        } else {
            stdout.print(Summary.render(result));
            stdout.print(VerdictSummary.render(result));
        }
        if (out != null) {
            List<Path> written = Reports.writeAll(result, out);
            stdout.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        stdout.flush();
        return policy == null ? 0 : outcome.policyOutcome().exitCode();
    }

    static Map<String, String> parseBins(List<String> specs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new UserInputException("--bin expects ATTRIBUTE=CUTS such as age=25,40,60, got '" + s + "'");
            }
            m.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return m;
    }
}

package org.fairhunt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fairhunt.cli.audit.Reports;
import org.fairhunt.cli.audit.Summary;
import org.fairhunt.cli.bounty.BountyDemoCommand;
import org.fairhunt.cli.demo.CreditDemo;
import org.fairhunt.cli.lastmile.LastMileDemoCommand;
import org.fairhunt.cli.speech.SpeechDemoCommand;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.io.CsvWriter;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairhunt demo}: audits a real model on real data end to end, with nothing to install or
 * download. Without a subcommand it runs the German credit demo.
 */
@Command(name = "demo", header = "Audit a real model on shipped real data (also: demo speech, demo bounty, demo lastmile).", mixinStandardHelpOptions = true, subcommands = {SpeechDemoCommand.class, BountyDemoCommand.class, LastMileDemoCommand.class},
        description = {"Run a complete audit on shipped real data: the German credit data (UCI, CC BY 4.0), a logistic",
            "regression baseline trained here with out-of-fold predictions, audited by sex, age band and foreign",
            "worker status and their intersections. Writes the scored data and the JSON, Markdown and HTML reports.", ""},
        footer = {"", "Examples:", "  fairhunt demo --out fairhunt-demo", "  fairhunt demo speech", "  fairhunt demo bounty"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fairhunt-demo",
            description = "Where to write the scored data and the reports (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "200",
            description = "Bootstrap replicates for the intervals (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed for folds and bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        o.println("Fairhunt demo: German credit data (1000 applicants; Hofmann 1994, UCI, CC BY 4.0)");
        Table credit = CreditDemo.load();
        Table scored = CreditDemo.scored(credit, seed);
        java.nio.file.Path dir = out;
        Reports.ensureDirectory(dir);
        Path data = dir.resolve("credit-scored.csv");
        CsvWriter.write(scored, data);
        o.println("Model: logistic regression on all 20 attributes, 5-fold out-of-fold predictions (seed " + seed + ")");
        o.println("Scored data: " + data);
        AuditRequest request = new AuditRequest("class", "good", "pred", "score", false,
                List.of("sex", "age_band", "foreign_worker"), Map.of(), 2, 30, null, bootstrap, seed, null, null,
                Runtime.getRuntime().availableProcessors(), 0.95);
        AuditResult result = Auditor.run(scored, request).result();
        o.println();
        o.print(Summary.render(result));
        o.println();
        o.println("Headline gaps between groups of one attribute (slices of at least 30 rows):");
        for (String metric : List.of("selection_rate", "error_rate", "fnr", "fpr")) {
            for (String attribute : List.of("sex", "age_band", "foreign_worker")) {
                o.println("  " + gap(result, metric, attribute));
            }
        }
        List<Path> written = Reports.writeAll(result, dir);
        o.println();
        o.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        o.println("Re-run the audit yourself:");
        o.println("  fairhunt audit " + data + " --label class --positive good --prediction pred --score score \\");
        o.println("      --group sex --group age_band --group foreign_worker --intersections 2 --bootstrap " + bootstrap
                + " --out " + dir);
        o.flush();
        return 0;
    }

    /** "selection_rate by sex: female 0.62 vs male 0.73 (gap 0.11)". */
    static String gap(AuditResult result, String metric, String attribute) {
        SliceResult lo = null;
        SliceResult hi = null;
        for (SliceResult s : result.slices()) {
            if (s.depth() != 1 || !s.attributes().containsKey(attribute) || s.tooSmall()) {
                continue;
            }
            MetricEstimate e = s.metric(metric);
            if (e == null || !e.defined()) {
                continue;
            }
            if (lo == null || e.value() < lo.metric(metric).value()) {
                lo = s;
            }
            if (hi == null || e.value() > hi.metric(metric).value()) {
                hi = s;
            }
        }
        if (lo == null || lo == hi) {
            return metric + " by " + attribute + ": fewer than two groups large enough to compare";
        }
        double a = hi.metric(metric).value();
        double b = lo.metric(metric).value();
        return String.format(Locale.ROOT, "%s by %s: %s %.3f vs %s %.3f (gap %.3f)", metric, attribute,
                hi.attributes().get(attribute), a, lo.attributes().get(attribute), b, a - b);
    }
}

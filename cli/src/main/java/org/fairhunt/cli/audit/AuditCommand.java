package org.fairhunt.cli.audit;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.cli.options.AuditOptions;
import org.fairhunt.cli.options.InputOptions;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
    AuditOptions audit;

    @Override
    public Integer call() {
        audit.validate();
        Table table = input.read(file);
        return audit.report(Auditor.run(table, audit.request()), spec.commandLine().getOut());
    }
}

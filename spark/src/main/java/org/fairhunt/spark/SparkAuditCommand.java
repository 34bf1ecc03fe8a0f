package org.fairhunt.spark;

import java.util.List;
import java.util.concurrent.Callable;
import org.fairhunt.cli.options.AuditOptions;
import org.fairhunt.core.audit.AuditRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code audit} on Spark: the options, reports and exit status of {@code fairhunt audit}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        header = "Measure a model per group and per intersection of groups, with intervals, as a Spark job.",
        description = {"The same audit as 'fairhunt audit', with the same numbers, over Parquet, ORC, CSV or JSON files "
                + "or a catalog table.", ""},
        footer = {"", "Examples:",
            "  spark-submit --class org.fairhunt.spark.Main fairhunt-spark.jar audit s3a://lake/decisions/ --format parquet \\",
            "      --label y --prediction p --score s --group sex --group age_band --intersections 2 \\",
            "      --bootstrap 200 --cluster customer_id --policy fairness.yaml --out reports/",
            "", "Exit status: 0 done (with --policy: every constraint passes), 1 a policy constraint fails,",
            "3 none fails but some are inconclusive, 2 bad input or options."})
final class SparkAuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A file or directory (any Hadoop path: file:, hdfs:, s3a:) or, "
            + "with --format table, a table name.")
    String input;

    @Mixin
    SparkInput from;

    @Mixin
    AuditOptions audit;

    @Override
    public Integer call() {
        audit.validate();
        var data = from.read(Main.session(), input);
        AuditRequest request = audit.request();
        return audit.report(SparkAuditor.run(data, request, from.options(input), List::of), spec.commandLine().getOut());
    }
}

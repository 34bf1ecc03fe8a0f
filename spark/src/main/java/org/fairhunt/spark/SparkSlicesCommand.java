package org.fairhunt.spark;

import java.util.concurrent.Callable;
import org.fairhunt.cli.options.ErrorOptions;
import org.fairhunt.cli.options.SliceOptions;
import org.fairhunt.core.UserInputException;
import org.fairhunt.discovery.slice.SliceFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code slices} on Spark: the options, reports and exit status of {@code fairhunt slices}. */
@Command(name = "slices", mixinStandardHelpOptions = true,
        header = "Find the subgroups where the model fails most (SliceLine search), counting slices as Spark jobs.",
        description = {"The same search as 'fairhunt slices', with the same report, over Parquet, ORC, CSV or JSON files "
                + "or a catalog table: each level's candidate slices are counted per partition and merged.", ""},
        footer = {"", "Examples:",
            "  spark-submit --class org.fairhunt.spark.Main fairhunt-spark.jar slices s3a://lake/decisions/ --format parquet \\",
            "      --label y --prediction p --features region,age_band,channel,product --max-depth 3 --out reports/slices",
            "", "Exit status: 0 done (also when nothing is found), 2 bad input or options."})
final class SparkSlicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A file or directory (any Hadoop path: file:, hdfs:, s3a:) or, "
            + "with --format table, a table name.")
    String input;

    @Mixin
    SparkInput from;

    @Mixin
    SliceOptions slices;

    @Override
    public Integer call() {
        SliceFinder.Options options = slices.finderOptions();
        ErrorOptions errors = slices.errors();
        var columns = errors.columns();
        if (errors.wordMapGiven()) {
            throw new UserInputException("--word-map is not supported on Spark yet (the executors would need the file); "
                    + "apply the map to the transcripts first, or run fairhunt slices locally");
        }
        if (from.rowId != null) {
            throw new UserInputException("--row-id keys audit's bootstrap; slices numbers rows in the Dataset's order and takes no row-id column");
        }
        var data = from.read(Main.session(), input);
        SparkSlices.Request request = new SparkSlices.Request(input, slices.features(), slices.binning().bins(), slices.binning().cuts(),
                slices.maxLevels(), columns, errors::rowErrors, options);
        return slices.report(SparkSlices.find(data, request), spec.commandLine().getOut());
    }
}

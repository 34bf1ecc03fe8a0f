package org.fairhunt.cli.discovery;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairhunt.cli.options.InputOptions;
import org.fairhunt.cli.options.SliceOptions;
import org.fairhunt.core.table.Table;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.discovery.slice.SliceFeatures;
import org.fairhunt.discovery.slice.SliceFinder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt slices}: where does the model fail that nobody thought to look? */
@Command(name = "slices", header = "Find the subgroups where the model fails most (SliceLine search).", mixinStandardHelpOptions = true,
        description = {"Find the subgroups (conjunctions of feature = value) with the highest error, by an exact SliceLine search,",
            "with intervals, tests against the rest, and Benjamini-Hochberg q-values over every slice tested.", ""},
        footer = {"", "Examples:",
            "  fairhunt slices data.csv --label y --prediction p --features accent,noise,device,age_band,sex \\",
            "      --max-depth 3 --min-support 50 --top 10 --out reports/slices",
            "  fairhunt slices asr.csv --errors-col errors --units-col ref_words --features voice,condition",
            "  fairhunt slices wages.csv --label wage --prediction predicted --metric abs_error --features region,education",
            "", "Numeric features are cut into --bins quantile bins (or kept as values when they have at most that many).",
            "Exit status: 0 done (also when nothing is found), 2 bad input or options."})
public final class SlicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The data: .csv, .tsv, .jsonl or .arff (optionally .gz).")
    Path file;

    @Mixin
    InputOptions input;

    @Mixin
    SliceOptions slices;

    @Override
    public Integer call() {
        SliceFinder.Options options = slices.finderOptions();
        Table table = slices.binning().apply(input.read(file));
        RowErrors rowErrors = slices.errors().rowErrors(table);
        SliceFeatures encoded = SliceFeatures.encode(table, slices.features(), slices.binning().bins(), slices.maxLevels());
        return slices.report(SliceFinder.find(encoded, rowErrors, options), spec.commandLine().getOut());
    }
}

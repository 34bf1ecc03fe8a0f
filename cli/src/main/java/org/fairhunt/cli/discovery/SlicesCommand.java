package org.fairhunt.cli.discovery;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fairhunt.cli.options.BinOptions;
import org.fairhunt.cli.options.ErrorOptions;
import org.fairhunt.cli.options.InputOptions;
import org.fairhunt.cli.options.OutputOptions;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.Table;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.discovery.slice.SliceFeatures;
import org.fairhunt.discovery.slice.SliceFinder;
import org.fairhunt.discovery.slice.SliceFinding;
import org.fairhunt.discovery.slice.SliceReport;
import org.fairhunt.discovery.slice.SliceSearch;
import org.fairhunt.report.discovery.SliceReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
    ErrorOptions errors;

    @Option(names = "--features", required = true, split = ",", paramLabel = "COLUMN",
            description = "The columns a slice may condition on (comma-separated or repeated).")
    List<String> features = new ArrayList<>();

    @Option(names = "--max-depth", paramLabel = "L", defaultValue = "3", description = "Most predicates in a slice (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--min-support", paramLabel = "N", defaultValue = "50", description = "Fewest rows in a slice (default: ${DEFAULT-VALUE}).")
    long minSupport;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Slices to report (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Rank by SliceLine's score with this weight of error against size in (0, 1], as SystemDS (0.95 "
                    + "there). Default: rank by how much worse than the rest a slice is at least, significant slices included.")
    Double alpha;

    @Mixin
    BinOptions binning;

    @Option(names = "--max-levels", paramLabel = "N", defaultValue = "100",
            description = "Refuse a feature with more distinct values than this (default: ${DEFAULT-VALUE}, at most 255).")
    int maxLevels;

    @Option(names = "--fdr", paramLabel = "Q", defaultValue = "0.05",
            description = "False discovery rate for flagging findings (default: ${DEFAULT-VALUE}).")
    double fdr;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores; results do not depend on it).")
    Integer threads;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (!(fdr > 0 && fdr < 1)) {
            throw new UserInputException("--fdr must lie in (0, 1), got " + fdr);
        }
        if (threads != null && threads < 1) {
            throw new UserInputException("--threads must be at least 1, got " + threads);
        }
        SliceSearch.Params params = new SliceSearch.Params(maxDepth, minSupport, top, alpha == null ? 0.95 : alpha,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        Table table = binning.apply(input.read(file));
        RowErrors rowErrors = errors.rowErrors(table);
        SliceFeatures encoded = SliceFeatures.encode(table, features, binning.bins(), maxLevels);
        SliceReport report = SliceFinder.find(encoded, rowErrors, new SliceFinder.Options(params, 0.95, fdr,
                alpha == null ? SliceFinder.Ranking.EFFECT : SliceFinder.Ranking.SLICELINE));
        PrintWriter stdout = spec.commandLine().getOut();
        if (output.json()) {
            stdout.print(SliceReportWriter.json(report));
        } else {
            stdout.print(summary(report));
        }
        if (output.out() != null) {
            List<Path> written = SliceReportWriter.write(report, output.out());
            stdout.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        stdout.flush();
        return 0;
    }

    static String summary(SliceReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d rows, overall error %s%n", r.errorDescription(), r.rows(), fmt(r.overallError())));
        sb.append(r.testingSummary()).append(System.lineSeparator()).append(System.lineSeparator());
        sb.append("Ranked ").append(r.ranking()).append(".\n\n");
        if (r.findings().isEmpty()) {
            sb.append("No slice found.\n");
        } else {
            sb.append(String.format(Locale.ROOT, "%3s  %8s  %9s  %-19s  %9s  %9s  %s%n", "#", "rows", "error", "95% interval", "rest", "q", "slice"));
            for (SliceFinding f : r.findings()) {
                String interval = f.interval() == null ? "–" : "[" + fmt(f.interval().lo()) + ", " + fmt(f.interval().hi()) + "]";
                sb.append(String.format(Locale.ROOT, "%3d  %8d  %9s  %-19s  %9s  %9s%s %s%s%n", f.rank(), f.stats().rows(), fmt(f.error()), interval,
                        fmt(f.restError()), f.qValue() == 0 ? "<1e-16" : fmt(f.qValue()), f.qValue() < r.fdr() ? "*" : " ", f.description(),
                        f.collapsed().isEmpty() ? "" : "  (+" + f.collapsed().size() + " collapsed)"));
            }
            sb.append("* q below the false discovery rate\n");
        }
        for (String n : r.notices()) {
            sb.append("note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}

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
import org.fairhunt.core.table.Table;
import org.fairhunt.discovery.coverage.CoverageAnalysis;
import org.fairhunt.discovery.coverage.CoverageResult;
import org.fairhunt.discovery.coverage.TargetShares;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.report.discovery.CoverageReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt coverage}: which combinations of conditions does the evaluation data cover at all? */
@Command(name = "coverage", header = "Count every t-way combination of conditions; find empty and thin cells.", mixinStandardHelpOptions = true,
        description = {"Count every t-way combination of dimension values (empty ones included), list the thin cells, compare with",
            "a population's target shares, and plan how many more rows each thin cell needs.", ""},
        footer = {"", "Examples:",
            "  fairhunt coverage data.csv --dimensions accent,noise,device,age_band --strength 2 --min-per-cell 30 \\",
            "      --target-shares population.csv --detect-gap 0.03 --out reports/coverage",
            "",
            "A target-shares file has some dimension columns and a 'share' column; each row is one combination's share.",
            "A row that leaves a dimension empty belongs to the distribution over the dimensions it fills, so one file can",
            "hold several marginals. Shares are normalized per distribution.",
            "The plan (--detect-gap) uses the overall error rate when --label/--prediction or error columns are given,",
            "else --baseline-rate, else 0.5 (the most rows any baseline needs).",
            "", "Exit status: 0 done, 2 bad input or options."})
public final class CoverageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The data: .csv, .tsv, .jsonl or .arff (optionally .gz).")
    Path file;

    @Mixin
    InputOptions input;

    @Mixin
    ErrorOptions errors;

    @Option(names = "--dimensions", required = true, split = ",", paramLabel = "COLUMN",
            description = "The conditions whose combinations must be covered (comma-separated or repeated).")
    List<String> dimensions = new ArrayList<>();

    @Option(names = "--strength", paramLabel = "T", defaultValue = "2", description = "1, 2 or 3-way combinations (default: ${DEFAULT-VALUE}).")
    int strength;

    @Option(names = "--min-per-cell", paramLabel = "N", defaultValue = "30",
            description = "Rows a combination needs to count as covered (default: ${DEFAULT-VALUE}).")
    long minPerCell;

    @Option(names = "--target-shares", paramLabel = "FILE", description = "A population's shares over some of the dimensions.")
    Path targetShares;

    @Option(names = "--detect-gap", paramLabel = "D", description = "Plan rows to detect this gap in the error rate (80%% power, 5%% two-sided).")
    Double detectGap;

    @Option(names = "--baseline-rate", paramLabel = "P", description = "The error rate the plan starts from when no errors are given.")
    Double baselineRate;

    @Mixin
    BinOptions binning;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CoverageAnalysis.Options options = new CoverageAnalysis.Options(strength, minPerCell, binning.bins(), detectGap, baselineRate,
                0.05, 0.8);
        Table table = binning.apply(input.read(file));
        RowErrors rowErrors = errors.given() ? errors.rowErrors(table) : null;
        TargetShares targets = targetShares == null ? null : TargetShares.from(input.read(targetShares), dimensions);
        CoverageResult result = CoverageAnalysis.analyze(table, dimensions, options, targets, rowErrors);
        PrintWriter stdout = spec.commandLine().getOut();
        if (output.json()) {
            stdout.print(CoverageReportWriter.json(result));
        } else {
            stdout.print(summary(result));
        }
        if (output.out() != null) {
            List<Path> written = CoverageReportWriter.write(result, output.out());
            stdout.println("Reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        stdout.flush();
        return 0;
    }

    static String summary(CoverageResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d rows; %d-way combinations of %s%n", r.rows(), r.strength(), String.join(", ", r.dimensions())));
        sb.append(String.format(Locale.ROOT, "%d of %d cells have at least %d rows (%.1f%%); %d thin, %d empty%n", r.coveredCells(), r.totalCells(),
                r.minPerCell(), r.coveredShare() * 100, r.thinCellCount(), r.emptyCells()));
        if (r.plan() != null) {
            sb.append(String.format(Locale.ROOT, "plan: to detect a gap of %s at baseline %s (%s), a cell needs %s%n",
                    org.fairhunt.cli.options.SliceOptions.fmt(r.plan().gap()), org.fairhunt.cli.options.SliceOptions.fmt(r.plan().baseline()), r.plan().baselineSource(), r.plan().need()));
        }
        if (!r.thinCells().isEmpty()) {
            sb.append("\nthin cells, most expected first:\n");
            for (CoverageResult.CellReport c : r.thinCells().subList(0, Math.min(15, r.thinCells().size()))) {
                StringBuilder cell = new StringBuilder();
                for (int i = 0; i < c.dimensions().size(); i++) {
                    cell.append(i == 0 ? "" : ", ").append(c.dimensions().get(i)).append(" = ").append(c.values().get(i));
                }
                sb.append(String.format(Locale.ROOT, "  %6d rows  expected %6.2f%%  %s%s%n", c.rows(), c.expectedShare() * 100, cell,
                        c.extraRowsForGap() == null ? "" : (c.extraRowsForGap().isInfinite() ? "  (the gap cannot be detected: too few rows outside the cell)"
                                : String.format(Locale.ROOT, "  (+%.0f rows for the gap)", c.extraRowsForGap()))));
            }
        }
        for (CoverageResult.TargetComparison t : r.targets()) {
            sb.append(String.format(Locale.ROOT, "%ntarget shares over %s: total variation %s, KL(target || data) %s%n",
                    String.join(", ", t.dimensions()), org.fairhunt.cli.options.SliceOptions.fmt(t.totalVariation()),
                    Double.isInfinite(t.klTargetToData()) ? "infinite (a cell with a target share has no data)"
                            : org.fairhunt.cli.options.SliceOptions.fmt(t.klTargetToData()) + " nats"));
            for (CoverageResult.CellShare s : t.underRepresented()) {
                sb.append(String.format(Locale.ROOT, "  under: %s  %.2f%% in the data, %.2f%% in the target%n", String.join(" × ", s.values()),
                        s.dataShare() * 100, s.targetShare() * 100));
            }
            for (CoverageResult.CellShare s : t.overRepresented()) {
                sb.append(String.format(Locale.ROOT, "  over:  %s  %.2f%% in the data, %.2f%% in the target%n", String.join(" × ", s.values()),
                        s.dataShare() * 100, s.targetShare() * 100));
            }
        }
        for (String n : r.notices()) {
            sb.append("note: ").append(n).append('\n');
        }
        return sb.toString();
    }
}

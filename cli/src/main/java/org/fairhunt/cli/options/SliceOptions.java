package org.fairhunt.cli.options;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairhunt.core.UserInputException;
import org.fairhunt.discovery.slice.SliceFinder;
import org.fairhunt.discovery.slice.SliceFinding;
import org.fairhunt.discovery.slice.SliceReport;
import org.fairhunt.discovery.slice.SliceSearch;
import org.fairhunt.report.discovery.SliceReportWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of slice finding, whatever engine counts the rows: the error definition, the features and their
 * binning, the search, the testing and the output. {@code fairhunt slices} and the Spark engine's
 * {@code slices} both use them, so the two take the same options and report alike.
 */
public final class SliceOptions {
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

    /** The error definition. */
    public ErrorOptions errors() {
        return errors;
    }

    /** The feature columns, as given. */
    public List<String> features() {
        return List.copyOf(features);
    }

    /** The binning of numeric features. */
    public BinOptions binning() {
        return binning;
    }

    public int maxLevels() {
        return maxLevels;
    }

    /** The finder's options; checks the values the search does not check itself. */
    public SliceFinder.Options finderOptions() {
        if (!(fdr > 0 && fdr < 1)) {
            throw new UserInputException("--fdr must lie in (0, 1), got " + fdr);
        }
        if (threads != null && threads < 1) {
            throw new UserInputException("--threads must be at least 1, got " + threads);
        }
        SliceSearch.Params params = new SliceSearch.Params(maxDepth, minSupport, top, alpha == null ? 0.95 : alpha,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        return new SliceFinder.Options(params, 0.95, fdr, alpha == null ? SliceFinder.Ranking.EFFECT : SliceFinder.Ranking.SLICELINE);
    }

    /** Prints the summary (or the JSON, with {@code --json}) and writes the reports of {@code --out}; the exit status. */
    public int report(SliceReport report, PrintWriter stdout) {
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

    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}

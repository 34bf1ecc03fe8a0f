package org.fairhunt.bench;

import java.util.List;
import java.util.Locale;
import org.fairhunt.core.audit.AuditRequest;
import org.fairhunt.core.audit.Auditor;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.report.html.HtmlReport;
import org.fairhunt.report.markdown.MarkdownReport;

/**
 * End-to-end driver for the report renderers: the audit of {@link BenchData} (3 attributes, every
 * intersection up to 3: 90 slices; label, prediction and score: 17 metrics; 200 bootstrap replicates),
 * rendered as JSON, Markdown and HTML. Prints the median render time of each and the sizes.
 *
 * <pre>java -cp bench/target/fairhunt-bench.jar org.fairhunt.bench.ReportBench [rows] [repetitions]</pre>
 */
public final class ReportBench {
    private ReportBench() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        AuditRequest request = AuditRequest.of("y", null, "p", "s", List.of("a", "b", "c")).withIntersections(3)
                .withBootstrap(200, 1, null).withThreads(2);
        AuditResult result = Auditor.run(BenchData.classification(rows, 2024), request).result();
        System.out.printf(Locale.ROOT, "result: %d slices × %d metrics%n", result.slices().size(), result.metrics().size());
        measure("json", repetitions, () -> AuditJson.toJson(result));
        measure("markdown", repetitions, () -> MarkdownReport.render(result));
        measure("html", repetitions, () -> HtmlReport.render(result));
    }

    private static void measure(String name, int repetitions, java.util.function.Supplier<String> render) {
        double[] seconds = new double[repetitions];
        int chars = 0;
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            chars = render.get().length();
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%-8s median %.1f ms over %d runs (first %.1f ms), %,d characters%n", name,
                BenchData.median(seconds) * 1e3, repetitions, seconds[0] * 1e3, chars);
    }
}

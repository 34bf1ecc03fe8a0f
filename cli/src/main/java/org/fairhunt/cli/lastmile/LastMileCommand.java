package org.fairhunt.cli.lastmile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fairhunt.cli.audit.Reports;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.ReadOptions;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.lastmile.compare.CustomerAudit;
import org.fairhunt.lastmile.compare.LastMile;
import org.fairhunt.lastmile.compare.LastMileResult;
import org.fairhunt.lastmile.sign.Keys;
import org.fairhunt.report.Formats;
import org.fairhunt.report.lastmile.LastMileHtml;
import org.fairhunt.report.lastmile.LastMileJson;
import org.fairhunt.report.lastmile.LastMileMarkdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fairhunt lastmile}: the customer's own test against a provider's service card. */
@Command(name = "lastmile", header = "Test a provider's service card on your own data and conditions.",
        mixinStandardHelpOptions = true,
        description = {"Runs the card's audit on your data (same metrics, same normalization, the card's attributes plus",
            "your condition columns) and compares: degradation per slice with a non-inferiority verdict against",
            "--tolerance, differences-in-differences per group (does one accent degrade more?), the condition x group",
            "interaction within your data, the card's claims on your data, what the card never covered, and what to do",
            "next. Writes lastmile.json, lastmile.md, lastmile.html and findings.json (for the provider).",
            "Exit status: 0 all comparisons pass, 1 any fails, 3 any inconclusive, 2 bad input.", ""},
        footer = {"", "Examples:",
            "  fairhunt lastmile --card card/card.json --pubkey provider.pub --require-signed my-eval.csv \\",
            "      --ref-col reference --hyp-col hypothesis --speaker speaker --group accent --condition site \\",
            "      --tolerance wer=0.02 --out lastmile/",
            "  fairhunt lastmile --card credit-card.json applicants.csv --label y --prediction p --score s --group sex"})
public final class LastMileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "Your evaluation data (CSV, TSV, JSON Lines; .gz accepted).")
    Path data;

    @Option(names = "--card", paramLabel = "FILE", required = true, description = "The provider's card (signed or not).")
    Path cardFile;

    @Option(names = "--pubkey", paramLabel = "FILE", description = "The provider's public key: verify the card's signature.")
    Path pubkey;

    @Option(names = "--require-signed", description = "Refuse a card that is not signed and verified with --pubkey.")
    boolean requireSigned;

    @Option(names = "--ref-col", paramLabel = "COLUMN", description = "Speech: reference transcript column.")
    String refCol;

    @Option(names = "--hyp-col", paramLabel = "COLUMN", description = "Speech: recognizer output column.")
    String hypCol;

    @Option(names = "--speaker", paramLabel = "COLUMN", description = "Speech: speaker column (bootstrap cluster; default 'speaker' if present).")
    String speaker;

    @Option(names = "--normalize", paramLabel = "STEPS", description = "Speech: normalization steps (default: the card's; must match it).")
    String normalize;

    @Option(names = "--word-map", paramLabel = "FILE", description = "Speech: the provider's word map, when the card's normalization uses one.")
    Path wordMap;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Tabular: outcome column.")
    String label;

    @Option(names = "--positive", paramLabel = "VALUE", description = "Tabular: the positive label value.")
    String positive;

    @Option(names = "--prediction", paramLabel = "COLUMN", description = "Tabular: prediction column.")
    String prediction;

    @Option(names = "--score", paramLabel = "COLUMN", description = "Tabular: score column.")
    String score;

    @Option(names = "--cluster", paramLabel = "COLUMN", description = "Tabular: bootstrap cluster column.")
    String cluster;

    @Option(names = "--group", paramLabel = "ATTRIBUTE", description = "An attribute of the card that your data hold (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--condition", paramLabel = "COLUMN", description = "A condition column of your own, e.g. site (repeatable).")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--tolerance", paramLabel = "METRIC=D",
            description = "Largest acceptable degradation, e.g. wer=0.02 (repeatable; default: the card's first metric at 0).")
    List<String> tolerances = new ArrayList<>();

    @Option(names = "--reference", paramLabel = "ATTR=VALUE", description = "Reference group of the differences-in-differences (default: the card's largest).")
    List<String> references = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "COND=VALUE", description = "Baseline value of a condition column (default: clean/quiet, else the largest).")
    List<String> baselines = new ArrayList<>();

    @Option(names = "--allow-uncovered", description = "Report group values the card never saw as not covered instead of refusing them.")
    boolean allowUncovered;

    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "0", description = "Bootstrap replicates (default: the card's, at least 200).")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "2", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--confidence", paramLabel = "LEVEL", description = "Confidence level (default: the card's).")
    Double confidence;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Write lastmile.json, lastmile.md, lastmile.html and findings.json here.")
    Path out;

    @Option(names = "--json", description = "Print the JSON result instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        if (bootstrap < 0 || bootstrap > 100_000) {
            throw new UserInputException("--bootstrap must be between 0 and 100000, got " + bootstrap);
        }
        Card card = Card.read(cardFile, pubkey == null ? null : Keys.readPublic(pubkey), requireSigned);
        double level = confidence != null ? confidence : card.level();
        if (!(level > 0 && level < 1)) {
            throw new UserInputException("--confidence must be between 0 and 1, got " + level);
        }
        ReadOptions ro = ReadOptions.defaults();
        if (refCol != null) {
            ro = ro.withTypeHint(refCol, ColumnType.TEXT);
        }
        if (hypCol != null) {
            ro = ro.withTypeHint(hypCol, ColumnType.TEXT);
        }
        Table table = TableReaders.read(data, ro);
        if (label == null && score != null && card.normalization() == null) {
            if (!conditions.isEmpty() || !tolerances.isEmpty()) {
                throw new UserInputException("without --label only the label-free accuracy estimate is possible;"
                        + " --condition and --tolerance need labels");
            }
            LastMileResult result = LastMile.withoutLabels(card, cardFile.toString(), table, score, prediction, positive, groups, level);
            return report(result);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
        var columns = new CustomerAudit.Columns(refCol, hypCol, speaker, label, positive, prediction, score, cluster, normalize,
                wordMap, bootstrap, seed, workers);
        LastMile.Customer customer = CustomerAudit.run(card, table, groups, conditions, columns, level);
        LastMileResult result = LastMile.compute(card, cardFile.toString(), customer,
                new LastMile.Options(groups, conditions, parseTolerances(tolerances), pairs("--reference", references),
                        pairs("--baseline", baselines), level, allowUncovered));
        return report(result);
    }

    private int report(LastMileResult result) {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.print(LastMileJson.json(result));
        } else {
            o.print(summary(result));
        }
        if (out != null) {
            Reports.ensureDirectory(out);
            CardCommand.write(out.resolve("lastmile.json"), LastMileJson.json(result));
            CardCommand.write(out.resolve("lastmile.md"), LastMileMarkdown.render(result));
            CardCommand.write(out.resolve("lastmile.html"), LastMileHtml.render(result));
            CardCommand.write(out.resolve("findings.json"), LastMileJson.findings(result));
            o.println("Reports: " + out.resolve("lastmile.json") + ", " + out.resolve("lastmile.md") + ", " + out.resolve("lastmile.html")
                    + "; for the provider: " + out.resolve("findings.json"));
        }
        o.flush();
        return exitCode(result);
    }

    static int exitCode(LastMileResult r) {
        if (r.comparisons().stream().anyMatch(c -> "fail".equals(c.verdict()))) {
            return 1;
        }
        if (r.comparisons().stream().anyMatch(c -> "inconclusive".equals(c.verdict()))) {
            return 3;
        }
        return 0;
    }

    /** A short text summary: the card, the overall comparison, differential degradation, advice. */
    static String summary(LastMileResult r) {
        StringBuilder sb = new StringBuilder();
        var c = r.card();
        sb.append("Card: ").append(c.name()).append(' ').append(c.version()).append(" by ").append(c.provider())
                .append(Boolean.TRUE.equals(c.signed()) ? " (signature verified: " + c.signer() + ", " + c.signedAt() + ")"
                        : " (signature not verified)").append('\n');
        for (String n : r.notes()) {
            sb.append("Note: ").append(n).append('\n');
        }
        for (var x : r.comparisons()) {
            if (x.slice().size() <= 1) {
                sb.append(String.format(Locale.ROOT, "  %-34s %-4s card %-22s customer %-22s degradation %-24s %s%n",
                        SliceResult.label(x.slice()), x.metric(), Formats.estimate(x.card(), x.cardLo(), x.cardHi()),
                        Formats.estimate(x.customer(), x.customerLo(), x.customerHi()), Formats.estimate(x.degradation(), x.lo(), x.hi()),
                        x.verdict()));
            }
        }
        if (!r.differences().isEmpty()) {
            sb.append("Differential degradation (vs the reference group; q: Benjamini-Hochberg):\n");
            for (var d : r.differences()) {
                sb.append(String.format(Locale.ROOT, "  %s=%s vs %s: %s, q = %s%s%n", d.attribute(), d.group(), d.reference(),
                        Formats.estimate(d.value(), d.lo(), d.hi()), Formats.pValue(d.q()), d.significant() ? "  SIGNIFICANT" : ""));
            }
        }
        for (var h : r.heterogeneity()) {
            sb.append(String.format(Locale.ROOT, "Do all %s groups degrade equally? Cochran's Q = %s, p = %s%n", h.attribute(),
                    h.q() == null ? "—" : Formats.number(h.q()), Formats.pValue(h.p())));
        }
        for (var e : r.labelFree()) {
            sb.append(String.format(Locale.ROOT, "  %-34s accuracy (label-free) %s, card %s; label %d rows to confirm%n",
                    SliceResult.label(e.slice()), Formats.estimate(e.accuracy(), e.lo(), e.hi()),
                    e.card() == null ? "—" : Formats.number(e.card()), e.rowsToLabel()));
        }
        if (!r.interactions().isEmpty()) {
            sb.append("Condition x group within your data (clustered by ").append(r.customer().cluster()).append("):\n");
            for (var x : r.interactions()) {
                sb.append(String.format(Locale.ROOT, "  %s=%s vs %s under %s=%s (vs %s): %s, q = %s%s%n", x.attribute(), x.group(),
                        x.reference(), x.conditionAttribute(), x.condition(), x.baseline(), Formats.estimate(x.value(), x.lo(), x.hi()),
                        Formats.pValue(x.q()), x.significant() ? "  SIGNIFICANT" : ""));
            }
        }
        if (!r.advice().isEmpty()) {
            sb.append("What to do next:\n");
            r.advice().forEach(a -> sb.append("  - ").append(a.text()).append('\n'));
        }
        return sb.toString();
    }

    static Map<String, Double> parseTolerances(List<String> specs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : pairs("--tolerance", specs).entrySet()) {
            try {
                double d = Double.parseDouble(e.getValue());
                if (!Double.isFinite(d) || d < 0) {
                    throw new NumberFormatException();
                }
                out.put(e.getKey(), d);
            } catch (NumberFormatException ex) {
                throw new UserInputException("--tolerance " + e.getKey() + "=" + e.getValue() + ": expected a non-negative number,"
                        + " e.g. wer=0.02");
            }
        }
        return out;
    }

    static Map<String, String> pairs(String option, List<String> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new UserInputException(option + " expects NAME=VALUE, got '" + s + "'");
            }
            out.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
        }
        return out;
    }
}

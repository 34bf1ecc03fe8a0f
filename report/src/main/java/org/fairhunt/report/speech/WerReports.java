package org.fairhunt.report.speech;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairhunt.core.io.AtomicFiles;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.report.AuditDigest;
import org.fairhunt.report.Formats;
import org.fairhunt.report.ReportWriter;
import org.fairhunt.speech.WerAudit;
import org.fairhunt.speech.score.Mapsswe;
import org.fairhunt.speech.score.WerTotals;

/**
 * The reports of a WER audit: {@code summary.txt} (sclite's Corr/Sub/Del/Ins/Err/S.Err per slice with the
 * WER interval, the speaker source, few-speaker, ceiling and failed-transcription warnings) and the whole
 * set {@code fairhunt wer --out} writes. Numbers go through {@link Formats}, so an undefined rate prints as
 * in every other report.
 */
public final class WerReports {

    private WerReports() {
    }

    /**
     * Writes {@code audit.json}, {@code audit.md}, {@code audit.html} (the audit with its {@code speech}
     * section), {@code summary.txt}, {@code alignments.txt} (the {@code worst} utterances of every group value,
     * pralign layout) and the normalized trn files that were scored; every file atomically.
     */
    public static List<Path> writeAll(WerAudit.Result r, Path outDir, int worst) {
        List<Path> written = new ArrayList<>(ReportWriter.writeAll(r.audit(), outDir));
        Path summary = outDir.resolve("summary.txt");
        AtomicFiles.writeString(summary, summary(r));
        written.add(summary);
        written.add(WerAudit.writeAlignments(r, outDir, worst));
        written.addAll(WerAudit.writeNormalizedTrn(r, outDir));
        return written;
    }

    /** The MAPSSWE result as text for the summary. */
    public static String describe(Mapsswe.Result m, String a, String b) {
        String verdict = Double.isNaN(m.pValue()) ? "undefined (fewer than two segments with errors, or no variation)"
                : m.pValue() < 0.05 ? "the systems differ at the 5% level (" + (m.meanDifference() > 0 ? b : a) + " makes fewer errors)"
                : "no significant difference at the 5% level";
        return String.format(Locale.ROOT, "MAPSSWE (matched-pair sentence-segment word error, as sclite): A = %s, B = %s%n"
                        + "  %d segments; errors A %d, B %d; mean(A-B) %.3f, sd %.3f; W = %.3f, two-sided p = %.4f: %s%n",
                a, b, m.segments(), m.errorsA(), m.errorsB(), m.meanDifference(), m.sdDifference(), m.w(), m.pValue(), verdict);
    }

    /** The sclite-style summary: overall, then one table per group attribute (and intersection). */
    public static String summary(WerAudit.Result r) {
        StringBuilder sb = new StringBuilder();
        AuditResult a = r.audit();
        sb.append("Word error rate audit of ").append(a.source()).append('\n');
        sb.append("normalization: ").append(r.options().normalizer().describe()).append('\n');
        Object boot = a.settings().get("bootstrap");
        sb.append(boot == null ? "intervals: none (no bootstrap; use --bootstrap N)\n"
                : "intervals: " + Math.round(r.options().level() * 100) + "% bootstrap percentile, " + r.options().bootstrap()
                        + " replicates clustered by " + (r.options().cluster() == null ? "utterance" : r.options().cluster()) + "\n");
        // The few fields read here, not a copy of the whole section (it holds a node per slice).
        JsonNode speakerSource = a.extension("speech", "/speaker_source");
        if (speakerSource != null && !speakerSource.isNull()) {
            sb.append("speakers: ").append(speakerSource.asText()).append('\n');
        }
        Map<String, Integer> few = AuditDigest.fewSpeakers(a);
        sb.append('\n');
        String header = String.format(Locale.ROOT, "%-36s %6s %7s | %5s %5s %5s %5s %6s %6s | %-17s%n", "slice", "#Snt",
                "#Wrd", "Corr", "Sub", "Del", "Ins", "Err", "S.Err", "WER interval");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        Map<String, WerTotals> totals = WerAudit.sliceTotals(r);
        Map<String, String> last = Map.of();
        for (SliceResult s : a.slices()) {
            // One call per row: the loop runs interpreted (a method called once), the row is compiled after a few.
            appendRow(sb, s, last, totals, few);
            last = s.attributes();
        }
        sb.append("\nCorr/Sub/Del/Ins/Err: percent of reference words, as sclite; S.Err: percent of utterances with an error.\n");
        if (!a.verdicts().isEmpty()) {
            sb.append("\npolicy verdicts:\n");
            for (var v : a.verdicts()) {
                sb.append(String.format(Locale.ROOT, "  %-12s %s%s%n", v.outcome().word().toUpperCase(Locale.ROOT), v.constraint(),
                        v.detail() == null ? "" : ": " + v.detail()));
            }
        }
        List<String> warnings = new ArrayList<>(a.warnings());
        if (!few.isEmpty()) {
            warnings.add(few.size() + " slice(s) have fewer than " + r.options().minSpeakers() + " speakers (--min-speakers): "
                    + "their speaker-clustered intervals cover the truth less often than stated; marked '(N speakers)'");
        }
        JsonNode singleValued = a.extension("speech", "/single_valued_groups");
        if (singleValued != null) {
            singleValued.fields().forEachRemaining(e -> warnings.add(e.getKey() + " has the single value '"
                    + e.getValue().asText() + "' in every utterance: its slice is (all)"));
        }
        JsonNode bounded = a.extension("speech", "/bounded_comparisons");
        if (bounded != null) {
            bounded.forEach(n -> warnings.add(n.asText()));
        }
        JsonNode failed = a.extension("speech", "/failed_transcriptions");
        if (failed != null && failed.size() > 0) {
            StringBuilder f = new StringBuilder(failed.size() + " utterance(s) the recognizer failed on, scored as all deletions:");
            failed.fields().forEachRemaining(e -> f.append("\n    ").append(e.getKey()).append(": ").append(e.getValue().asText()));
            warnings.add(f.toString());
        }
        if (!warnings.isEmpty()) {
            sb.append("\nwarnings:\n");
            warnings.forEach(w -> sb.append("  ").append(w).append('\n'));
        }
        return sb.toString();
    }

    /** One slice's row of the summary, after a blank line when it starts an attribute set ({@code last}: the previous slice's). */
    private static void appendRow(StringBuilder sb, SliceResult s, Map<String, String> last, Map<String, WerTotals> totals,
            Map<String, Integer> few) {
        // A blank line before each attribute set (compared as joined names only where the names differ).
        if (!sameAttributes(s.attributes(), last) && (s.attributes().size() != last.size()
                || !String.join(",", s.attributes().keySet()).equals(String.join(",", last.keySet())))) {
            sb.append('\n');
        }
        String label = s.label();
        WerTotals t = totals.get(label);
        MetricEstimate wer = s.metric("wer");
        // The row laid out as the header's "%-36s %6d %7d | %5s %5s %5s %5s %6s %6s | %-17s%s%n", by hand: a
        // Formatter per row parses the pattern and looks up the locale's digits for every number.
        padRight(sb, truncate(label, 36), 36).append(' ');
        padLeft(sb, Long.toString(t.sentences()), 6).append(' ');
        padLeft(sb, Long.toString(t.referenceWords()), 7).append(" | ");
        padLeft(sb, pct(t.correctRate()), 5).append(' ');
        padLeft(sb, pct(t.substitutionRate()), 5).append(' ');
        padLeft(sb, pct(t.deletionRate()), 5).append(' ');
        padLeft(sb, pct(t.insertionRate()), 5).append(' ');
        padLeft(sb, pct(t.wer()), 6).append(' ');
        padLeft(sb, pct(t.ser()), 6).append(" | ");
        if (wer == null || wer.ci() == null) {
            padRight(sb, "", 17);
        } else {
            int start = sb.length();
            padLeft(sb.append('['), Formats.fixed(100 * wer.ci().lo(), 1), 5).append(", ");
            padLeft(sb, Formats.fixed(100 * wer.ci().hi(), 1), 5).append(']');
            padRight(sb, "", 17 - (sb.length() - start));
        }
        if (s.tooSmall()) {
            sb.append(" (small)");
        }
        Integer speakers = few.get(label);
        if (speakers != null) {
            sb.append(" (").append(speakers).append(" speakers)");
        }
        sb.append(System.lineSeparator());
    }

    /** Appends {@code s} right-aligned in {@code width} characters, as {@code %<width>s} and {@code %<width>d} lay it out. */
    private static StringBuilder padLeft(StringBuilder sb, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb.append(s);
    }

    /** Appends {@code s} left-aligned in {@code width} characters, as {@code %-<width>s} lays it out. */
    private static StringBuilder padRight(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb;
    }

    /** Whether two slices fix the same attributes in the same order. */
    private static boolean sameAttributes(Map<String, String> a, Map<String, String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        var other = b.keySet().iterator();
        for (String k : a.keySet()) {
            if (!k.equals(other.next())) {
                return false;
            }
        }
        return true;
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** A rate as sclite prints it, a percentage with one decimal; undefined as {@link Formats#UNDEFINED}. */
    static String pct(double rate) {
        return Double.isFinite(rate) ? Formats.fixed(100 * rate, 1) : Formats.UNDEFINED;
    }

}

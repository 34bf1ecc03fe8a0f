package org.fairhunt.cli.audit;

import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.report.Formats;

/** The short plain-text summary {@code fairhunt audit} prints on a terminal. */
public final class Summary {
    private static final List<String> CLASSIFICATION = List.of("error_rate", "fpr", "fnr", "selection_rate", "auc");
    private static final List<String> REGRESSION = List.of("mae", "rmse", "mean_error");
    private static final int MAX_ROWS = 40;

    private Summary() {
    }

    /** The metrics a summary shows: the usual ones that the result has, else its first four. */
    static List<String> headline(AuditResult result) {
        List<String> wanted = new ArrayList<>();
        for (String m : CLASSIFICATION) {
            if (result.metrics().containsKey(m)) {
                wanted.add(m);
            }
        }
        if (wanted.isEmpty()) {
            for (String m : REGRESSION) {
                if (result.metrics().containsKey(m)) {
                    wanted.add(m);
                }
            }
        }
        if (wanted.isEmpty()) {
            result.metrics().keySet().stream().limit(4).forEach(wanted::add);
        }
        return wanted;
    }

    public static String render(AuditResult result) {
        List<String> metrics = headline(result);
        StringBuilder sb = new StringBuilder();
        sb.append("Audit of ").append(result.source()).append(": ").append(result.rows()).append(" rows, ")
                .append(result.slices().size()).append(" slices\n");
        for (String w : result.warnings()) {
            sb.append("  note: ").append(w).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[metrics.size() + 2];
        header[0] = "slice";
        header[1] = "n";
        for (int i = 0; i < metrics.size(); i++) {
            header[i + 2] = metrics.get(i);
        }
        rows.add(header);
        int shown = 0;
        for (SliceResult s : result.slices()) {
            if (shown++ == MAX_ROWS) {
                break;
            }
            String[] r = new String[header.length];
            r[0] = s.label() + (s.tooSmall() ? " (too small)" : "");
            r[1] = Long.toString(s.n());
            for (int i = 0; i < metrics.size(); i++) {
                r[i + 2] = format(s.metric(metrics.get(i)));
            }
            rows.add(r);
        }
        int[] widths = new int[header.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            sb.append("  ");
            for (int i = 0; i < r.length; i++) {
                String cell = r[i];
                sb.append(i == 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i]));
                sb.append(i + 1 < r.length ? "  " : "");
            }
            sb.append('\n');
        }
        if (result.slices().size() > MAX_ROWS) {
            sb.append("  … ").append(result.slices().size() - MAX_ROWS).append(" more slices in the reports\n");
        }
        return sb.toString();
    }

    /** The same notation as the reports ("0.245 [0.22, 0.27]", "—" when undefined). */
    static String format(MetricEstimate e) {
        return e == null ? "" : Formats.estimate(e);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }
}

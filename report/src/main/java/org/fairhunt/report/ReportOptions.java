package org.fairhunt.report;

import java.util.List;

/**
 * What a report shows.
 *
 * @param metrics the metrics to show in slice tables and charts, in this order; {@code null} for every
 *                metric the audit reported
 */
public record ReportOptions(List<String> metrics) {
    public static final ReportOptions DEFAULT = new ReportOptions(null);

    public ReportOptions {
        metrics = metrics == null ? null : List.copyOf(metrics);
    }

    public static ReportOptions metrics(List<String> names) {
        return new ReportOptions(names);
    }
}

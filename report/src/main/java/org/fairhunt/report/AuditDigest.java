package org.fairhunt.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.result.DisparityKind;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.stats.Interval;

/**
 * The views of an {@link AuditResult} every renderer needs, computed in one place so the Markdown and
 * HTML reports agree: the metrics to show, the slices grouped by attribute set, the largest gap per
 * metric, and how the intervals were computed. Reads only the result tree.
 */
public final class AuditDigest {
    /** The metric that counts rows: a size, not a performance measure, so it gets no chart and no gap. */
    public static final String COUNT = "count";
    /** The q-value under which reports call a comparison significant (false discovery rate 5%). */
    public static final double SIGNIFICANCE = 0.05;
    /** Up to this many comparisons, reports show them all in the open. */
    public static final int ALL_DISPARITIES_UP_TO = 30;

    private AuditDigest() {
    }

    /** The slices that fix the same attributes ({@code sex}, or {@code sex × age}), in the result's order. */
    public record AttributeSet(List<String> attributes, List<SliceResult> slices) {
        public AttributeSet {
            attributes = List.copyOf(attributes);
            slices = List.copyOf(slices);
        }

        /** {@code sex} or {@code sex × age_band}. */
        public String label() {
            return String.join(" × ", attributes);
        }

        /** The distinct values of attribute {@code i}, in order of first appearance. */
        public List<String> values(int i) {
            Set<String> out = new LinkedHashSet<>();
            for (SliceResult s : slices) {
                out.add(new ArrayList<>(s.attributes().values()).get(i));
            }
            return new ArrayList<>(out);
        }
    }

    /**
     * The largest difference in {@code metric} between two reportable slices of one attribute set.
     *
     * @param gap highest value minus lowest value
     */
    public record Gap(String metric, AttributeSet set, SliceResult highest, SliceResult lowest, double gap) {
    }

    /**
     * The metrics to show: the options' choice, checked against the result, or every metric of the
     * result. An unknown name is the user's mistake and the message lists the metrics there are.
     */
    public static List<String> metrics(AuditResult result, ReportOptions options) {
        if (options.metrics() == null) {
            return new ArrayList<>(result.metrics().keySet());
        }
        for (String m : options.metrics()) {
            if (!result.metrics().containsKey(m)) {
                throw new UserInputException("the report asks for metric '" + m + "', which this audit did not compute; it has: "
                        + String.join(", ", result.metrics().keySet()));
            }
        }
        return options.metrics();
    }

    /** The slices grouped by the attributes they fix, skipping the overall population, in the result's order. */
    public static List<AttributeSet> attributeSets(AuditResult result) {
        Map<List<String>, List<SliceResult>> sets = new LinkedHashMap<>();
        for (SliceResult s : result.slices()) {
            if (s.depth() > 0) {
                sets.computeIfAbsent(List.copyOf(s.attributes().keySet()), k -> new ArrayList<>()).add(s);
            }
        }
        List<AttributeSet> out = new ArrayList<>();
        sets.forEach((attrs, slices) -> out.add(new AttributeSet(attrs, slices)));
        return out;
    }

    /** The overall population's slice, or {@code null} if the result has none. */
    public static SliceResult overall(AuditResult result) {
        for (SliceResult s : result.slices()) {
            if (s.depth() == 0) {
                return s;
            }
        }
        return null;
    }

    /**
     * For each metric (except {@link #COUNT}), the attribute set with the largest gap between its
     * highest and lowest defined value among slices that are not too small; metrics where no set has two
     * such slices are left out. The result does not say whether higher is better, so a gap names the
     * highest and the lowest slice and leaves the judgement to the reader.
     */
    public static List<Gap> largestGaps(AuditResult result, List<String> metrics) {
        List<AttributeSet> sets = attributeSets(result);
        List<Gap> out = new ArrayList<>();
        for (String metric : metrics) {
            if (COUNT.equals(metric)) {
                continue;
            }
            Gap best = null;
            for (AttributeSet set : sets) {
                SliceResult hi = null;
                SliceResult lo = null;
                for (SliceResult s : set.slices()) {
                    MetricEstimate e = s.metric(metric);
                    if (s.tooSmall() || e == null || !e.defined()) {
                        continue;
                    }
                    if (hi == null || e.value() > hi.metric(metric).value()) {
                        hi = s;
                    }
                    if (lo == null || e.value() < lo.metric(metric).value()) {
                        lo = s;
                    }
                }
                if (hi != null && hi != lo) {
                    double gap = hi.metric(metric).value() - lo.metric(metric).value();
                    if (best == null || gap > best.gap()) {
                        best = new Gap(metric, set, hi, lo, gap);
                    }
                }
            }
            if (best != null) {
                out.add(best);
            }
        }
        return out;
    }

    /** Whether a comparison's q-value is under {@link #SIGNIFICANCE}. */
    public static boolean significant(Disparity d) {
        return d.qValue() != null && d.qValue() < SIGNIFICANCE;
    }

    /**
     * The comparisons a reader should see first, in the result's order: all of them when there are at
     * most {@link #ALL_DISPARITIES_UP_TO}; otherwise every {@code max_gap} (one per metric and attribute
     * set) and every significant comparison. The rest stay in the JSON and in the HTML's full table.
     */
    public static List<Disparity> keyDisparities(AuditResult result) {
        List<Disparity> all = result.disparities();
        if (all.size() <= ALL_DISPARITIES_UP_TO) {
            return all;
        }
        return all.stream().filter(d -> d.kind() == DisparityKind.MAX_GAP || significant(d)).toList();
    }

    /** How the intervals were made, e.g. {@code 95% Wilson score intervals}, or {@code null} if there are none. */
    public static String intervalDescription(AuditResult result) {
        Set<String> methods = new LinkedHashSet<>();
        Set<Double> levels = new LinkedHashSet<>();
        for (SliceResult s : result.slices()) {
            for (MetricEstimate e : s.metrics().values()) {
                Interval ci = e.ci();
                if (ci != null) {
                    methods.add(ci.method().title());
                    levels.add(ci.level());
                }
            }
        }
        if (methods.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        List<String> lv = new ArrayList<>();
        levels.forEach(l -> lv.add(Formats.percent(l)));
        sb.append(String.join("/", lv)).append(' ').append(String.join(" and ", methods)).append(" intervals");
        return sb.toString();
    }

    /**
     * A slice given as attributes: {@code sex=female & age=<25}; {@code (all)} when empty; the attribute
     * names joined by {@code ×} when every value is empty (how a {@code max_gap} disparity names its set).
     */
    public static String sliceLabel(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return "(all)";
        }
        if (attributes.values().stream().allMatch(v -> v == null || v.isEmpty())) {
            return String.join(" × ", attributes.keySet());
        }
        StringBuilder sb = new StringBuilder();
        attributes.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " & ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** A settings value as one line: lists joined by commas, maps as {@code k: v; k: v}. */
    public static String settingText(Object value) {
        if (value instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(k + ": " + settingText(v)));
            return String.join("; ", parts);
        }
        if (value instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            c.forEach(v -> parts.add(settingText(v)));
            return String.join(", ", parts);
        }
        return String.valueOf(value);
    }

    /**
     * One line saying what was audited, from the settings: rows, task, label, prediction, score,
     * groups, intersections, minimum slice size, intervals.
     */
    public static String summaryLine(AuditResult result) {
        Map<String, Object> s = result.settings();
        List<String> parts = new ArrayList<>();
        parts.add(result.rows() + " rows");
        if (s.get("task") != null) {
            parts.add(String.valueOf(s.get("task")));
        }
        if (s.get("label") != null) {
            parts.add("label " + s.get("label") + (s.get("positive") != null ? " (positive " + s.get("positive") + ")" : ""));
        }
        if (s.get("prediction") != null) {
            parts.add("prediction " + s.get("prediction"));
        }
        if (s.get("score") != null) {
            parts.add("score " + s.get("score"));
        }
        if (s.get("groups") != null) {
            parts.add("groups " + settingText(s.get("groups")));
        }
        if (s.get("min_group_size") != null) {
            parts.add("slices under " + s.get("min_group_size") + " rows flagged too small");
        }
        String ci = intervalDescription(result);
        if (ci != null) {
            parts.add(ci);
        }
        return String.join(" · ", parts);
    }
}

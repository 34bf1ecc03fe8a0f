package org.fairhunt.report;

import com.fasterxml.jackson.databind.JsonNode;
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
     * The largest difference in {@code metric} between two slices of one attribute set: the audit's own
     * {@code max_gap} row, with the slices it names.
     *
     * @param gap       highest value minus lowest value
     * @param disparity the {@code max_gap} row it was read from (its interval, p- and q-value)
     */
    public record Gap(String metric, AttributeSet set, SliceResult highest, SliceResult lowest, double gap, Disparity disparity) {
    }

    /**
     * The metrics of the result that are sizes, not rates (a count of rows): they get no chart, no gap and
     * no comparison. Read from the result ({@code settings.size_metrics}), where the metric's own metadata put it.
     */
    public static Set<String> sizeMetrics(AuditResult result) {
        return new LinkedHashSet<>(result.sizeMetrics());
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
     * For each metric, the attribute set with the largest gap: the {@code max_gap} row of the result's
     * disparities (the one owner of the concept, {@code Disparities.maxGap}) with the largest value, among rows
     * whose slices are not too small when there is one; metrics without such a row are left out. The result
     * does not say whether higher is better, so a gap names the highest and the lowest slice and leaves the
     * judgement to the reader.
     */
    public static List<Gap> largestGaps(AuditResult result, List<String> metrics) {
        Map<List<String>, AttributeSet> sets = new LinkedHashMap<>();
        for (AttributeSet set : attributeSets(result)) {
            sets.put(set.attributes(), set);
        }
        // one pass over the comparisons (thousands) for every metric at once, each metric's rows in their order
        Map<String, Disparity> bestByMetric = new java.util.HashMap<>();
        for (Disparity d : result.disparities()) {
            if (!Disparity.MAX_GAP.equals(d.kind()) || d.value() == null || d.highest() == null || d.lowest() == null) {
                continue;
            }
            Disparity best = bestByMetric.get(d.metric());
            boolean better = best == null || (best.tooSmall() && !d.tooSmall())
                    || (best.tooSmall() == d.tooSmall() && d.value() > best.value());
            if (better) {
                bestByMetric.put(d.metric(), d);
            }
        }
        List<Gap> out = new ArrayList<>();
        for (String metric : metrics) {
            Disparity best = bestByMetric.get(metric);
            if (best != null) {
                AttributeSet set = sets.get(List.copyOf(best.attributes().keySet()));
                out.add(new Gap(metric, set, slice(set, best.highest()), slice(set, best.lowest()), best.value(), best));
            }
        }
        return out;
    }

    private static SliceResult slice(AttributeSet set, Map<String, String> attributes) {
        for (SliceResult s : set.slices()) {
            if (s.attributes().equals(attributes)) {
                return s;
            }
        }
        throw new IllegalStateException("max_gap names slice " + attributes + ", which the result does not hold");
    }

    /**
     * Slices an extension section flags as having few speakers ({@code few_speakers}: {@code [{slice, speakers}]},
     * written by the speech audit), by slice label; empty when no section has the list.
     */
    public static Map<String, Integer> fewSpeakers(AuditResult result) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String name : result.extensionNames()) {
            JsonNode few = result.extension(name, "/few_speakers");
            if (few != null) {
                few.forEach(n -> {
                    if (n.hasNonNull("slice") && n.hasNonNull("speakers")) {
                        out.put(n.get("slice").asText(), n.get("speakers").asInt());
                    }
                });
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

    /** The comparisons of one attribute set, significant ones first ({@link #disparityGroups}). */
    public record DisparityGroup(String label, List<Disparity> significant, List<Disparity> others) {
        public DisparityGroup {
            significant = List.copyOf(significant);
            others = List.copyOf(others);
        }

        public int size() {
            return significant.size() + others.size();
        }
    }

    /**
     * The comparisons grouped by attribute set ({@code accent}, {@code condition}, {@code accent × condition}),
     * in the order the sets first appear; within a group the significant ones (q under {@link #SIGNIFICANCE})
     * first, each part ordered by effect size, largest first (undefined last), so that a reader of hundreds of
     * comparisons meets the findings before the noise.
     */
    public static List<DisparityGroup> disparityGroups(AuditResult result) {
        Map<List<String>, List<Disparity>> bySet = new LinkedHashMap<>();
        for (Disparity d : result.disparities()) {
            bySet.computeIfAbsent(List.copyOf(d.attributes().keySet()), k -> new ArrayList<>()).add(d);
        }
        List<DisparityGroup> out = new ArrayList<>();
        bySet.forEach((attrs, list) -> {
            List<Disparity> sig = bySizeLargestFirst(list.stream().filter(AuditDigest::significant).toList());
            List<Disparity> rest = bySizeLargestFirst(list.stream().filter(d -> !significant(d)).toList());
            out.add(new DisparityGroup(attrs.isEmpty() ? "(all)" : String.join(" × ", attrs), sig, rest));
        });
        return List.copyOf(out);
    }

    /**
     * {@code list} stably sorted by {@link #effectSize}, largest first: each size computed once (a logarithm for a
     * ratio), not at every comparison; the same stable sort with the same comparisons, so the same order.
     */
    private static List<Disparity> bySizeLargestFirst(List<Disparity> list) {
        double[] size = new double[list.size()];
        Integer[] order = new Integer[list.size()];
        for (int i = 0; i < size.length; i++) {
            size[i] = effectSize(list.get(i));
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(size[b], size[a]));
        List<Disparity> out = new ArrayList<>(order.length);
        for (Integer i : order) {
            out.add(list.get(i));
        }
        return out;
    }

    /**
     * How far a comparison is from "no difference": |value| for a difference or a gap, |ln value| for a
     * ratio (so 0.5 and 2 weigh the same); −∞ when undefined, which sorts it last.
     */
    static double effectSize(Disparity d) {
        if (d.value() == null || !Double.isFinite(d.value())) {
            return Double.NEGATIVE_INFINITY;
        }
        if (d.kind() == DisparityKind.RATIO) {
            return d.value() > 0 ? Math.abs(Math.log(d.value())) : Double.POSITIVE_INFINITY;
        }
        return Math.abs(d.value());
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
        // plain loops: reports label two slices for each of thousands of comparisons
        boolean valuesEmpty = true;
        for (String v : attributes.values()) {
            if (v != null && !v.isEmpty()) {
                valuesEmpty = false;
                break;
            }
        }
        if (valuesEmpty) {
            return String.join(" × ", attributes.keySet());
        }
        return SliceResult.label(attributes);
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

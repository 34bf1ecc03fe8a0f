package org.fairhunt.core.clarify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.engine.StatisticGrid;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.result.AuditJson;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.stats.BootstrapIntervals;
import org.fairhunt.core.stats.Interval;

/**
 * The {@code clarify} section of an audit: for each facet — every slice of the audit (each attribute
 * value and each intersection) and any value sets asked for — each applicable {@link ClarifyMetric}
 * against the rest of the data, with its bootstrap percentile interval when the audit was bootstrapped
 * (the same replicate weights as every other interval). GE does not depend on the facet and is reported
 * once, under {@code (all)}.
 */
public final class ClarifyReport {
    /** How the JSON describes the method. */
    public static final String METHOD = "smclarify's definitions and signs (facet d against the rest a); pre-training "
            + "metrics on rows with a label, post-training metrics on rows with a label and a prediction, CI on all rows; "
            + "0/0 is 0 and x/0 infinite (reported as null with a reason); with bootstrap replicates, percentile intervals from the "
            + "audit's replicate weights, except for the distances KL, JS, LP, TVD and KS: a one-sided 95% upper bound [0, U], "
            + "since they are 0 under no bias and their estimates are biased upward";

    private ClarifyReport() {
    }

    /**
     * A facet: a name and the slices it unites.
     *
     * @param label  how the JSON names it ({@code sex=female}, {@code age in {young, old}})
     * @param slices the slice indices it unites (all of one attribute set)
     */
    public record Facet(String label, List<Integer> slices) {
    }

    /**
     * Every slice of the run as a facet, then the value sets in {@code valueSets} ({@code ATTR=V1,V2},
     * against the rest). Unknown attributes or values are user errors naming the known ones.
     */
    public static List<Facet> facets(AuditRun run, List<String> valueSets) {
        List<Facet> out = new ArrayList<>();
        for (int i = 0; i < run.slices().size(); i++) {
            SliceKey key = run.slices().get(i);
            if (!key.isOverall()) {
                out.add(new Facet(key.label(), List.of(i)));
            }
        }
        for (String spec : valueSets == null ? List.<String>of() : valueSets) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new UserInputException("--facet expects ATTRIBUTE=VALUE[,VALUE...], got '" + spec + "'");
            }
            String attribute = spec.substring(0, eq).trim();
            if (!run.spec().groups().contains(attribute)) {
                throw new UserInputException("--facet names attribute '" + attribute + "', which is not audited; the group "
                        + "attributes are: " + String.join(", ", run.spec().groups()));
            }
            Map<String, Integer> byValue = new LinkedHashMap<>();
            for (int i = 0; i < run.slices().size(); i++) {
                SliceKey key = run.slices().get(i);
                if (key.attributes().equals(List.of(attribute))) {
                    byValue.put(key.values().get(0), i);
                }
            }
            Set<String> values = new LinkedHashSet<>();
            List<Integer> slices = new ArrayList<>();
            for (String v : spec.substring(eq + 1).split(",")) {
                String value = v.trim();
                Integer slice = byValue.get(value);
                if (slice == null) {
                    throw new UserInputException("--facet " + spec + ": attribute '" + attribute + "' never takes the value '"
                            + value + "'; its values are: " + String.join(", ", byValue.keySet()));
                }
                if (values.add(value)) {
                    slices.add(slice);
                }
            }
            out.add(new Facet(attribute + " in {" + String.join(", ", values) + "}", slices));
        }
        return out;
    }

    /** The Clarify statistic's grid of {@code run}, or a clear error if the audit did not ask for it. */
    static StatisticGrid grid(AuditRun run) {
        for (StatisticGrid g : run.grids()) {
            if (g.statistic() instanceof ClarifyStatistic) {
                return g;
            }
        }
        throw new IllegalStateException("the audit run has no Clarify statistic");
    }

    /** Facet label → code → estimate, in facet order; GE under {@code (all)}. */
    public static Map<String, Map<String, MetricEstimate>> compute(AuditRun run, List<Facet> facets, double level) {
        StatisticGrid grid = grid(run);
        ClarifyStatistic stat = (ClarifyStatistic) grid.statistic();
        List<ClarifyMetric> metrics = ClarifyMetric.applicable(stat.prediction() != null, stat.conditionalGroup() != null);
        int replicates = grid.estimates();
        Map<String, Map<String, MetricEstimate>> out = new LinkedHashMap<>();
        for (Facet f : facets) {
            Map<String, MetricEstimate> byCode = new LinkedHashMap<>();
            boolean singleCluster = f.slices().stream().allMatch(run::hasSingleCluster) || restIsSingleCluster(run, f);
            Counts[][] sides = new Counts[replicates][];
            for (int r = 0; r < replicates; r++) {
                Counts d = sum(grid, f.slices(), r, stat.groupCount());
                Counts all = new Counts(grid.sums(0, r), stat.groupCount());
                sides[r] = new Counts[] {d, Counts.rest(all, d)};
            }
            for (ClarifyMetric m : metrics) {
                if (m != ClarifyMetric.GE) {
                    byCode.put(m.code(), estimate(m, sides, level, singleCluster));
                }
            }
            out.put(f.label(), byCode);
        }
        if (metrics.contains(ClarifyMetric.GE)) {
            Counts[][] sides = new Counts[replicates][];
            for (int r = 0; r < replicates; r++) {
                Counts all = new Counts(grid.sums(0, r), stat.groupCount());
                sides[r] = new Counts[] {all, Counts.rest(all, all)};
            }
            out.put(SliceKey.OVERALL.label(), Map.of(ClarifyMetric.GE.code(),
                    estimate(ClarifyMetric.GE, sides, level, run.hasSingleCluster(0))));
        }
        return out;
    }

    /** The section as JSON. */
    public static ObjectNode toJson(Map<String, Map<String, MetricEstimate>> section) {
        return AuditJson.mapper().valueToTree(section);
    }

    /** Code → one-line description, for the settings and the reports. */
    public static Map<String, String> descriptions(boolean predictions, boolean conditionalGroup) {
        Map<String, String> d = new LinkedHashMap<>();
        for (ClarifyMetric m : ClarifyMetric.applicable(predictions, conditionalGroup)) {
            d.put(m.code(), m.description());
        }
        return d;
    }

    private static boolean restIsSingleCluster(AuditRun run, Facet f) {
        List<String> attributes = run.slices().get(f.slices().get(0)).attributes();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < run.slices().size(); i++) {
            if (run.slices().get(i).attributes().equals(attributes) && !f.slices().contains(i)) {
                rest.add(i);
            }
        }
        return rest.size() == 1 && run.hasSingleCluster(rest.get(0));
    }

    private static Counts sum(StatisticGrid grid, List<Integer> slices, int replicate, int groups) {
        double[] c = new double[grid.width()];
        for (int s : slices) {
            int o = grid.offset(s, replicate);
            for (int k = 0; k < c.length; k++) {
                c[k] += grid.sumsUnsafe()[o + k];
            }
        }
        return new Counts(c, groups);
    }

    private static MetricEstimate estimate(ClarifyMetric m, Counts[][] sides, double level, boolean singleCluster) {
        MetricValue point = m.compute(sides[0][0], sides[0][1]);
        if (!point.defined()) {
            return MetricEstimate.undefined(point.reason());
        }
        if (sides.length < 2) {
            return new MetricEstimate(point.value(), null, null, null);
        }
        if (singleCluster) {
            return new MetricEstimate(point.value(), null, null,
                    MetricEstimate.SINGLE_CLUSTER_REASON.replace("the slice holds", "the facet or the rest holds"));
        }
        double[] reps = new double[sides.length - 1];
        for (int r = 1; r < sides.length; r++) {
            MetricValue v = m.compute(sides[r][0], sides[r][1]);
            reps[r - 1] = v.defined() ? v.value() : Double.NaN;
        }
        Interval ci = m.isDistance() ? BootstrapIntervals.upperBound(reps, level) : BootstrapIntervals.percentile(reps, level);
        String reason = ci != null ? null : m.isDistance() && BootstrapIntervals.definedShareOk(reps)
                ? "every bootstrap replicate gives 0, so no honest upper bound above 0 comes out"
                : BootstrapIntervals.noIntervalReason(reps);
        return new MetricEstimate(point.value(), null, ci, reason);
    }
}

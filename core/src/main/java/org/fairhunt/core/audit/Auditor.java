package org.fairhunt.core.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.clarify.ClarifyReport;
import org.fairhunt.core.clarify.ClarifyStatistic;
import org.fairhunt.core.disparity.Disparities;
import org.fairhunt.core.disparity.ReferenceChoice;
import org.fairhunt.core.policy.PolicyEvaluator;
import org.fairhunt.core.policy.PolicyOutcome;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.AuditSpec;
import org.fairhunt.core.engine.LocalEngine;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.metric.RegressionStatistic;
import org.fairhunt.core.metric.ScoreStatistic;
import org.fairhunt.core.metric.Statistic;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.table.Binning;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/** Runs an {@link AuditRequest} on a table with the local engine. */
public final class Auditor {

    /** The engine's run (with bootstrap replicates, for disparities and policies) and the result tree. */
    public record Outcome(Table table, AuditRun run, AuditResult result) {

        /** The policy's overall outcome (pass when the request had no policy); its exit code is what CI acts on. */
        public PolicyOutcome policyOutcome() {
            return PolicyOutcome.of(result.verdicts());
        }
    }

    private Auditor() {
    }

    public static Outcome run(Table table, AuditRequest request) {
        return run(table, request, List.of());
    }

    /**
     * Runs the request; {@code extraStatistics} are added to those the request implies (speech's word
     * error rate, for instance).
     */
    public static Outcome run(Table table, AuditRequest request, List<Statistic> extraStatistics) {
        return run(table, request, extraStatistics, Map.of());
    }

    /**
     * Runs the request with {@code extraStatistics}; {@code extraSettings} are added to the result's
     * {@code settings} and replace the request's own entries of the same name (speech's {@code task},
     * normalization, reference and hypothesis columns), so every audit is orchestrated here, once.
     */
    public static Outcome run(Table table, AuditRequest request, List<Statistic> extraStatistics, Map<String, Object> extraSettings) {
        Table binned = bin(table, request);
        checkLevels(binned, request);
        AuditSpec spec = spec(binned, request, extraStatistics);
        return finish(binned, new LocalEngine().run(binned, spec), request, extraSettings);
    }

    /**
     * The engine's spec for {@code request} over {@code binned} (the table after {@link #bin}); checks the
     * request against the table. Another engine (Spark) calls it with a table that holds the columns'
     * levels but no rows, and runs the spec itself.
     */
    public static AuditSpec spec(Table binned, AuditRequest request, List<Statistic> extraStatistics) {
        AuditSpec.Builder spec = AuditSpec.builder()
                .groups(request.groups())
                .intersections(request.intersections())
                .minGroupSize(request.minGroupSize())
                .bootstrap(request.bootstrap(), request.seed())
                .cluster(request.cluster())
                .weight(request.weight())
                .threads(request.threads());
        if (request.label() != null) {
            binned.column(request.label());
        }
        if (request.prediction() != null) {
            if (request.label() == null) {
                throw new UserInputException("a prediction needs a label to compare with (--label)");
            }
            Statistic s = request.regression()
                    ? new RegressionStatistic(request.label(), request.prediction())
                    : new ConfusionStatistic(request.label(), request.positive(), request.prediction());
            spec.statistic(s);
        }
        if (request.score() != null) {
            if (request.label() == null || request.regression()) {
                throw new UserInputException("a score needs a binary label (--label) to be audited against");
            }
            spec.statistic(new ScoreStatistic(request.label(), request.positive(), request.score()));
            spec.auc(request.label(), request.positive(), request.score());
        }
        if (request.clarify()) {
            if (request.label() == null || request.regression()) {
                throw new UserInputException("the Clarify bias metrics need a binary label (--label), not a regression");
            }
            if (request.conditionalGroup() != null && request.groups().contains(request.conditionalGroup())) {
                throw new UserInputException("--conditional-group '" + request.conditionalGroup() + "' is also a --group "
                        + "attribute; condition on a different column (for example a department or a score band)");
            }
            spec.statistic(ClarifyStatistic.of(binned, request.label(), request.positive(), request.prediction(),
                    request.conditionalGroup()));
        } else if (request.conditionalGroup() != null || !request.clarifyFacets().isEmpty()) {
            throw new UserInputException("--conditional-group and --facet belong to the Clarify metrics; add --clarify");
        }
        extraStatistics.forEach(spec::statistic);
        AuditSpec built = spec.build();
        if (built.statistics().isEmpty()) {
            throw new UserInputException("nothing to measure: give --prediction and/or --score with --label");
        }
        return built;
    }

    /** The result of an engine's {@code run} of {@link #spec}: metrics, disparities, Clarify, policy verdicts. */
    public static Outcome finish(Table binned, AuditRun run, AuditRequest request) {
        return finish(binned, run, request, Map.of());
    }

    /** As {@link #finish(Table, AuditRun, AuditRequest)}, with {@code extraSettings} added to the result's settings. */
    public static Outcome finish(Table binned, AuditRun run, AuditRequest request, Map<String, Object> extraSettings) {
        Map<String, Object> settings = settings(request);
        settings.putAll(extraSettings);
        Map<Double, AuditResult> byLevel = new java.util.HashMap<>();
        java.util.function.DoubleFunction<AuditResult> atLevel = level -> byLevel.computeIfAbsent(level,
                lv -> AuditResults.from(run, request.metrics(), settings, lv).withDisparities(Disparities.compute(run,
                        AuditResults.select(run, request.metrics()), ReferenceChoice.parse(request.reference()), lv)));
        AuditResult result = atLevel.apply(request.level());
        if (request.clarify()) {
            result = result.withExtension("clarify", ClarifyReport.toJson(ClarifyReport.compute(run,
                    ClarifyReport.facets(run, request.clarifyFacets()), request.level())));
        }
        if (request.policy() != null) {
            result = result.withVerdicts(PolicyEvaluator.evaluate(request.policy(), result, request.level(), atLevel));
        }
        return new Outcome(binned, run, result);
    }

    /** Replaces each numeric group attribute named in the request's bins by its binned version. */
    public static Table bin(Table table, AuditRequest request) {
        Table out = table;
        for (Map.Entry<String, String> e : request.bins().entrySet()) {
            if (!request.groups().contains(e.getKey())) {
                throw new UserInputException("a bin is given for '" + e.getKey() + "', which is not a group attribute");
            }
            NumericColumn c = table.numeric(e.getKey());
            out = out.with(Binning.parse(e.getValue()).apply(c));
        }
        return out;
    }

    /**
     * Refuses a group attribute with more distinct values than the request allows, before any work: an
     * id column or an unbinned number would make thousands of one-row slices (and an unreadable report)
     * at the cost of minutes and gigabytes.
     */
    static void checkLevels(Table table, AuditRequest request) {
        if (request.maxLevels() < 1) {
            throw new UserInputException("the most values a group attribute may have must be at least 1, got " + request.maxLevels());
        }
        for (String g : request.groups()) {
            if (!table.hasColumn(g) || table.column(g) instanceof NumericColumn) {
                continue; // the engine names a missing or numeric column itself
            }
            CategoricalColumn column = table.categorical(g);
            if (column.levelCount() <= request.maxLevels()) {
                continue; // no more values present than the dictionary holds: the pass over the rows cannot fail
            }
            int[] counts = column.counts();
            int present = 0;
            for (int i = 0; i < counts.length - 1; i++) {
                present += counts[i] > 0 ? 1 : 0;
            }
            if (present > request.maxLevels()) {
                throw tooManyLevels(table.source(), g, present, request.maxLevels());
            }
        }
    }

    /** The error for group attribute {@code g} of {@code source} with {@code present} values, more than {@code max}. */
    public static UserInputException tooManyLevels(String source, String g, long present, int max) {
        return new UserInputException(source + ": group attribute '" + g + "' has " + present
                + " distinct values (at most " + max + " allowed); a slice on one of that many values "
                + "is not a group: bin it, map it to coarser values, or raise --max-levels");
    }

    static Map<String, Object> settings(AuditRequest r) {
        Map<String, Object> s = new LinkedHashMap<>();
        put(s, "label", r.label());
        put(s, "positive", r.positive());
        put(s, "prediction", r.prediction());
        put(s, "score", r.score());
        s.put("task", r.regression() ? "regression" : "classification");
        s.put("groups", r.groups());
        if (!r.bins().isEmpty()) {
            // In the order of the groups, so that the JSON is the same however the bins were collected.
            Map<String, String> bins = new LinkedHashMap<>();
            r.groups().stream().filter(r.bins()::containsKey).forEach(g -> bins.put(g, r.bins().get(g)));
            r.bins().forEach(bins::putIfAbsent);
            s.put("bins", bins);
        }
        s.put("intersections", r.intersections());
        s.put("min_group_size", r.minGroupSize());
        s.put("confidence_level", r.level());
        if (r.bootstrap() > 0) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("replicates", r.bootstrap());
            b.put("seed", r.seed());
            b.put("cluster", r.cluster() == null ? "(each row)" : r.cluster());
            b.put("method", "Poisson(1) weights hashed from (cluster, replicate, seed); percentile intervals, except "
                    + "proportions (Wilson; with clusters, Wilson at the design-effect sample size with t on G-1 df), ECE "
                    + "(debiased lower end) and comparisons (see disparities.method)");
            s.put("bootstrap", b);
        }
        put(s, "weight", r.weight());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reference", ReferenceChoice.parse(r.reference()).describe());
        d.put("method", Disparities.METHOD_DESCRIPTION);
        s.put("disparities", d);
        if (r.clarify()) {
            Map<String, Object> c = new LinkedHashMap<>();
            put(c, "conditional_group", r.conditionalGroup());
            c.put("facets", "every slice against the rest" + (r.clarifyFacets().isEmpty() ? ""
                    : ", and " + String.join("; ", r.clarifyFacets())));
            c.put("method", ClarifyReport.METHOD);
            c.put("codes", ClarifyReport.descriptions(r.prediction() != null, r.conditionalGroup() != null));
            s.put("clarify", c);
        }
        if (r.policy() != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            put(p, "name", r.policy().name());
            p.put("source", r.policy().source());
            p.put("constraints", r.policy().constraints().size());
            p.put("method", "pass: the whole interval satisfies the bound; fail: the whole interval violates it; inconclusive: "
                    + "it straddles the bound; the intervals of a constraint's m checks are simultaneous (Bonferroni, level "
                    + "1 - alpha/m); more_rows_needed plans for 80% power, the half-width shrinking as 1/sqrt(n)");
            s.put("policy", p);
        }
        return s;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}

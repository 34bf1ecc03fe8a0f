package org.fairhunt.core.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.disparity.Disparities;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.result.DisparityKind;
import org.fairhunt.core.result.Outcome;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.result.Verdict;
import org.fairhunt.core.stats.Proportions;

/**
 * Judges a {@link Policy} against an {@link AuditResult}, reading only the result tree: slice intervals
 * for {@code value} constraints, the {@code disparities} for the others.
 *
 * <p>Each constraint is checked on every slice (or comparison, or attribute set) it covers. A check
 * passes when its whole interval satisfies the bound, fails when its whole interval violates it, and is
 * inconclusive when the interval straddles the bound or there is no interval. The constraint fails if
 * any check fails, is inconclusive if none fails but one is, and passes otherwise.
 *
 * <p><b>Simultaneous verdicts.</b> Given a way to recompute the result at another confidence level
 * ({@link #evaluate(Policy, AuditResult, double, DoubleFunction)}, as {@code Auditor} does), a constraint
 * with {@code m} checks is judged on intervals at level {@code 1 − α/m} (Bonferroni), so that all its checks
 * hold together with probability at least {@code 1 − α}: a fair model does not fail more often because it
 * has more slices. Without it ({@link #evaluate(Policy, AuditResult)}) the checks use the result's own
 * per-comparison intervals.
 *
 * <p><b>How many more rows would settle it.</b> The half-width of an interval shrinks about as
 * {@code 1/√n}. An inconclusive check with estimate {@code v}, bound {@code b}, the interval's half-width
 * {@code h} on the side facing the bound and critical value {@code z} (standard error {@code h/z}) settles,
 * if the truth is {@code v}, with 80% probability once {@code |v − b| = (z + z_{0.8}) · se'}, that is at
 * {@code n' = n (h (z + z_{0.8}) / (z |v − b|))²} rows in its smallest slice (the other slices involved
 * growing in proportion). The verdict reports {@code n' − n}, rounded up; none when the estimate sits on
 * the bound.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** The power {@code more_rows_needed} plans for. */
    public static final double PLANNED_POWER = 0.8;

    /**
     * One verdict per constraint, in policy order, each check on the result's own (per-comparison) intervals.
     * Unknown metrics and attributes are user errors.
     */
    public static List<Verdict> evaluate(Policy policy, AuditResult result) {
        return evaluate(policy, result, Double.NaN, null);
    }

    /**
     * One verdict per constraint, in policy order, each judged on family-wise intervals over its own checks
     * (Bonferroni): a constraint with {@code m > 1} checks reads the result recomputed at level
     * {@code 1 − (1 − level)/m}.
     *
     * @param level   the confidence level of {@code result}
     * @param atLevel the same audit's result at another confidence level
     */
    public static List<Verdict> evaluate(Policy policy, AuditResult result, double level, DoubleFunction<AuditResult> atLevel) {
        List<Verdict> out = new ArrayList<>();
        for (Constraint c : policy.constraints()) {
            validate(policy, c, result);
            double alpha = Double.isNaN(level) ? 0.05 : 1 - level;
            Set<Object> families = new HashSet<>();
            List<Verdict.Check> checks = checks(c, result, Proportions.normalQuantile(1 - alpha / 2), families);
            int m = families.size();
            if (m > 1 && atLevel != null) {
                double familyAlpha = alpha / m;
                checks = checks(c, atLevel.apply(1 - familyAlpha), Proportions.normalQuantile(1 - familyAlpha / 2),
                        new HashSet<>());
            }
            out.add(verdict(c, checks, atLevel == null ? 1 : m));
        }
        return out;
    }

    private static void validate(Policy policy, Constraint c, AuditResult result) {
        if (!result.metrics().containsKey(c.metric())) {
            throw new DataFormatException(policy.source(), c.line(), c.column(), "unknown metric '" + c.metric() + "' in \""
                    + c.text() + "\"; the audit's metrics are: " + String.join(", ", result.metrics().keySet()));
        }
        if (c.kind() != Constraint.Kind.VALUE && result.sizeMetrics().contains(c.metric())) {
            throw new DataFormatException(policy.source(), c.line(), c.column(), "'" + c.metric() + "' is a size, not a rate; "
                    + "it can only be bounded with value(" + c.metric() + ")");
        }
        Set<String> attributes = new LinkedHashSet<>();
        Set<Set<String>> sets = new HashSet<>();
        int depth = 0;
        for (SliceResult s : result.slices()) {
            attributes.addAll(s.attributes().keySet());
            sets.add(s.attributes().keySet());
            depth = Math.max(depth, s.depth());
        }
        for (List<String> set : c.over()) {
            for (String a : set) {
                if (!attributes.contains(a)) {
                    throw new DataFormatException(policy.source(), c.line(), c.column(), "unknown attribute '" + a + "' in \""
                            + c.text() + "\"; the audit's group attributes are: " + String.join(", ", attributes));
                }
            }
            if (!sets.contains(new HashSet<>(set))) {
                throw new DataFormatException(policy.source(), c.line(), c.column(), "\"" + c.text() + "\" needs the "
                        + "intersection " + String.join(" & ", set) + ", but the audit combines at most " + depth
                        + " attribute(s); run it with --intersections " + set.size());
            }
        }
    }

    private static boolean covered(Constraint c, Set<String> attributeSet) {
        if (c.over().isEmpty()) {
            return true;
        }
        for (List<String> set : c.over()) {
            if (attributeSet.equals(new HashSet<>(set))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The checks of {@code c}; {@code families} receives one key per group of checks whose intervals are
     * separately valid: each check is its own, except comparisons with a reference chosen from the data
     * (Hsu's intervals, already simultaneous within their attribute set), which count once per set.
     */
    private static List<Verdict.Check> checks(Constraint c, AuditResult result, double critical, Set<Object> families) {
        Map<Set<String>, Long> smallestOfSet = new LinkedHashMap<>();
        Map<Map<String, String>, Long> sizes = new LinkedHashMap<>();
        for (SliceResult s : result.slices()) {
            smallestOfSet.merge(s.attributes().keySet(), s.n(), Math::min);
            sizes.put(s.attributes(), s.n());
        }
        List<Verdict.Check> checks = new ArrayList<>();
        if (c.kind() == Constraint.Kind.VALUE) {
            for (SliceResult s : result.slices()) {
                boolean include = s.depth() == 0 ? c.over().isEmpty() : covered(c, s.attributes().keySet());
                if (!include || s.n() < c.minN()) {
                    continue;
                }
                MetricEstimate e = s.metric(c.metric());
                String reason = !e.defined() ? "undefined: " + e.reason()
                        : e.ci() == null ? "no interval" + (e.ciReason() == null ? " (it needs bootstrap replicates)" : ": " + e.ciReason())
                        : null;
                families.add(checks.size());
                checks.add(check(c, s.attributes(), null, s.n(), e.value(), e.ci() == null ? null : e.ci().lo(),
                        e.ci() == null ? null : e.ci().hi(), reason, critical));
            }
            return checks;
        }
        DisparityKind kind = switch (c.kind()) {
            case DIFFERENCE -> Disparity.DIFFERENCE;
            case RATIO -> Disparity.RATIO;
            default -> Disparity.MAX_GAP;
        };
        for (Disparity d : result.disparities()) {
            if (!d.metric().equals(c.metric()) || !d.kind().equals(kind) || !covered(c, d.attributes().keySet())) {
                continue;
            }
            long n = d.kind().equals(Disparity.MAX_GAP) ? smallestOfSet.getOrDefault(d.attributes().keySet(), 0L)
                    : Math.min(d.n() == null ? 0 : d.n(), d.referenceN() == null ? 0 : d.referenceN());
            if (n < c.minN()) {
                continue;
            }
            String reason = d.value() == null ? "undefined: " + d.reason()
                    : d.lo() == null ? "no interval: " + (d.reason() == null ? "it needs bootstrap replicates" : d.reason()) : null;
            boolean simultaneous = d.method() != null && d.method().startsWith(Disparities.WITH_THE_BEST);
            families.add(simultaneous ? d.attributes().keySet() : (Object) checks.size());
            checks.add(check(c, d.attributes(), d.kind().equals(Disparity.MAX_GAP) ? null : d.reference(), n, d.value(), d.lo(),
                    d.hi(), reason, critical));
        }
        return checks;
    }

    private static Verdict.Check check(Constraint c, Map<String, String> attributes, Map<String, String> reference, long n,
            Double value, Double lo, Double hi, String reason, double critical) {
        if (reason != null || value == null || lo == null || hi == null) {
            return new Verdict.Check(attributes, reference, n, Verdict.INCONCLUSIVE, value, lo, hi, null,
                    reason == null ? "no interval" : reason);
        }
        boolean allHold = c.comparison().holds(lo, c.bound()) && c.comparison().holds(hi, c.bound());
        boolean noneHolds = !c.comparison().holds(lo, c.bound()) && !c.comparison().holds(hi, c.bound());
        if (allHold) {
            return new Verdict.Check(attributes, reference, n, Verdict.PASS, value, lo, hi, null, null);
        }
        if (noneHolds) {
            return new Verdict.Check(attributes, reference, n, Verdict.FAIL, value, lo, hi, null, null);
        }
        return new Verdict.Check(attributes, reference, n, Verdict.INCONCLUSIVE, value, lo, hi,
                moreRowsNeeded(value, lo, hi, c.bound(), n, critical), null);
    }

    /**
     * {@code n (h (z + z_{0.8}) / (z |v − b|))² − n}, rounded up, with {@code h} the half-width facing the
     * bound and {@code z} the interval's critical value; null if v = b.
     */
    static Long moreRowsNeeded(double v, double lo, double hi, double bound, long n, double critical) {
        double gap = Math.abs(v - bound);
        if (!(gap > 0) || n <= 0) {
            return null;
        }
        double half = (bound > v ? hi - v : v - lo) * (critical + Proportions.normalQuantile(PLANNED_POWER)) / critical;
        double factor = (half / gap) * (half / gap);
        double more = n * Math.max(0, factor - 1);
        // Round up, but not for the last-bit noise of decimal bounds (0.15 − 0.1 is 0.04999…).
        return (long) Math.ceil(more - 1e-9 * Math.max(1, more));
    }

    private static Verdict verdict(Constraint c, List<Verdict.Check> checks, int family) {
        if (checks.isEmpty()) {
            return new Verdict(c.text(), Verdict.INCONCLUSIVE, "nothing to check: no slice of the audit falls under \"" + c.text()
                    + "\"", null, null, null, null, c.name(), checks);
        }
        Verdict.Check decisive = null;
        Outcome outcome = Verdict.PASS;
        for (Verdict.Check k : checks) {
            if (k.outcome().equals(Verdict.FAIL)) {
                if (!outcome.equals(Verdict.FAIL) || violation(c, k) > violation(c, decisive)) {
                    decisive = k;
                }
                outcome = Verdict.FAIL;
            }
        }
        if (decisive == null) {
            for (Verdict.Check k : checks) {
                if (k.outcome().equals(Verdict.INCONCLUSIVE)) {
                    outcome = Verdict.INCONCLUSIVE;
                    if (decisive == null || rowsOrMax(k) > rowsOrMax(decisive)) {
                        decisive = k;
                    }
                }
            }
        }
        if (decisive == null) {
            for (Verdict.Check k : checks) {
                if (decisive == null || violation(c, k) > violation(c, decisive)) {
                    decisive = k;
                }
            }
        }
        return new Verdict(c.text(), outcome, detail(c, outcome, decisive, checks.size(), family), decisive.value(), decisive.lo(),
                decisive.hi(), decisive.moreRowsNeeded(), c.name(), checks);
    }

    private static long rowsOrMax(Verdict.Check k) {
        return k.moreRowsNeeded() == null ? Long.MAX_VALUE : k.moreRowsNeeded();
    }

    /** How far the point estimate is on the wrong side of the bound (negative: on the right side). */
    private static double violation(Constraint c, Verdict.Check k) {
        if (k == null || k.value() == null) {
            return Double.NEGATIVE_INFINITY;
        }
        return c.comparison().isUpperBound() ? k.value() - c.bound() : c.bound() - k.value();
    }

    private static String detail(Constraint c, Outcome outcome, Verdict.Check k, int checks, int family) {
        String what = c.kind().word() + " of " + c.metric() + " for " + label(k.attributes())
                + (k.reference() == null ? "" : " vs " + label(k.reference()));
        String value = k.value() == null ? "undefined" : fmt(k.value()) + (k.lo() == null ? "" : " [" + fmt(k.lo()) + ", "
                + fmt(k.hi()) + "]");
        String bound = c.comparison().symbol() + " " + Constraint.formatNumber(c.bound());
        String detail = switch (outcome) {
            case FAIL -> what + " is " + value + ": the whole interval violates " + bound;
            case PASS -> "all " + checks + " check(s) satisfy " + bound + "; the closest, " + what + ", is " + value;
            default -> k.reason() != null ? what + " is " + value + " with " + k.reason()
                    : what + " is " + value + ", straddling " + Constraint.formatNumber(c.bound())
                            + (k.moreRowsNeeded() == null ? "" : "; about " + k.moreRowsNeeded() + " more rows in its smallest "
                                    + "slice (n = " + k.n() + ") would settle it with 80% power");
        };
        return family > 1 ? detail + " (intervals simultaneous over the " + family + " checks, Bonferroni)" : detail;
    }

    private static String label(Map<String, String> attributes) {
        if (attributes.isEmpty()) {
            return "(all)";
        }
        List<String> parts = new ArrayList<>();
        attributes.forEach((a, v) -> parts.add(v.isEmpty() ? a : a + "=" + v));
        return String.join(" & ", parts);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}

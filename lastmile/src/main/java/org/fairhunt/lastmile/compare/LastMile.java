package org.fairhunt.lastmile.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.engine.AuditRun;
import org.fairhunt.core.engine.MetricSeries;
import org.fairhunt.core.engine.SliceKey;
import org.fairhunt.core.metric.MetricValue;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.SliceResult;
import org.fairhunt.core.result.Verdict;
import org.fairhunt.core.stats.MultipleTesting;
import org.fairhunt.lastmile.card.Card;
import org.fairhunt.lastmile.card.CardBuilder;
import org.fairhunt.lastmile.compare.LastMileResult.Advice;
import org.fairhunt.lastmile.compare.LastMileResult.Claim;
import org.fairhunt.lastmile.compare.LastMileResult.Comparison;
import org.fairhunt.lastmile.compare.LastMileResult.Difference;
import org.fairhunt.lastmile.compare.LastMileResult.Heterogeneity;
import org.fairhunt.lastmile.compare.LastMileResult.Interaction;
import org.fairhunt.lastmile.compare.LastMileResult.Uncovered;

/**
 * The customer's test against a service card. The customer's audit (same metric definitions, the
 * card's attributes plus the customer's own condition columns, speaker-clustered bootstrap) is compared
 * slice by slice with the card's published values and replicates; see {@link Comparisons} for the
 * variance of each comparison.
 */
public final class LastMile {
    /** The power at which "what would settle it" is computed. */
    public static final double POWER = 0.8;
    /** False discovery rate at which differences are called significant. */
    public static final double FDR = 0.05;

    /**
     * How to compare.
     *
     * @param groups     the card's attributes the customer's data hold (their values must be the card's)
     * @param conditions the customer's own condition columns (values the card never saw are coverage findings)
     * @param tolerance  metric → largest acceptable degradation; the metrics compared, in order
     * @param references attribute → reference group of the differences-in-differences (default: the card's largest)
     * @param baselines  condition column → its baseline value (default: {@code clean}/{@code quiet}/{@code baseline}
     *                   if present, else the value with the most rows)
     * @param level      confidence level
     * @param allowUncovered whether customer group values the card never saw are reported rather than refused
     */
    public record Options(List<String> groups, List<String> conditions, Map<String, Double> tolerance,
            Map<String, String> references, Map<String, String> baselines, double level, boolean allowUncovered) {
        public Options {
            groups = List.copyOf(groups);
            conditions = List.copyOf(conditions);
            tolerance = new LinkedHashMap<>(tolerance);
            references = Map.copyOf(references);
            baselines = Map.copyOf(baselines);
        }
    }

    /** The customer's audit: the engine's run (for replicates), its result, and the customer's data description. */
    public record Customer(AuditRun run, AuditResult result, String source, String cluster, String normalization,
            int[] clusters) {

        /** The customer's audit with its clusters (speakers) counted per slice from {@code table}. */
        public static Customer of(AuditRun run, AuditResult result, org.fairhunt.core.table.Table table, String normalization) {
            String cluster = run.spec().cluster();
            int[] clusters = cluster == null ? null : org.fairhunt.lastmile.card.Evidence.clusterCounts(run, table, cluster);
            return new Customer(run, result, table.source(), cluster, normalization, clusters);
        }
    }

    private final Card card;
    private final Customer customer;
    private final Options options;
    private final Map<Map<String, String>, Integer> sliceIndex = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private LastMile(Card card, Customer customer, Options options) {
        this.card = card;
        this.customer = customer;
        this.options = options;
        List<SliceKey> slices = customer.run().slices();
        for (int i = 0; i < slices.size(); i++) {
            sliceIndex.put(new TreeMap<>(slices.get(i).asMap()), i);
        }
    }

    /** Runs the comparison; a {@link UserInputException} for input that cannot be compared (named precisely). */
    public static LastMileResult compute(Card card, String cardFile, Customer customer, Options options) {
        return new LastMile(card, customer, options).run(cardFile);
    }

    private LastMileResult run(String cardFile) {
        Map<String, Boolean> cardMetrics = card.metrics();
        Map<String, Double> tolerance = new LinkedHashMap<>(options.tolerance());
        if (tolerance.isEmpty()) {
            String first = cardMetrics.keySet().stream().filter(m -> customerSeries(m).isPresent()).findFirst()
                    .orElseThrow(() -> new UserInputException("the card's metrics " + cardMetrics.keySet()
                            + " and the customer's audit share none"));
            tolerance.put(first, 0.0);
            notes.add("no --tolerance given: " + first + " is tested for any degradation at all (tolerance 0)");
        }
        for (String m : tolerance.keySet()) {
            if (!cardMetrics.containsKey(m)) {
                throw new UserInputException("--tolerance " + m + ": the card has no metric '" + m + "'; it publishes "
                        + cardMetrics.keySet());
            }
            if (customerSeries(m).isEmpty()) {
                throw new UserInputException("--tolerance " + m + ": the customer's audit has no metric '" + m
                        + "' (give the columns it needs)");
            }
        }
        checkNormalization();
        Map<String, List<String>> cardValues = card.values();
        List<Uncovered> uncovered = new ArrayList<>();
        for (String g : options.groups()) {
            if (!card.groups().contains(g)) {
                throw new UserInputException("--group " + g + ": the card never evaluated an attribute '" + g + "' (it has "
                        + card.groups() + "); a column of your own goes in --condition");
            }
            for (String v : customerValues(g)) {
                if (!cardValues.getOrDefault(g, List.of()).contains(v)) {
                    if (!options.allowUncovered()) {
                        throw new UserInputException("--group " + g + ": value '" + v + "' of the customer's data was never seen"
                                + " by the card (its values are " + cardValues.get(g) + "); fix the spelling, or give"
                                + " --allow-uncovered to report it as not covered");
                    }
                }
            }
        }
        for (String c : options.conditions()) {
            if (options.groups().contains(c)) {
                throw new UserInputException("'" + c + "' is given both as --group and as --condition");
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        Map<String, Map<String, Comparison>> marginal = new LinkedHashMap<>();
        for (String metric : tolerance.keySet()) {
            int sign = Boolean.TRUE.equals(cardMetrics.get(metric)) ? -1 : 1;
            for (SliceKey key : customer.run().slices()) {
                Map<String, String> slice = new TreeMap<>(key.asMap());
                if (!slice.keySet().stream().allMatch(a -> options.groups().contains(a) || options.conditions().contains(a))) {
                    continue;
                }
                Map<String, String> cardSlice = new TreeMap<>();
                List<String> notCovered = new ArrayList<>();
                slice.forEach((a, v) -> {
                    if (cardValues.containsKey(a) && cardValues.get(a).contains(v)) {
                        cardSlice.put(a, v);
                    } else {
                        notCovered.add(a + "=" + v);
                    }
                });
                Card.Estimate k = card.estimate(cardSlice, metric);
                int sl = sliceIndex.get(slice);
                if (!notCovered.isEmpty() && (slice.size() == notCovered.size() || key.depth() == 1)) {
                    SliceResult sr = customer.result().slices().get(sl);
                    MetricEstimate e = sr.metric(metric);
                    uncovered.add(new Uncovered(slice, sr.n(), metric, e == null ? null : e.value(),
                            e == null || e.ci() == null ? null : e.ci().lo(), e == null || e.ci() == null ? null : e.ci().hi(),
                            "not covered by the provider's evaluation: the card has no " + String.join(", ", notCovered)));
                }
                if (k == null) {
                    continue;
                }
                Comparison c = compare(slice, cardSlice, metric, sign, k, sl, tolerance.get(metric),
                        notCovered.isEmpty() ? null : "the card has no " + String.join(", ", notCovered)
                                + "; compared with the card's " + SliceResult.label(cardSlice));
                comparisons.add(c);
                if (slice.size() == 1 && notCovered.isEmpty()) {
                    marginal.computeIfAbsent(metric + "|" + slice.keySet().iterator().next(), x -> new LinkedHashMap<>())
                            .put(slice.values().iterator().next(), c);
                }
            }
        }
        List<Difference> differences = differences(tolerance.keySet(), cardMetrics);
        List<Heterogeneity> heterogeneity = heterogeneity(marginal);
        List<Interaction> interactions = interactions(tolerance.keySet(), cardMetrics);
        List<Claim> claims = claims();
        List<Advice> advice = advice(comparisons, differences, interactions, uncovered, claims);
        Card.Signed s = card.signature();
        var about = card.about();
        LastMileResult.CardInfo info = new LastMileResult.CardInfo(cardFile, about.path("name").asText(null),
                about.path("version").asText(null), about.path("provider").asText(null), about.path("date").asText(null),
                s != null, s == null ? null : s.signer(), s == null ? null : s.keyId(), s == null ? null : s.signedAt(),
                card.normalization());
        LastMileResult.CustomerInfo cust = new LastMileResult.CustomerInfo(customer.source(), customer.result().rows(),
                options.groups(), options.conditions(), customer.run().replicates(), customer.cluster(),
                customer.normalization());
        return new LastMileResult(LastMileResult.SCHEMA, info, cust, options.level(), tolerance, comparisons, differences,
                heterogeneity, interactions, claims, uncovered, advice, List.of(), notes);
    }

    /**
     * The customer's test without labels: per-group accuracy estimated from calibrated scores (see
     * {@link LabelFreeEstimate}); no degradation or difference can be judged without labels.
     */
    public static LastMileResult withoutLabels(Card card, String cardFile, org.fairhunt.core.table.Table table, String score,
            String prediction, String positive, List<String> groups, double level) {
        for (String g : groups) {
            if (!card.groups().contains(g)) {
                throw new UserInputException("--group " + g + ": the card never evaluated an attribute '" + g + "' (it has "
                        + card.groups() + ")");
            }
        }
        List<LastMileResult.LabelFree> estimates = LabelFreeEstimate.estimate(card, table, score, prediction, positive, groups, level);
        Card.Signed s = card.signature();
        var about = card.about();
        LastMileResult.CardInfo info = new LastMileResult.CardInfo(cardFile, about.path("name").asText(null),
                about.path("version").asText(null), about.path("provider").asText(null), about.path("date").asText(null),
                s != null, s == null ? null : s.signer(), s == null ? null : s.keyId(), s == null ? null : s.signedAt(), null);
        LastMileResult.CustomerInfo cust = new LastMileResult.CustomerInfo(table.source(), table.rowCount(), groups, List.of(), 0,
                null, null);
        List<Advice> advice = new ArrayList<>();
        for (var e : estimates) {
            advice.add(new Advice("more-data", e.slice(), "accuracy", SliceResult.label(e.slice()) + ": label about " + e.rowsToLabel()
                    + " rows to confirm the label-free estimate " + String.format(Locale.ROOT, "%.3f", e.accuracy())
                    + " to within the card's calibration bound"));
        }
        return new LastMileResult(LastMileResult.SCHEMA, info, cust, level, Map.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), advice, estimates, List.of("no labels: accuracy estimated from the scores, allowed because the"
                        + " card certifies per-group calibration; degradation and differences need labels"));
    }

    private void checkNormalization() {
        String cardNorm = card.normalization();
        String ours = customer.normalization();
        if (cardNorm != null && ours != null && !cardNorm.equals(ours)) {
            throw new UserInputException("mismatched normalization: the card scored with '" + cardNorm + "' but this test with '"
                    + ours + "'; score the same way (leave --normalize out to use the card's)");
        }
        if (cardNorm != null && ours == null) {
            throw new UserInputException("the card is a speech card (normalization '" + cardNorm + "') but the customer's audit"
                    + " has no word error rate; give --ref-col and --hyp-col");
        }
    }

    private Comparison compare(Map<String, String> slice, Map<String, String> cardSlice, String metric, int sign,
            Card.Estimate k, int sl, double tol, String note) {
        SliceResult sr = customer.result().slices().get(sl);
        MetricEstimate e = sr.metric(metric);
        double[] reps = replicates(metric, sl);
        Integer clusters = clusters(sl);
        Double custValue = e == null ? null : e.value();
        Comparisons.Estimate d = custValue == null ? null
                : Comparisons.independent(sign * custValue, scale(reps, sign), sign * k.value(), scale(k.replicates(), sign),
                        options.level());
        String verdict;
        Long moreRows = null;
        Long moreClusters = null;
        if (d == null || !d.defined()) {
            verdict = "undefined";
            note = join(note, custValue == null ? "the customer's value is undefined" : "no bootstrap variance (too few speakers/rows)");
        } else if (d.hi() <= tol) {
            verdict = "pass";
        } else if (d.lo() > tol) {
            verdict = "fail";
        } else {
            verdict = "inconclusive";
            double factor = Comparisons.growthFactor(d.value(), tol, Comparisons.sd(reps), k.se(), options.level(), POWER);
            if (Double.isFinite(factor)) {
                moreRows = (long) Math.ceil(sr.n() * (factor - 1));
                if (clusters != null) {
                    moreClusters = (long) Math.ceil(clusters * (factor - 1));
                }
            } else {
                note = join(note, d.value() == tol ? "the degradation sits on the tolerance"
                        : "the card's own uncertainty is too large for any customer sample to settle it");
            }
        }
        return new Comparison(slice, cardSlice, metric, k.value(), k.lo(), k.hi(), k.n(), k.clusters(), custValue,
                e == null || e.ci() == null ? null : e.ci().lo(), e == null || e.ci() == null ? null : e.ci().hi(), sr.n(),
                clusters, d == null ? null : fin(d.value()), d == null ? null : fin(d.lo()), d == null ? null : fin(d.hi()),
                d == null ? null : fin(d.p()), tol, verdict, moreRows, moreClusters, note);
    }

    private List<Difference> differences(Set<String> metrics, Map<String, Boolean> directions) {
        record Raw(String attribute, String group, String ref, String metric, double dg, double dref, Comparisons.Estimate e) {
        }
        List<Raw> raws = new ArrayList<>();
        for (String metric : metrics) {
            int sign = Boolean.TRUE.equals(directions.get(metric)) ? -1 : 1;
            for (String a : options.groups()) {
                String ref = reference(a, metric);
                if (ref == null) {
                    continue;
                }
                Card.Estimate kRef = card.estimate(Map.of(a, ref), metric);
                Integer slRef = sliceIndex.get(new TreeMap<>(Map.of(a, ref)));
                for (String g : customerValues(a)) {
                    if (g.equals(ref)) {
                        continue;
                    }
                    Card.Estimate kg = card.estimate(Map.of(a, g), metric);
                    Integer slg = sliceIndex.get(new TreeMap<>(Map.of(a, g)));
                    Double cg = value(metric, slg);
                    Double cRef = value(metric, slRef);
                    if (kg == null || cg == null || cRef == null) {
                        continue;
                    }
                    double dg = sign * (cg - kg.value());
                    double dref = sign * (cRef - kRef.value());
                    double sdCust = Comparisons.sd(Comparisons.minus(replicates(metric, slg), replicates(metric, slRef)));
                    double sdCard = Comparisons.sd(Comparisons.minus(kg.replicates(), kRef.replicates()));
                    raws.add(new Raw(a, g, ref, metric, dg, dref,
                            Comparisons.normal(dg - dref, Math.sqrt(sdCust * sdCust + sdCard * sdCard), options.level())));
                }
            }
        }
        double[] q = MultipleTesting.benjaminiHochberg(raws.stream().mapToDouble(r -> r.e().p()).toArray());
        List<Difference> out = new ArrayList<>();
        for (int i = 0; i < raws.size(); i++) {
            Raw r = raws.get(i);
            out.add(new Difference(r.attribute(), r.group(), r.ref(), r.metric(), fin(r.dg()), fin(r.dref()), fin(r.e().value()),
                    fin(r.e().lo()), fin(r.e().hi()), fin(r.e().p()), fin(q[i]), q[i] <= FDR));
        }
        return out;
    }

    private List<Heterogeneity> heterogeneity(Map<String, Map<String, Comparison>> marginal) {
        List<Heterogeneity> out = new ArrayList<>();
        marginal.forEach((key, byGroup) -> {
            String[] parts = key.split("\\|", 2);
            List<Comparison> cs = byGroup.values().stream().filter(c -> c.degradation() != null && c.lo() != null).toList();
            double[] y = cs.stream().mapToDouble(Comparison::degradation).toArray();
            double z = org.fairhunt.core.stats.Proportions.normalQuantile(1 - (1 - options.level()) / 2);
            double[] se = cs.stream().mapToDouble(c -> (c.hi() - c.lo()) / (2 * z)).toArray();
            double[] r = Comparisons.cochranQ(y, se);
            out.add(new Heterogeneity(parts[1], parts[0], cs.size(), fin(r[0]), Double.isNaN(r[2]) ? null : (int) r[1],
                    fin(r[2]), fin(r[3])));
        });
        return out;
    }

    private List<Interaction> interactions(Set<String> metrics, Map<String, Boolean> directions) {
        record Raw(String a, String g, String ref, String c, String cv, String c0, String metric, double ge, double re,
                   Comparisons.Estimate e) {
        }
        List<Raw> raws = new ArrayList<>();
        for (String metric : metrics) {
            int sign = Boolean.TRUE.equals(directions.get(metric)) ? -1 : 1;
            for (String a : options.groups()) {
                String ref = reference(a, metric);
                if (ref == null) {
                    continue;
                }
                for (String c : options.conditions()) {
                    String c0 = baseline(c);
                    for (String cv : customerValues(c)) {
                        if (cv.equals(c0)) {
                            continue;
                        }
                        Integer refC = cell(a, ref, c, cv);
                        Integer ref0 = cell(a, ref, c, c0);
                        if (refC == null || ref0 == null) {
                            continue;
                        }
                        for (String g : customerValues(a)) {
                            if (g.equals(ref)) {
                                continue;
                            }
                            Integer gC = cell(a, g, c, cv);
                            Integer g0 = cell(a, g, c, c0);
                            if (gC == null || g0 == null) {
                                continue;
                            }
                            Double[] v = {value(metric, gC), value(metric, g0), value(metric, refC), value(metric, ref0)};
                            if (java.util.Arrays.stream(v).anyMatch(x -> x == null)) {
                                continue;
                            }
                            double ge = sign * (v[0] - v[1]);
                            double re = sign * (v[2] - v[3]);
                            double[] reps = Comparisons.minus(Comparisons.minus(replicates(metric, gC), replicates(metric, g0)),
                                    Comparisons.minus(replicates(metric, refC), replicates(metric, ref0)));
                            raws.add(new Raw(a, g, ref, c, cv, c0, metric, ge, re,
                                    Comparisons.normal(ge - re, Comparisons.sd(reps), options.level())));
                        }
                    }
                }
            }
        }
        double[] q = MultipleTesting.benjaminiHochberg(raws.stream().mapToDouble(r -> r.e().p()).toArray());
        List<Interaction> out = new ArrayList<>();
        for (int i = 0; i < raws.size(); i++) {
            Raw r = raws.get(i);
            out.add(new Interaction(r.a(), r.g(), r.ref(), r.c(), r.cv(), r.c0(), r.metric(), fin(r.ge()), fin(r.re()),
                    fin(r.e().value()), fin(r.e().lo()), fin(r.e().hi()), fin(r.e().p()), fin(q[i]), q[i] <= FDR));
        }
        return out;
    }

    private List<Claim> claims() {
        List<Claim> out = new ArrayList<>();
        var recorded = card.json().path("claims");
        for (int i = 0; i < recorded.size(); i++) {
            String text = recorded.get(i).path("constraint").asText();
            String cardOutcome = recorded.get(i).path("outcome").asText(null);
            try {
                Verdict v = CardBuilder.judge(List.of(text), customer.result(), "card").get(0);
                out.add(new Claim(text, cardOutcome, v.outcome().word(), v.detail()));
            } catch (UserInputException e) {
                out.add(new Claim(text, cardOutcome, "not applicable", e.getMessage()));
            }
        }
        return out;
    }

    private List<Advice> advice(List<Comparison> comparisons, List<Difference> differences, List<Interaction> interactions,
            List<Uncovered> uncovered, List<Claim> claims) {
        List<Advice> out = new ArrayList<>();
        for (Difference d : differences) {
            if (d.significant() && d.value() != null && d.value() > 0) {
                out.add(new Advice("targeted-data", Map.of(d.attribute(), d.group()), d.metric(), String.format(Locale.ROOT,
                        "%s=%s degrades %.3f more than %s=%s on your data (q = %s): collect %s speech/rows under your conditions"
                                + " for adaptation, and report it to the provider with findings.json",
                        d.attribute(), d.group(), d.value(), d.attribute(), d.reference(), p(d.q()), d.group())));
            }
        }
        for (Interaction x : interactions) {
            if (x.significant() && x.value() != null && x.value() > 0) {
                out.add(new Advice("targeted-data", Map.of(x.attribute(), x.group(), x.conditionAttribute(), x.condition()),
                        x.metric(), String.format(Locale.ROOT,
                                "%s=%s suffers %.3f more from %s=%s (vs %s) than %s=%s does (q = %s): collect %s × %s recordings"
                                        + " and report this condition to the provider",
                                x.attribute(), x.group(), x.value(), x.conditionAttribute(), x.condition(), x.baseline(),
                                x.attribute(), x.reference(), p(x.q()), x.group(), x.condition())));
            }
        }
        for (Comparison c : comparisons) {
            if ("fail".equals(c.verdict())) {
                out.add(new Advice("degraded", c.slice(), c.metric(), String.format(Locale.ROOT,
                        "%s: %s degraded by %.3f [%.3f, %.3f], beyond the tolerance %s", SliceResult.label(c.slice()), c.metric(),
                        c.degradation(), c.lo(), c.hi(), num(c.tolerance()))));
            } else if ("inconclusive".equals(c.verdict())) {
                String more = c.moreRowsNeeded() == null ? "cannot be settled by more customer data (" + c.note() + ")"
                        : "about " + c.moreRowsNeeded() + " more rows/utterances"
                        + (c.moreClustersNeeded() == null ? "" : " (" + c.moreClustersNeeded() + " more distinct "
                                + customer.cluster() + " values)")
                        + " would settle it at 80 % power";
                out.add(new Advice("more-data", c.slice(), c.metric(), SliceResult.label(c.slice()) + ": inconclusive against tolerance "
                        + num(c.tolerance()) + "; " + more));
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        for (Uncovered u : uncovered) {
            if (u.slice().size() == 1 && reported.add(SliceResult.label(u.slice()))) {
                out.add(new Advice("report-to-provider", u.slice(), u.metric(), SliceResult.label(u.slice())
                        + " is not covered by the provider's evaluation: send findings.json so it is evaluated"));
            }
        }
        for (Claim c : claims) {
            if ("fail".equals(c.customerOutcome())) {
                out.add(new Advice("claim-fails", Map.of(), null, "the card's claim '" + c.constraint()
                        + "' fails on your data: " + c.detail()));
            }
        }
        return out;
    }

    // ---- helpers on the customer's run

    private Optional<MetricSeries> customerSeries(String metric) {
        return customer.run().metric(metric);
    }

    private double[] replicates(String metric, Integer slice) {
        if (slice == null) {
            return new double[0];
        }
        MetricSeries s = customerSeries(metric).orElseThrow();
        double[] out = new double[customer.run().replicates()];
        if (customer.run().hasSingleCluster(slice)) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        for (int r = 1; r <= customer.run().replicates(); r++) {
            MetricValue v = s.value(slice, r);
            out[r - 1] = v.defined() ? v.value() : Double.NaN;
        }
        return out;
    }

    private Double value(String metric, Integer slice) {
        if (slice == null) {
            return null;
        }
        MetricEstimate e = customer.result().slices().get(slice).metric(metric);
        return e == null ? null : e.value();
    }

    private Integer clusters(int slice) {
        int[] c = customer.clusters();
        return c == null || c[slice] < 0 ? null : c[slice];
    }

    private Integer cell(String a, String g, String c, String cv) {
        return sliceIndex.get(new TreeMap<>(Map.of(a, g, c, cv)));
    }

    private List<String> customerValues(String attribute) {
        List<String> out = new ArrayList<>();
        for (SliceKey k : customer.run().slices()) {
            if (k.depth() == 1 && k.attributes().get(0).equals(attribute)) {
                out.add(k.values().get(0));
            }
        }
        return out;
    }

    private String reference(String attribute, String metric) {
        String given = options.references().get(attribute);
        List<String> have = customerValues(attribute);
        if (given != null) {
            if (!have.contains(given)) {
                throw new UserInputException("--reference " + attribute + "=" + given + ": the customer's data have no such group"
                        + " (they have " + have + ")");
            }
            return given;
        }
        return have.stream().filter(v -> card.estimate(Map.of(attribute, v), metric) != null)
                .max(Comparator.comparingLong(v -> card.estimate(Map.of(attribute, v), metric).n())).orElse(null);
    }

    private String baseline(String condition) {
        List<String> have = customerValues(condition);
        String given = options.baselines().get(condition);
        if (given != null) {
            if (!have.contains(given)) {
                throw new UserInputException("--baseline " + condition + "=" + given + ": the customer's data have no such value"
                        + " (they have " + have + ")");
            }
            return given;
        }
        for (String name : List.of("clean", "quiet", "baseline", "none")) {
            for (String v : have) {
                if (v.equalsIgnoreCase(name)) {
                    return v;
                }
            }
        }
        return have.stream().max(Comparator.comparingLong(v -> customer.result().slices()
                .get(sliceIndex.get(new TreeMap<>(Map.of(condition, v)))).n())).orElse(null);
    }

    private static double[] scale(double[] reps, int sign) {
        if (sign == 1) {
            return reps;
        }
        double[] out = new double[reps.length];
        for (int i = 0; i < reps.length; i++) {
            out[i] = -reps[i];
        }
        return out;
    }

    private static Double fin(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    private static String p(Double q) {
        return q == null ? "—" : q < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", q);
    }

    private static String num(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.3g", v);
    }
}

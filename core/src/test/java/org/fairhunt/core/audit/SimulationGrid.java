package org.fairhunt.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.policy.Policy;
import org.fairhunt.core.result.AuditResult;
import org.fairhunt.core.result.Disparity;
import org.fairhunt.core.result.MetricEstimate;
import org.fairhunt.core.result.Verdict;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Table;
import org.hipparchus.distribution.continuous.BetaDistribution;

/**
 * The simulation study of {@code docs/statistics.md}: seeded synthetic audits through {@link Auditor#run} (the
 * path {@code fairhunt audit} takes), five groups of {@code n} rows each, every row wrong with its group's error
 * probability. With clusters, each group's rows are spread over {@code clusters} clusters whose error
 * probabilities are drawn from a beta distribution with the group's mean and intra-cluster correlation
 * {@link #ICC} ({@code Beta(p(1−ρ)/ρ, (1−p)(1−ρ)/ρ)}), and the audit runs with {@code --cluster} and the bootstrap.
 *
 * <p>One cell is audited twice per data set seed: under the null (all five groups at {@code p}) and with a real
 * gap (group {@code g0} at {@code p + 0.1}). It counts how often the 95% intervals cover the truth (error rate
 * of {@code g1}; the difference {@code g0 − g1}, reference fixed at {@code g1}; {@code max_gap} at 0 and at 0.1),
 * how often {@code max_gap(error_rate) <= 0.05} fails on the fair data, and how often any comparison of the fair
 * audit has {@code q ≤ 0.05} (the false discovery rate under the complete null).
 */
final class SimulationGrid {
    static final double ICC = 0.2;
    static final int GROUPS = 5;
    static final double GAP = 0.1;
    static final Policy MAX_GAP_POLICY = Policy.parse("constraints:\n  - \"max_gap(error_rate) <= 0.05\"\n", "grid.yaml");

    /** One cell: {@code clusters} 0 means independent rows audited with closed forms (no bootstrap). */
    record Cell(int n, double p, int clusters, int bootstrap) {
        String label() {
            return String.format(Locale.ROOT, "n=%d p=%.2f %s", n, p, clusters == 0 ? "independent"
                    : clusters + " clusters, ICC " + ICC);
        }
    }

    /** Counts over the data sets of one cell. */
    static final class Tally {
        final Cell cell;
        int dataSets;
        int rateCovered;
        int rateTotal;
        int differenceCovered;
        int differenceTotal;
        int gap0Covered;
        int gap0Total;
        int gapCovered;
        int gapTotal;
        int policyFails;
        int anyRejection;

        Tally(Cell cell) {
            this.cell = cell;
        }

        static double share(int k, int total) {
            return total == 0 ? Double.NaN : (double) k / total;
        }

        double rate() {
            return share(rateCovered, rateTotal);
        }

        double difference() {
            return share(differenceCovered, differenceTotal);
        }

        double gap0() {
            return share(gap0Covered, gap0Total);
        }

        double gap() {
            return share(gapCovered, gapTotal);
        }

        double policyFailRate() {
            return share(policyFails, dataSets);
        }

        double fdr() {
            return share(anyRejection, dataSets);
        }

        String row() {
            return String.format(Locale.ROOT, "| %d | %.2f | %s | %s | %s | %s | %s | %s | %s |", cell.n, cell.p,
                    cell.clusters == 0 ? "none" : Integer.toString(cell.clusters), pct(rate(), rateTotal),
                    pct(difference(), differenceTotal), pct(gap0(), gap0Total), pct(gap(), gapTotal),
                    pct(policyFailRate(), dataSets), pct(fdr(), dataSets));
        }

        private static String pct(double v, int total) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v) + (total < 0 ? "" : "");
        }
    }

    private SimulationGrid() {
    }

    static Tally run(Cell cell, int dataSets, long seed) {
        Tally t = new Tally(cell);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < dataSets; k++) {
            t.dataSets++;
            AuditResult fair = audit(cell, table(cell, rnd, 0), k + 1);
            count(t, fair, 0, true);
            AuditResult gap = audit(cell, table(cell, rnd, GAP), k + 1);
            count(t, gap, GAP, false);
        }
        return t;
    }

    private static void count(Tally t, AuditResult r, double gap, boolean fair) {
        MetricEstimate rate = r.slices().stream().filter(s -> s.attributes().equals(Map.of("g", "g1"))).findFirst()
                .orElseThrow().metric("error_rate");
        if (rate.defined()) {
            t.rateTotal++;
            t.rateCovered += rate.ci() != null && rate.ci().contains(t.cell.p) ? 1 : 0;
        }
        for (Disparity d : r.disparities()) {
            if (!d.metric().equals("error_rate")) {
                continue;
            }
            if (d.kind().equals(Disparity.DIFFERENCE) && d.attributes().equals(Map.of("g", "g0")) && d.value() != null) {
                t.differenceTotal++;
                t.differenceCovered += d.lo() != null && d.lo() <= gap && gap <= d.hi() ? 1 : 0;
            }
            if (d.kind().equals(Disparity.MAX_GAP) && d.value() != null) {
                boolean covers = d.lo() != null && d.lo() <= gap && gap <= d.hi();
                if (fair) {
                    t.gap0Total++;
                    t.gap0Covered += covers ? 1 : 0;
                } else {
                    t.gapTotal++;
                    t.gapCovered += covers ? 1 : 0;
                }
            }
        }
        if (fair) {
            t.policyFails += r.verdicts().get(0).outcome().equals(Verdict.FAIL) ? 1 : 0;
            t.anyRejection += r.disparities().stream().anyMatch(d -> d.qValue() != null && d.qValue() <= 0.05) ? 1 : 0;
        }
    }

    static AuditResult audit(Cell cell, Table table, long seed) {
        AuditRequest request = AuditRequest.of("y", "1", "pred", null, List.of("g")).withMinGroupSize(1)
                .withMetrics(List.of("error_rate")).withReference(List.of("g=g1")).withPolicy(MAX_GAP_POLICY).withThreads(1);
        if (cell.clusters > 0 || cell.bootstrap > 0) {
            request = request.withBootstrap(cell.bootstrap, seed, cell.clusters > 0 ? "cluster" : null);
        }
        return Auditor.run(table, request).result();
    }

    /** Five groups of {@code n} rows; group g0's error probability is {@code p + extra}. */
    static Table table(Cell cell, SplittableRandom rnd, double extra) {
        int rows = GROUPS * cell.n;
        int[] g = new int[rows];
        int[] y = new int[rows];
        int[] pred = new int[rows];
        int[] cluster = new int[rows];
        int clustersPerGroup = Math.max(1, cell.clusters);
        int i = 0;
        for (int group = 0; group < GROUPS; group++) {
            double p = cell.p + (group == 0 ? extra : 0);
            double[] clusterP = new double[clustersPerGroup];
            for (int c = 0; c < clustersPerGroup; c++) {
                clusterP[c] = cell.clusters == 0 ? p : beta(rnd, p);
            }
            for (int r = 0; r < cell.n; r++, i++) {
                int c = r % clustersPerGroup;
                g[i] = group;
                y[i] = rnd.nextBoolean() ? 1 : 0;
                pred[i] = rnd.nextDouble() < clusterP[c] ? 1 - y[i] : y[i];
                cluster[i] = group * clustersPerGroup + c;
            }
        }
        List<String> groupNames = new ArrayList<>();
        for (int group = 0; group < GROUPS; group++) {
            groupNames.add("g" + group);
        }
        List<String> clusterNames = new ArrayList<>();
        for (int c = 0; c < GROUPS * clustersPerGroup; c++) {
            clusterNames.add("k" + c);
        }
        return new Table("grid", List.of(new CategoricalColumn("g", g, groupNames),
                new CategoricalColumn("y", y, List.of("0", "1")), new CategoricalColumn("pred", pred, List.of("0", "1")),
                new CategoricalColumn("cluster", cluster, clusterNames)));
    }

    /** A cluster's error probability: Beta with mean {@code p} and intra-cluster correlation {@link #ICC}. */
    private static double beta(SplittableRandom rnd, double p) {
        double scale = (1 - ICC) / ICC;
        return new BetaDistribution(p * scale, (1 - p) * scale).inverseCumulativeProbability(rnd.nextDouble());
    }

    /** The whole grid of issue 10: n ∈ {30, 100, 1000}, p ∈ {0.05, 0.2, 0.5}, clusters ∈ {none, 15, 50}. */
    static List<Cell> fullGrid(int bootstrap) {
        List<Cell> cells = new ArrayList<>();
        for (int clusters : new int[] {0, 15, 50}) {
            for (int n : new int[] {30, 100, 1000}) {
                for (double p : new double[] {0.05, 0.2, 0.5}) {
                    cells.add(new Cell(n, p, clusters, clusters == 0 ? 0 : bootstrap));
                }
            }
        }
        return cells;
    }

    /** Cells written {@code n:p:clusters} separated by commas (for re-running a few cells). */
    static List<Cell> cells(String spec, int bootstrap) {
        List<Cell> out = new ArrayList<>();
        for (String c : spec.split(",")) {
            String[] f = c.split(":");
            int clusters = Integer.parseInt(f[2]);
            out.add(new Cell(Integer.parseInt(f[0]), Double.parseDouble(f[1]), clusters, clusters == 0 ? 0 : bootstrap));
        }
        return out;
    }

    static final String HEADER = "| n per group | p | clusters per group | error rate | difference | max_gap at 0 | "
            + "max_gap at 0.1 | max_gap policy fails (fair) | some q ≤ 0.05 (null) |\n|---|---|---|---|---|---|---|---|---|";
}

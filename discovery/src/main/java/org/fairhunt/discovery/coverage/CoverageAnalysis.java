package org.fairhunt.discovery.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.stats.TwoProportionPower;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NaturalOrder;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.discovery.slice.RowErrors;
import org.fairhunt.discovery.slice.SliceFeatures;

/**
 * Computes a {@link CoverageResult}. Every value of a dimension is a level: the values in the data,
 * the values an ARFF header declares even if no row has them, and the values the target shares name;
 * a missing value is the level {@code (missing)}. Numeric dimensions are cut into quantile bins as for
 * slice finding. All cells of every t-way combination are counted, empty ones included.
 */
public final class CoverageAnalysis {
    /** Thin cells listed in the result (all are counted). */
    public static final int MAX_LISTED_CELLS = 1000;
    /** Most cells counted over all combinations. */
    public static final long MAX_CELLS = 20_000_000L;
    private static final int LISTED_TARGET_CELLS = 10;

    /**
     * @param strength   t, 1 to 3
     * @param minPerCell rows a cell needs to count as covered
     * @param bins       quantile bins for numeric dimensions
     * @param detectGap  the gap in the error rate the plan must detect, or null for no plan
     * @param baseline   the error rate the plan starts from when no errors are given (null: 0.5)
     * @param alpha      two-sided significance level of the plan (0.05)
     * @param power      power of the plan (0.8)
     */
    public record Options(int strength, long minPerCell, int bins, Double detectGap, Double baseline, double alpha, double power) {
        public Options {
            if (strength < 1 || strength > 3) {
                throw new UserInputException("--strength must be 1, 2 or 3, got " + strength);
            }
            if (minPerCell < 1) {
                throw new UserInputException("--min-per-cell must be at least 1, got " + minPerCell);
            }
            if (detectGap != null && !(detectGap > 0 && detectGap < 1)) {
                throw new UserInputException("--detect-gap must lie in (0, 1), got " + detectGap);
            }
            if (baseline != null && !(baseline > 0 && baseline < 1)) {
                throw new UserInputException("--baseline-rate must lie in (0, 1), got " + baseline);
            }
        }

        public static Options of(int strength, long minPerCell) {
            return new Options(strength, minPerCell, 4, null, null, 0.05, 0.8);
        }
    }

    private CoverageAnalysis() {
    }

    /**
     * @param targets target shares, or null
     * @param errors  per-row errors for a per-cell metric and the plan's baseline, or null
     */
    public static CoverageResult analyze(Table table, List<String> dimensions, Options options, TargetShares targets, RowErrors errors) {
        if (dimensions.isEmpty()) {
            throw new UserInputException("no dimensions given: name the columns whose combinations must be covered");
        }
        if (options.strength() > dimensions.size()) {
            throw new UserInputException("--strength " + options.strength() + " needs at least that many dimensions, got "
                    + dimensions.size() + " (" + String.join(", ", dimensions) + ")");
        }
        List<String> notices = new ArrayList<>();
        int d = dimensions.size();
        int rows = table.rowCount();
        List<List<String>> levels = new ArrayList<>();
        int[][] codes = new int[d][];
        boolean[] binned = new boolean[d];
        for (int j = 0; j < d; j++) {
            String name = dimensions.get(j);
            if (dimensions.subList(0, j).contains(name)) {
                throw new UserInputException("dimension '" + name + "' is named twice");
            }
            Column column = table.column(name);
            binned[j] = column instanceof NumericColumn;
            CategoricalColumn cat = column instanceof NumericColumn num ? SliceFeatures.binNumeric(num, options.bins(), notices)
                    : table.categorical(name);
            List<String> lv = new ArrayList<>(cat.levels());
            int[] c = new int[rows];
            int missingCode = -1;
            for (int i = 0; i < rows; i++) {
                int code = cat.code(i);
                if (code == CategoricalColumn.MISSING) {
                    if (missingCode < 0) {
                        missingCode = lv.size();
                        lv.add(CategoricalColumn.MISSING_LABEL);
                    }
                    code = missingCode;
                }
                c[i] = code;
            }
            levels.add(lv);
            codes[j] = c;
        }
        if (targets != null) {
            addTargetLevels(targets, dimensions, levels, codes, notices);
        }
        for (int j = 0; j < d; j++) {
            if (!binned[j]) {
                naturalOrder(levels.get(j), codes[j]);
            }
        }
        // Per-row errors for the cells' metric.
        double[] e = null;
        double[] u = null;
        if (errors != null) {
            e = new double[rows];
            u = new double[rows];
            for (int i = 0; i < rows; i++) {
                e[i] = errors.error(i);
                u[i] = errors.units(i);
            }
        }
        // Count every combination.
        List<int[]> subsets = new ArrayList<>();
        subsets(d, options.strength(), 0, new int[options.strength()], 0, subsets);
        long totalCells = 0;
        for (int[] s : subsets) {
            long cells = 1;
            for (int j : s) {
                cells *= levels.get(j).size();
            }
            totalCells += cells;
        }
        if (totalCells > MAX_CELLS) {
            throw new UserInputException("the " + options.strength() + "-way combinations of " + String.join(", ", dimensions) + " have "
                    + totalCells + " cells, more than " + MAX_CELLS + " can be listed; lower --strength, drop dimensions or use fewer --bins");
        }
        List<CoverageResult.CombinationCounts> tables = new ArrayList<>();
        for (int[] s : subsets) {
            int cells = 1;
            for (int j : s) {
                cells *= levels.get(j).size();
            }
            long[] counts = new long[cells];
            double[] errSum = e == null ? null : new double[cells];
            double[] unitSum = e == null ? null : new double[cells];
            for (int i = 0; i < rows; i++) {
                int cell = 0;
                for (int j : s) {
                    cell = cell * levels.get(j).size() + codes[j][i];
                }
                counts[cell]++;
                if (e != null && !Double.isNaN(e[i])) {
                    errSum[cell] += e[i];
                    unitSum[cell] += u[i];
                }
            }
            double[] metric = null;
            if (e != null) {
                metric = new double[cells];
                for (int c = 0; c < cells; c++) {
                    metric[c] = unitSum[c] > 0 ? errSum[c] / unitSum[c] : Double.NaN;
                }
            }
            List<String> names = new ArrayList<>();
            List<List<String>> lv = new ArrayList<>();
            for (int j : s) {
                names.add(dimensions.get(j));
                lv.add(List.copyOf(levels.get(j)));
            }
            tables.add(new CoverageResult.CombinationCounts(List.copyOf(names), List.copyOf(lv), counts, metric));
        }
        // Marginal shares for expected cell shares: the target's where given, else the data's.
        List<Map<String, Double>> marginals = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            Map<String, Double> m = targets == null ? null : targetMarginal(targets, dimensions.get(j));
            if (m == null) {
                m = new HashMap<>();
                long[] counts = new long[levels.get(j).size()];
                for (int i = 0; i < rows; i++) {
                    counts[codes[j][i]]++;
                }
                for (int k = 0; k < counts.length; k++) {
                    m.put(levels.get(j).get(k), rows == 0 ? 0 : (double) counts[k] / rows);
                }
            }
            marginals.add(m);
        }
        // The plan's baseline.
        CoverageResult.Plan plan = null;
        if (options.detectGap() != null) {
            double baseline;
            String source;
            if (errors != null) {
                double es = 0;
                double us = 0;
                for (int i = 0; i < rows; i++) {
                    if (!Double.isNaN(e[i])) {
                        es += e[i];
                        us += u[i];
                    }
                }
                baseline = us > 0 ? es / us : Double.NaN;
                source = "the error rate of all rows (" + errors.description() + ")";
                if (!errors.isBinary()) {
                    notices.add("the plan treats the error rate as a proportion (each unit an independent trial); for a loss or WER this "
                            + "is an approximation");
                }
                if (!(baseline > 0 && baseline < 1)) {
                    throw new UserInputException("the overall error rate is " + baseline + "; a sample-size plan needs a rate strictly between "
                            + "0 and 1: give --baseline-rate instead of error columns");
                }
            } else if (options.baseline() != null) {
                baseline = options.baseline();
                source = "--baseline-rate";
            } else {
                baseline = 0.5;
                source = "0.5 by default (no errors given): the largest variance, so the most rows any baseline needs";
            }
            double p1 = baseline + options.detectGap() <= 1 ? baseline + options.detectGap() : baseline - options.detectGap();
            double perCell = TwoProportionPower.sampleSizeAgainstFixedGroup(p1, baseline, rows, options.alpha(), options.power());
            plan = new CoverageResult.Plan(baseline, source, options.detectGap(), options.alpha(), options.power(), Math.ceil(perCell));
        }
        // Cells.
        long covered = 0;
        long empty = 0;
        long thin = 0;
        List<CoverageResult.CellReport> thinCells = new ArrayList<>();
        for (CoverageResult.CombinationCounts t : tables) {
            Map<List<String>, Double> joint = targets == null ? null : targetJoint(targets, t.dimensions());
            for (int c = 0; c < t.counts().length; c++) {
                long n = t.counts()[c];
                if (n >= options.minPerCell()) {
                    covered++;
                    continue;
                }
                thin++;
                if (n == 0) {
                    empty++;
                }
                List<String> values = t.values(c);
                double share;
                if (joint != null) {
                    share = joint.getOrDefault(values, 0.0);
                } else {
                    share = 1;
                    for (int j = 0; j < values.size(); j++) {
                        share *= marginals.get(dimensions.indexOf(t.dimensions().get(j))).getOrDefault(values.get(j), 0.0);
                    }
                }
                Double metric = t.metric() == null || Double.isNaN(t.metric()[c]) ? null : t.metric()[c];
                Double need = null;
                Double extra = null;
                if (plan != null) {
                    double p1 = plan.baseline() + plan.gap() <= 1 ? plan.baseline() + plan.gap() : plan.baseline() - plan.gap();
                    double n1 = TwoProportionPower.sampleSizeAgainstFixedGroup(p1, plan.baseline(), rows - n, plan.alpha(), plan.power());
                    need = Double.isInfinite(n1) ? n1 : Math.ceil(n1);
                    extra = Double.isInfinite(n1) ? n1 : Math.max(0, Math.ceil(n1) - n);
                }
                thinCells.add(new CoverageResult.CellReport(t.dimensions(), values, n, share, share * rows, options.minPerCell() - n, metric,
                        need, extra));
            }
        }
        thinCells.sort(Comparator.comparingDouble(CoverageResult.CellReport::expectedShare).reversed()
                .thenComparingLong(CoverageResult.CellReport::rows));
        if (thinCells.size() > MAX_LISTED_CELLS) {
            notices.add(thinCells.size() + " thin cells; the " + MAX_LISTED_CELLS + " with the largest expected share are listed");
            thinCells = new ArrayList<>(thinCells.subList(0, MAX_LISTED_CELLS));
        }
        List<CoverageResult.TargetComparison> comparisons = new ArrayList<>();
        if (targets != null) {
            for (TargetShares.Distribution dist : targets.distributions()) {
                comparisons.add(compare(dist, dimensions, levels, codes, rows, notices));
            }
        }
        return new CoverageResult(List.copyOf(dimensions), levels.stream().map(List::copyOf).toList(), options.strength(),
                options.minPerCell(), rows, tables, totalCells, covered, empty, thin, thinCells, comparisons, plan, notices);
    }

    /**
     * Sorts a categorical dimension's values in {@link NaturalOrder} ({@code 2} before {@code 10}; the missing
     * value last), recoding the rows, so that tables and heatmap axes read in order whatever order the
     * values were first seen in or added from a target file. Bins of numeric columns are already in order.
     */
    private static void naturalOrder(List<String> lv, int[] rowCodes) {
        Integer[] order = new Integer[lv.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, y) -> {
            boolean mx = lv.get(x).equals(CategoricalColumn.MISSING_LABEL);
            boolean my = lv.get(y).equals(CategoricalColumn.MISSING_LABEL);
            return mx != my ? Boolean.compare(mx, my) : NaturalOrder.INSTANCE.compare(lv.get(x), lv.get(y));
        });
        int[] newCode = new int[order.length];
        List<String> sorted = new ArrayList<>(order.length);
        for (int k = 0; k < order.length; k++) {
            newCode[order[k]] = k;
            sorted.add(lv.get(order[k]));
        }
        for (int i = 0; i < rowCodes.length; i++) {
            rowCodes[i] = newCode[rowCodes[i]];
        }
        lv.clear();
        lv.addAll(sorted);
    }

    /** Adds target-only values as levels; refuses targets that lack values the data has. */
    private static void addTargetLevels(TargetShares targets, List<String> dimensions, List<List<String>> levels, int[][] codes,
            List<String> notices) {
        for (TargetShares.Distribution dist : targets.distributions()) {
            for (int a = 0; a < dist.dimensions().size(); a++) {
                String dim = dist.dimensions().get(a);
                int j = dimensions.indexOf(dim);
                List<String> lv = levels.get(j);
                java.util.Set<String> inTarget = new java.util.LinkedHashSet<>();
                for (List<String> values : dist.shares().keySet()) {
                    inTarget.add(values.get(a));
                }
                for (String v : inTarget) {
                    if (!lv.contains(v)) {
                        lv.add(v);
                        notices.add("value '" + v + "' of " + dim + " has a target share (" + targets.source() + ") but no row in the data");
                    }
                }
                long[] counts = new long[lv.size()];
                for (int c : codes[j]) {
                    counts[c]++;
                }
                List<String> lacking = new ArrayList<>();
                for (int k = 0; k < counts.length; k++) {
                    String v = lv.get(k);
                    if (counts[k] > 0 && !inTarget.contains(v) && !v.equals(CategoricalColumn.MISSING_LABEL)) {
                        lacking.add(v);
                    }
                }
                if (!lacking.isEmpty()) {
                    throw new UserInputException(targets.source() + ": the target shares over " + String.join(", ", dist.dimensions())
                            + " give no share for these values of " + dim + " that occur in the data: " + String.join(", ", lacking)
                            + " (give them a share, 0 if the population has none)");
                }
            }
        }
    }

    private static Map<String, Double> targetMarginal(TargetShares targets, String dim) {
        for (TargetShares.Distribution dist : targets.distributions()) {
            int a = dist.dimensions().indexOf(dim);
            if (a >= 0 && dist.dimensions().size() == 1) {
                Map<String, Double> m = new HashMap<>();
                dist.shares().forEach((k, v) -> m.merge(k.get(a), v, Double::sum));
                return m;
            }
        }
        for (TargetShares.Distribution dist : targets.distributions()) {
            int a = dist.dimensions().indexOf(dim);
            if (a >= 0) {
                Map<String, Double> m = new HashMap<>();
                dist.shares().forEach((k, v) -> m.merge(k.get(a), v, Double::sum));
                return m;
            }
        }
        return null;
    }

    private static Map<List<String>, Double> targetJoint(TargetShares targets, List<String> dims) {
        for (TargetShares.Distribution dist : targets.distributions()) {
            if (dist.dimensions().equals(dims)) {
                return dist.shares();
            }
        }
        return null;
    }

    private static CoverageResult.TargetComparison compare(TargetShares.Distribution dist, List<String> dimensions,
            List<List<String>> levels, int[][] codes, int rows, List<String> notices) {
        int[] js = dist.dimensions().stream().mapToInt(dimensions::indexOf).toArray();
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        long used = 0;
        long missingRows = 0;
        for (int i = 0; i < rows; i++) {
            List<String> key = new ArrayList<>(js.length);
            boolean missing = false;
            for (int j : js) {
                String v = levels.get(j).get(codes[j][i]);
                missing |= v.equals(CategoricalColumn.MISSING_LABEL);
                key.add(v);
            }
            if (missing) {
                missingRows++;
                continue;
            }
            counts.merge(key, 1L, Long::sum);
            used++;
        }
        if (missingRows > 0) {
            notices.add(missingRows + " rows with a missing value of " + String.join(", ", dist.dimensions())
                    + " left out of the comparison with the target shares");
        }
        java.util.Set<List<String>> cells = new java.util.LinkedHashSet<>(dist.shares().keySet());
        List<String> lacking = new ArrayList<>();
        for (List<String> k : counts.keySet()) {
            if (!cells.contains(k)) {
                lacking.add(String.join(" × ", k));
            }
        }
        if (!lacking.isEmpty()) {
            throw new UserInputException("the target shares over " + String.join(", ", dist.dimensions())
                    + " give no share for these combinations that occur in the data: "
                    + String.join(", ", lacking.subList(0, Math.min(10, lacking.size()))) + (lacking.size() > 10 ? ", …" : ""));
        }
        double tv = 0;
        double kl = 0;
        List<CoverageResult.CellShare> shares = new ArrayList<>();
        for (List<String> cell : cells) {
            long n = counts.getOrDefault(cell, 0L);
            double data = used == 0 ? 0 : (double) n / used;
            double target = dist.shares().get(cell);
            tv += Math.abs(data - target) / 2;
            if (target > 0) {
                kl += data > 0 ? target * Math.log(target / data) : Double.POSITIVE_INFINITY;
            }
            shares.add(new CoverageResult.CellShare(cell, n, data, target));
        }
        List<CoverageResult.CellShare> over = shares.stream().filter(s -> s.difference() > 0)
                .sorted(Comparator.comparingDouble(CoverageResult.CellShare::difference).reversed()).limit(LISTED_TARGET_CELLS).toList();
        List<CoverageResult.CellShare> under = shares.stream().filter(s -> s.difference() < 0)
                .sorted(Comparator.comparingDouble(CoverageResult.CellShare::difference)).limit(LISTED_TARGET_CELLS).toList();
        return new CoverageResult.TargetComparison(dist.dimensions(), tv, kl, over, under);
    }

    private static void subsets(int n, int size, int start, int[] current, int filled, List<int[]> out) {
        if (filled == size) {
            out.add(current.clone());
            return;
        }
        for (int j = start; j < n; j++) {
            current[filled] = j;
            subsets(n, size, j + 1, current, filled + 1, out);
        }
    }
}

package org.fairhunt.discovery.coverage;

import java.util.List;

/**
 * What the data covers: counts in every t-way combination of dimension values, the share of
 * combinations with at least {@code minPerCell} rows, the thin cells ranked by their expected share,
 * the distance from target shares, and a sample-size plan.
 *
 * @param dimensions   the dimensions, in the order given
 * @param levels       each dimension's values (data values, declared values and target-only values)
 * @param strength     t
 * @param minPerCell   rows a cell needs to count as covered
 * @param rows         rows in the data
 * @param combinations one count table per t-subset of dimensions
 * @param totalCells   cells over all t-subsets
 * @param coveredCells cells with at least {@code minPerCell} rows
 * @param emptyCells   cells with no row
 * @param thinCellCount cells below {@code minPerCell}, empty ones included
 * @param thinCells    the thin cells, most expected first (at most {@link CoverageAnalysis#MAX_LISTED_CELLS})
 * @param targets      comparisons with each target distribution (empty without target shares)
 * @param plan         the sample-size plan, or null without {@code --detect-gap}
 * @param notices      what was binned, excluded or assumed
 */
public record CoverageResult(List<String> dimensions, List<List<String>> levels, int strength, long minPerCell, long rows,
        List<CombinationCounts> combinations, long totalCells, long coveredCells, long emptyCells, long thinCellCount,
        List<CellReport> thinCells, List<TargetComparison> targets, Plan plan, List<String> notices) {

    /** Share of cells with at least {@code minPerCell} rows. */
    public double coveredShare() {
        return totalCells == 0 ? Double.NaN : (double) coveredCells / totalCells;
    }

    /**
     * The counts of one t-subset of dimensions. Cell {@code i} has the values whose mixed-radix digits
     * (first dimension most significant) make {@code i}.
     *
     * @param metric the cell's Σ errors / Σ units when errors were given, else null ({@code NaN} for an empty cell)
     */
    public record CombinationCounts(List<String> dimensions, List<List<String>> levels, long[] counts, double[] metric) {
        /** The values of cell {@code index}. */
        public List<String> values(int index) {
            String[] v = new String[dimensions.size()];
            int rest = index;
            for (int j = dimensions.size() - 1; j >= 0; j--) {
                int k = levels.get(j).size();
                v[j] = levels.get(j).get(rest % k);
                rest /= k;
            }
            return List.of(v);
        }
    }

    /**
     * One thin cell.
     *
     * @param expectedShare  its share of the population: the target's joint share when given, else the product of
     *                       its values' marginal shares (target marginals where given, the data's otherwise)
     * @param missingToMinimum rows short of {@code minPerCell}
     * @param metric         the cell's error, or null
     * @param rowsForGap     total rows the cell needs for the plan's gap (null without a plan; +∞ when unreachable)
     * @param extraRowsForGap rows to add to reach {@code rowsForGap}
     */
    public record CellReport(List<String> dimensions, List<String> values, long rows, double expectedShare, double expectedRows,
            long missingToMinimum, Double metric, Double rowsForGap, Double extraRowsForGap) {
    }

    /**
     * The data against one target distribution.
     *
     * @param totalVariation      ½ Σ |data share − target share|
     * @param klTargetToData      Σ t·ln(t/d) in nats; +∞ when a cell with a target share has no data
     * @param overRepresented     cells whose data share most exceeds the target's
     * @param underRepresented    cells whose data share falls most short of the target's
     */
    public record TargetComparison(List<String> dimensions, double totalVariation, double klTargetToData,
            List<CellShare> overRepresented, List<CellShare> underRepresented) {
    }

    /** A cell's share in the data and in the target. */
    public record CellShare(List<String> values, long rows, double dataShare, double targetShare) {
        public double difference() {
            return dataShare - targetShare;
        }
    }

    /**
     * How many rows a cell needs to detect a gap of {@code gap} in an error rate of {@code baseline}
     * (cell at baseline + gap against the rest at baseline) with {@code power} at two-sided level
     * {@code alpha}, by the two-proportion z-test (Fleiss; see {@code TwoProportionPower}).
     *
     * @param baselineSource  where the baseline came from
     * @param rowsPerCell     rows a cell needs when the rest is the whole data; +∞ when no cell size reaches
     *                        the power (the rest's own uncertainty is already too large for the gap)
     */
    public record Plan(double baseline, String baselineSource, double gap, double alpha, double power, double rowsPerCell) {
        /**
         * What a cell needs, in words: "about N rows", or why no number of rows will do (never "about
         * Infinity rows").
         */
        public String need() {
            if (Double.isInfinite(rowsPerCell)) {
                return "more rows than any cell can have: against the other rows the gap cannot reach "
                        + Math.round(power * 100) + "% power however large the cell (the rest's own uncertainty is too large); "
                        + "plan for a larger --detect-gap or collect more rows overall";
            }
            return String.format(java.util.Locale.ROOT, "about %.0f rows", rowsPerCell);
        }
    }
}

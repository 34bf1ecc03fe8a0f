package org.fairhunt.discovery.slice;

import java.util.List;

/**
 * The result of slice finding, ready for renderers: what was searched and how, the findings (ranked,
 * redundant children collapsed), and how many slices were evaluated and tested.
 *
 * @param errorDescription  what a row's error is
 * @param rows              rows searched
 * @param excludedRows      rows without a computable error
 * @param total             statistics of all rows searched
 * @param binary            whether errors are 0/1 per row (Wilson intervals and z-tests apply)
 * @param features          the features used
 * @param params            the search parameters
 * @param levels            per level: depth, candidates generated, pruned by the bound, evaluated
 * @param familySize        slices evaluated with at least the minimum support: the BH family size
 * @param significantInFamily slices of the family with q below {@code fdr}, shown or not
 * @param fdr               the false discovery rate used to flag findings
 * @param findings          the reported slices, best first
 * @param notices           what was skipped, binned or left out, and why
 * @param ranking           how the findings are ordered, in words
 */
public record SliceReport(String errorDescription, long rows, int excludedRows, SliceStats total, boolean binary,
        List<String> features, SliceSearch.Params params, List<LevelSummary> levels, long familySize, long significantInFamily,
        double fdr, List<SliceFinding> findings, List<String> notices, String ranking) {

    /** One lattice level's work. */
    public record LevelSummary(int depth, long generated, long prunedByBound, int evaluated, long inFamily) {
    }

    public double overallError() {
        return total.rate();
    }
}

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
 * @param familySize        the BH family size: every slice up to the depth with at least the minimum
 *                          support, exact where counted, else an upper bound (see {@link SliceSearch})
 * @param familyCounted     slices of the family whose p-value is known (their combination was counted)
 * @param significantInFamily slices the search evaluated (listable) with q below {@code fdr}
 * @param significantListed of those, how many are listed, collapsed under a listed slice, or not shown
 *                          (beyond {@code --top}, or collapsed under a slice not shown)
 * @param fdr               the false discovery rate used to flag findings
 * @param findings          the reported slices, best first
 * @param notices           what was skipped, binned or left out, and why
 * @param ranking           how the findings are ordered, in words
 */
public record SliceReport(String errorDescription, long rows, int excludedRows, SliceStats total, boolean binary,
        List<String> features, SliceSearch.Params params, List<LevelSummary> levels, long familySize, long familyCounted,
        long significantInFamily, Significant significantListed, double fdr, List<SliceFinding> findings, List<String> notices, String ranking) {

    /** One lattice level's work. */
    public record LevelSummary(int depth, long generated, long prunedByBound, int evaluated, long inFamily, long familyCounted) {
    }

    /** Where the significant slices went: listed, collapsed under a listed slice, or not shown. */
    public record Significant(long listed, long collapsed, long notShown) {
    }

    /**
     * The multiple-testing family and where its significant slices went, in one sentence (the one wording
     * for the terminal and every report), so that the count and the listing visibly agree.
     */
    public String testingSummary() {
        StringBuilder sb = new StringBuilder();
        String fdrText = java.math.BigDecimal.valueOf(fdr).stripTrailingZeros().toPlainString();
        if (familyExact()) {
            sb.append(familySize).append(" slices tested (every slice up to depth ").append(params.maxDepth()).append(" with at least ")
                    .append(params.minSupport()).append(" rows)");
        } else {
            sb.append("at most ").append(familySize).append(" slices tested (every slice up to depth ").append(params.maxDepth())
                    .append(" with at least ").append(params.minSupport()).append(" rows: ").append(familyCounted)
                    .append(" counted, the rest bounded from their parents' support, which makes q-values conservative)");
        }
        sb.append("; ").append(significantInFamily).append(" of the slices searched have a Benjamini–Hochberg q below ").append(fdrText);
        if (significantInFamily > 0) {
            List<String> parts = new java.util.ArrayList<>();
            parts.add(significantListed.listed() + " listed");
            if (significantListed.collapsed() > 0) {
                parts.add(significantListed.collapsed() + " collapsed under a listed slice with at least their error");
            }
            if (significantListed.notShown() > 0) {
                parts.add(significantListed.notShown() + " not shown (beyond --top " + params.topK() + " or collapsed under one)");
            }
            sb.append(": ").append(String.join(", ", parts));
        }
        return sb.append('.').toString();
    }

    /** Whether the family size is exact (every combination counted) rather than an upper bound. */
    public boolean familyExact() {
        return familyCounted == familySize;
    }

    public double overallError() {
        return total.rate();
    }
}

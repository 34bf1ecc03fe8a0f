package org.fairhunt.core.stats;

import java.util.Arrays;

/** Control of the false discovery rate across many comparisons. */
public final class MultipleTesting {
    private MultipleTesting() {
    }

    /**
     * Benjamini–Hochberg adjusted p-values (q-values): {@code q(i) = min over j >= i of p(j)·m/j} over
     * p-values sorted ascending, capped at 1. Rejecting every hypothesis with {@code q <= α} controls
     * the false discovery rate at α for independent or positively dependent tests. {@code NaN} p-values
     * (comparisons that could not be made) stay {@code NaN} and do not count in {@code m}.
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        int n = pValues.length;
        double[] q = new double[n];
        Arrays.fill(q, Double.NaN);
        double[] sorted = new double[n];
        int m = 0;
        for (double p : pValues) {
            if (!Double.isNaN(p)) {
                sorted[m++] = p;
            }
        }
        sorted = Arrays.copyOf(sorted, m);
        Arrays.sort(sorted);
        // The adjusted value of each rank. Tied p-values share one: at ranks k < k' of the same p the running
        // minimum at k' is at most p·m/k' <= p·m/k, so the minimum at k is the one at k'. Hence each p-value finds
        // its q by value (any rank of its ties), and no index needs sorting (a boxed sort cost more than the rest).
        double[] byRank = new double[m];
        double running = 1;
        for (int k = m - 1; k >= 0; k--) {
            running = Math.min(running, sorted[k] * m / (k + 1));
            byRank[k] = Math.min(1, running);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(pValues[i])) {
                q[i] = byRank[Arrays.binarySearch(sorted, pValues[i])];
            }
        }
        return q;
    }
}

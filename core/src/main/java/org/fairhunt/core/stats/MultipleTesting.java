package org.fairhunt.core.stats;

import java.util.Arrays;
import java.util.Comparator;

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
        Integer[] order = java.util.stream.IntStream.range(0, n).filter(i -> !Double.isNaN(pValues[i])).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        int m = order.length;
        double running = 1;
        for (int k = m - 1; k >= 0; k--) {
            int i = order[k];
            running = Math.min(running, pValues[i] * m / (k + 1));
            q[i] = Math.min(1, running);
        }
        return q;
    }
}

package org.fairhunt.discovery.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * The search counts only the feature combinations holding a candidate and bounds the rest of the testing
 * family. Checked against an independent enumeration of the whole family (every conjunction up to the
 * depth with the minimum support, counted row by row, p-values from Hipparchus's binomial, BH written out
 * here): the family bound is never below the true size, every reported q-value is never below the exact
 * BH q-value, and the number flagged significant never exceeds the exact number.
 */
class FamilyBoundTest {
    private static final int[] LEVELS = {3, 4, 3, 5, 2, 4};

    @Test
    void bounded_family_gives_q_values_no_smaller_than_exact_bh_over_the_whole_lattice() {
        int bounded = 0;
        for (long seed = 1; seed <= 12; seed++) {
            long minSupport = seed % 3 == 0 ? 400 : 30; // 400 of 3000 rows: the rows/minSupport cap binds
            SliceFeatures x = SyntheticData.randomFeatures(seed, 3000, LEVELS);
            double[] e = SyntheticData.binaryErrors(seed, x, 0.1, 0.5, new int[] {0, 2}, new int[] {1, 2});
            for (SliceFinder.Ranking ranking : SliceFinder.Ranking.values()) {
                SliceReport r = SliceFinder.find(x, RowErrors.of("t", e, null),
                        new SliceFinder.Options(new SliceSearch.Params(3, minSupport, 5, 0.95, 1), 0.95, 0.05, ranking));
                Exact exact = Exact.of(x, e, 3, minSupport);
                String where = "seed " + seed + ", " + ranking;
                assertTrue(r.familySize() >= exact.m(), where + ": bound " + r.familySize() + " < true family " + exact.m());
                assertTrue(r.familyCounted() <= exact.m(), where);
                if (r.familyExact()) {
                    assertEquals(exact.m(), r.familySize(), where);
                } else {
                    bounded++;
                }
                for (SliceFinding f : r.findings()) {
                    double q = exact.q(f.pValue());
                    assertTrue(f.qValue() >= q * (1 - 1e-6), where + ": " + f.predicates() + " q " + f.qValue() + " < exact " + q);
                }
                assertTrue(r.significantInFamily() <= exact.significant(0.05), where);
            }
        }
        assertTrue(bounded > 0, "no run exercised the bound");
    }

    /** The exact family: p-values of every slice up to the depth with the minimum support. */
    private record Exact(double[] sorted, double[] q) {
        long m() {
            return sorted.length;
        }

        static Exact of(SliceFeatures x, double[] e, int depth, long minSupport) {
            double rate = Arrays.stream(e).sum() / e.length;
            List<Double> p = new ArrayList<>();
            enumerate(x, e, new int[0], new int[0], depth, minSupport, rate, p);
            double[] sorted = p.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int m = sorted.length;
            double[] q = new double[m];
            double running = 1;
            for (int j = m - 1; j >= 0; j--) {
                running = Math.min(running, sorted[j] * m / (j + 1));
                q[j] = running;
            }
            return new Exact(sorted, q);
        }

        private static void enumerate(SliceFeatures x, double[] e, int[] fs, int[] vs, int depth, long minSupport, double rate,
                List<Double> out) {
            int start = fs.length == 0 ? 0 : fs[fs.length - 1] + 1;
            for (int f = start; f < x.featureCount(); f++) {
                for (int v = 0; v < x.levelCount(f); v++) {
                    int[] f2 = Arrays.copyOf(fs, fs.length + 1);
                    int[] v2 = Arrays.copyOf(vs, vs.length + 1);
                    f2[fs.length] = f;
                    v2[vs.length] = v;
                    int rows = 0;
                    int errors = 0;
                    for (int i = 0; i < x.rowCount(); i++) {
                        boolean in = true;
                        for (int j = 0; j < f2.length && in; j++) {
                            in = x.code(f2[j], i) == v2[j];
                        }
                        if (in) {
                            rows++;
                            errors += (int) e[i];
                        }
                    }
                    if (rows >= minSupport) {
                        out.add(upperTail(errors, rows, rate));
                        if (f2.length < depth) {
                            enumerate(x, e, f2, v2, depth, minSupport, rate, out);
                        }
                    }
                }
            }
        }

        /** P(X ≥ k) for X ~ Bin(n, p), summed from the probability mass (1 − cdf loses the small tails). */
        private static double upperTail(int k, int n, double p) {
            BinomialDistribution b = new BinomialDistribution(n, p);
            double sum = 0;
            for (int j = n; j >= k; j--) {
                sum += b.probability(j);
            }
            return Math.min(1, sum);
        }

        /** The exact BH q-value of a p-value of the family (the largest rank with a p-value not above it). */
        double q(double p) {
            int at = -1;
            for (int j = 0; j < sorted.length; j++) {
                if (sorted[j] <= p * (1 + 1e-9) + 1e-300) {
                    at = j;
                }
            }
            return at < 0 ? q[0] : q[at];
        }

        long significant(double fdr) {
            return Arrays.stream(q).filter(v -> v < fdr).count();
        }
    }
}

package org.fairhunt.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipleTestingTest {

    @Test
    void q_values_by_hand_with_ties_and_nan() {
        // m = 4 (the NaN does not count); sorted 0.01, 0.02, 0.02, 0.5: p·m/rank = 0.04, 0.04, 0.08/3, 0.5;
        // running minimum from the top: 0.5, 0.08/3, 0.08/3, 0.08/3 (both 0.02s take the value at rank 3).
        double[] q = MultipleTesting.benjaminiHochberg(new double[] {0.02, Double.NaN, 0.5, 0.01, 0.02});
        double third = 0.02 * 4 / 3;
        assertArrayEquals(new double[] {third, Double.NaN, 0.5, third, third}, q, 0);
        assertArrayEquals(new double[] {}, MultipleTesting.benjaminiHochberg(new double[] {}), 0);
        // sorted 0.7, 0.9: 1.4, 0.9; running minimum 0.9, 0.9; three ties of 0.8 all take 0.8·3/3
        assertArrayEquals(new double[] {0.9, 0.9}, MultipleTesting.benjaminiHochberg(new double[] {0.9, 0.7}), 0);
        double tie = 0.8 * 3 / 3; // 0.8000000000000002 in doubles
        assertArrayEquals(new double[] {tie, tie, tie}, MultipleTesting.benjaminiHochberg(new double[] {0.8, 0.8, 0.8}), 0);
    }

    /** The definition itself: q(v) = min(1, min over values w ≥ v of w·m / (number of p-values ≤ w)), O(n²). */
    private static double[] oracle(double[] p) {
        int m = 0;
        for (double x : p) {
            m += Double.isNaN(x) ? 0 : 1;
        }
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                q[i] = Double.NaN;
                continue;
            }
            double best = Double.POSITIVE_INFINITY;
            for (double w : p) {
                if (Double.isNaN(w) || w < p[i]) {
                    continue;
                }
                int rank = 0;
                for (double x : p) {
                    rank += !Double.isNaN(x) && x <= w ? 1 : 0;
                }
                best = Math.min(best, w * m / rank);
            }
            q[i] = Math.min(1, best);
        }
        return q;
    }

    @Test
    void q_values_equal_the_definition_on_random_p_values_with_many_ties() {
        Random random = new Random(12);
        for (int trial = 0; trial < 300; trial++) {
            int n = random.nextInt(60);
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(10);
                // ties (a few shared values), NaNs, zeros, ones and continuous values
                p[i] = kind == 0 ? Double.NaN : kind == 1 ? 0 : kind == 2 ? 1 : kind < 6 ? random.nextInt(4) / 8.0
                        : random.nextDouble();
            }
            double[] expected = oracle(p);
            double[] q = MultipleTesting.benjaminiHochberg(p);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], q[i], 0, "trial " + trial + ", index " + i);
            }
        }
    }
}

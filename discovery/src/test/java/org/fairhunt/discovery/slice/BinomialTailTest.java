package org.fairhunt.discovery.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.hipparchus.special.Beta;
import org.junit.jupiter.api.Test;

class BinomialTailTest {

    @Test
    void upper_tail_equals_the_regularized_incomplete_beta() {
        // P(X >= x) = I_p(x, n - x + 1): an independent method (continued fraction) for the same quantity.
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 3000; i++) {
            long n = 1 + rnd.nextInt(i % 3 == 0 ? 30 : 200_000);
            double p = 0.001 + 0.998 * rnd.nextDouble();
            double sd = Math.sqrt(n * p * (1 - p));
            long x = Math.max(1, Math.min(n, Math.round(n * p + sd * (rnd.nextDouble() * 12 - 4))));
            double expected = Beta.regularizedBeta(p, x, n - x + 1, 1e-16, 100_000);
            double actual = BinomialTail.upper(x, n, p);
            assertEquals(expected, actual, 1e-9 * Math.max(expected, 1e-300) + 1e-300,
                    "x=" + x + " n=" + n + " p=" + p);
        }
    }

    @Test
    void edges() {
        assertEquals(1, BinomialTail.upper(0, 10, 0.3));
        assertEquals(0, BinomialTail.upper(11, 10, 0.3));
        assertEquals(Math.pow(0.3, 10), BinomialTail.upper(10, 10, 0.3), 1e-18);
        // P(X >= 1) = 1 - 0.7^10
        assertEquals(1 - Math.pow(0.7, 10), BinomialTail.upper(1, 10, 0.3), 1e-14);
    }
}

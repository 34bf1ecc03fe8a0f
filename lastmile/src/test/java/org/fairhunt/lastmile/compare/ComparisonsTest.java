package org.fairhunt.lastmile.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values computed by hand (shown in the comments). */
class ComparisonsTest {

    @Test
    void sd_is_the_sample_standard_deviation_of_defined_values() {
        // 1,2,3,4: mean 2.5, squared deviations 2.25+0.25+0.25+2.25 = 5, /3 -> sqrt(5/3) = 1.2909944
        assertEquals(Math.sqrt(5.0 / 3), Comparisons.sd(new double[] {1, 2, 3, 4}), 1e-12);
        assertTrue(Double.isNaN(Comparisons.sd(new double[] {1})));
        // one NaN of 4 is 25 % undefined: too many, so no standard deviation
        assertTrue(Double.isNaN(Comparisons.sd(new double[] {1, 2, Double.NaN, 4})));
    }

    @Test
    void independent_difference_adds_variances() {
        // customer reps 1,2,3,4 (sd^2 = 5/3), card reps 0,0,2,2 (mean 1, sum sq 4, /3 = 4/3): se = sqrt(3) = 1.7320508
        Comparisons.Estimate e = Comparisons.independent(10, new double[] {1, 2, 3, 4}, 7, new double[] {0, 0, 2, 2}, 0.95);
        assertEquals(3, e.value(), 1e-12);
        assertEquals(Math.sqrt(3), e.se(), 1e-12);
        // 3 +- 1.959964 * 1.7320508 = [-0.394757, 6.394757]; z = 1.7320508, p = 2 (1 - Phi(1.7320508)) = 0.0832645
        assertEquals(-0.394757, e.lo(), 1e-6);
        assertEquals(6.394757, e.hi(), 1e-6);
        assertEquals(0.0832645, e.p(), 1e-6);
    }

    @Test
    void cochran_q_by_hand() {
        // y = 0, 1, 2 with se 1, 1, 0.5 (w = 1, 1, 4): weighted mean = (0 + 1 + 8)/6 = 1.5;
        // Q = 1*2.25 + 1*0.25 + 4*0.25 = 3.5 on 2 df: p = exp(-3.5/2) = 0.1737739; I^2 = (3.5 - 2)/3.5 = 0.4285714
        double[] r = Comparisons.cochranQ(new double[] {0, 1, 2}, new double[] {1, 1, 0.5});
        assertEquals(3.5, r[0], 1e-12);
        assertEquals(2, r[1]);
        assertEquals(Math.exp(-1.75), r[2], 1e-9);
        assertEquals(1.5 / 3.5, r[3], 1e-12);
    }

    @Test
    void growth_factor_by_hand() {
        // |0.02 - 0.05| / (1.959964 + 0.841621) = 0.010708: customer variance 0.010708^2 - 0.005^2 = 8.9663e-5;
        // customer se 0.02: factor 0.0004 / 8.9663e-5 = 4.4612
        assertEquals(4.4612, Comparisons.growthFactor(0.05, 0.02, 0.02, 0.005, 0.95, 0.8), 1e-3);
        // the card alone is too uncertain: no customer sample settles it
        assertEquals(Double.POSITIVE_INFINITY, Comparisons.growthFactor(0.05, 0.02, 0.02, 0.02, 0.95, 0.8));
    }
}

package org.fairhunt.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TwoProportionsTest {

    @Test
    void newcombe_interval_matches_the_published_examples() {
        // Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (hybrid score, no correction).
        Interval a = TwoProportions.newcombeDifference(56, 70, 48, 80, 0.95);
        assertEquals(0.0524, a.lo(), 5e-5);
        assertEquals(0.3339, a.hi(), 5e-5);
        Interval b = TwoProportions.newcombeDifference(9, 10, 3, 10, 0.95);
        assertEquals(0.1705, b.lo(), 5e-5);
        assertEquals(0.8090, b.hi(), 5e-5);
        Interval d = TwoProportions.newcombeDifference(5, 56, 0, 29, 0.95);
        assertEquals(-0.0381, d.lo(), 5e-5);
        assertEquals(0.1926, d.hi(), 5e-5);
    }

    @Test
    void katz_ratio_interval_matches_hand_computation() {
        // R = 0.2/0.4 = 0.5; se = sqrt(1/20 - 1/100 + 1/40 - 1/100) = sqrt(0.055); 0.5 exp(±1.959964 se).
        Interval r = TwoProportions.katzRatio(20, 100, 40, 100, 0.95);
        assertEquals(0.315752, r.lo(), 1e-6);
        assertEquals(0.791762, r.hi(), 1e-6);
    }

    @Test
    void katz_ratio_has_no_interval_with_a_zero_count() {
        assertNull(TwoProportions.katzRatio(0, 50, 10, 50, 0.95));
    }

    @Test
    void z_test_equals_the_uncorrected_chi_square_test_of_the_2x2_table() {
        // scipy.stats.chi2_contingency([[56,14],[48,32]], correction=False) p = 0.0080451
        assertEquals(0.0080451, TwoProportions.zTestPValue(56, 70, 48, 80), 1e-7);
        assertEquals(1.0, TwoProportions.zTestPValue(0, 10, 0, 20));
    }
}

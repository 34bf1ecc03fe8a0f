package org.fairhunt.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values from scipy.stats (norm, t) and hand arithmetic. */
class CriticalTest {

    @Test
    void critical_values_of_the_normal_and_t() {
        assertEquals(1.959964, Critical.value(0.05, 0), 1e-6);
        assertEquals(2.144787, Critical.value(0.05, 14), 1e-6, "t 0.975 quantile, 14 df");
        assertEquals(5.730729, Critical.value(1e-8, 0), 1e-5, "a small alpha (Šidák over many pairs) keeps its precision");
    }

    @Test
    void sidak_makes_m_intervals_simultaneous() {
        assertEquals(1 - Math.pow(0.95, 0.1), Critical.sidakAlpha(0.05, 10), 1e-15);
        assertEquals(0.0956179, Critical.sidakP(0.01, 10), 1e-7, "1 - 0.99^10");
        assertEquals(0.05, Critical.sidakAlpha(0.05, 1));
    }

    @Test
    void inverting_an_interval_gives_the_p_value_at_which_its_end_reaches_the_null() {
        // d = 0.3, se = 0.1: the interval d ± c·se holds 0 until c = 3, so p = 2(1 - Φ(3)) = 0.0026998, or with
        // t on 14 df 2·P(T > 3) = 0.0095515.
        assertEquals(0.0026998, Critical.invert(c -> new Interval(0.3 - c * 0.1, 0.3 + c * 0.1, 0.95, IntervalMethod.RATIO_T), 0, 0), 1e-7);
        assertEquals(0.0095515, Critical.invert(c -> new Interval(0.3 - c * 0.1, 0.3 + c * 0.1, 0.95, IntervalMethod.RATIO_T), 0, 14), 1e-7);
        assertEquals(1, Critical.invert(c -> new Interval(-0.1 - c, 0.1 + c, 0.95, IntervalMethod.RATIO_T), 0, 0), "0 inside even at c = 0");
    }
}

package org.fairhunt.discovery.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fairhunt.core.stats.Interval;
import org.junit.jupiter.api.Test;

class SliceTestsTest {

    private static SliceStats binary(int rows, int errors) {
        SliceStats s = SliceStats.EMPTY;
        for (int i = 0; i < rows; i++) {
            s = s.merge(SliceStats.ofRow(i < errors ? 1 : 0, 1));
        }
        return s;
    }

    private static SliceStats values(double... v) {
        SliceStats s = SliceStats.EMPTY;
        for (double x : v) {
            s = s.merge(SliceStats.ofRow(x, 1));
        }
        return s;
    }

    @Test
    void binary_errors_use_the_exact_binomial_test_against_the_overall_rate() {
        // 30/100 against 40/200: overall rate 70/300; P(Bin(100, 7/30) >= 30) = 0.0752155 (scipy binom.sf(29, ...)).
        double p = SliceTests.pValueHigherThanRest(binary(100, 30), binary(200, 40), true);
        assertEquals(0.07521552453470456, p, 1e-9);
    }

    @Test
    void binary_error_interval_is_wilson() {
        Interval i = SliceTests.interval(binary(100, 30), true, 0.95);
        assertEquals(0.2189488529, i.lo(), 1e-9);
        assertEquals(0.3958485463, i.hi(), 1e-9);
    }

    @Test
    void a_loss_is_tested_with_welch_t_as_scipy_computes_it() {
        // scipy.stats.ttest_ind(a, b, equal_var=False, alternative='greater'): t = 3.09656, df = 8.3968,
        // p = 0.00694993.
        SliceStats a = values(3, 5, 4, 8, 6, 7);
        SliceStats b = values(2, 3, 1, 4, 2, 3, 2, 5);
        assertEquals(0.006949930997807672, SliceTests.pValueHigherThanRest(a, b, false), 1e-10);
        // t interval: 5.5 ± t(0.975, 5)·s/√6 = 5.5 ± 1.96331
        Interval i = SliceTests.interval(a, false, 0.95);
        assertEquals(5.5 - 1.963314306980324, i.lo(), 1e-9);
        assertEquals(5.5 + 1.963314306980324, i.hi(), 1e-9);
    }

    @Test
    void rest_statistics_are_total_minus_slice() {
        SliceStats a = values(1, 2, 3);
        SliceStats b = values(4, 5);
        SliceStats rest = a.merge(b).minus(a);
        assertEquals(2, rest.rows());
        assertEquals(9, rest.errors(), 1e-12);
        assertEquals(41, rest.errorsSquared(), 1e-12);
        assertTrue(Double.isNaN(rest.maxRate()));
    }
}

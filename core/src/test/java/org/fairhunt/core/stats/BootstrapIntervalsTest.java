package org.fairhunt.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BootstrapIntervalsTest {

    @Test
    void replicates_that_all_agree_give_no_interval_and_say_why_rather_than_a_zero_width_one() {
        // WER at exactly 100% (every word deleted) in every replicate, or 0 errors in a 12-row slice.
        double[] same = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertNull(BootstrapIntervals.percentile(same, 0.95));
        assertEquals(BootstrapIntervals.SAME_IN_EVERY_REPLICATE, BootstrapIntervals.noIntervalReason(same));
        double[] undefined = {1, Double.NaN, 2, Double.NaN};
        assertNull(BootstrapIntervals.percentile(undefined, 0.95));
        assertEquals("the metric is undefined in too many bootstrap replicates (slice too small or one-sided)",
                BootstrapIntervals.noIntervalReason(undefined));
    }

    @Test
    void a_distance_gets_a_one_sided_upper_bound_from_zero() {
        double[] reps = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1};
        // Type-7 quantile at 0.95 of 11 sorted values: h = 10 x 0.95 = 9.5, between 1.0 and 1.1: 1.05.
        Interval ci = BootstrapIntervals.upperBound(reps, 0.95);
        assertEquals(0, ci.lo());
        assertEquals(1.05, ci.hi(), 1e-12);
        assertNull(BootstrapIntervals.upperBound(new double[] {0, 0, 0}, 0.95), "no bound above 0 to give");
    }

    @Test
    void variance_of_replicates_has_divisor_b_minus_1() {
        assertEquals(2.5, BootstrapIntervals.variance(new double[] {1, 2, 3, 4, 5}), 1e-12);
        assertEquals(Double.NaN, BootstrapIntervals.variance(new double[] {1, Double.NaN}));
    }
}

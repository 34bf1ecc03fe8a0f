package org.fairhunt.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fairhunt.core.result.MetricEstimate;
import org.junit.jupiter.api.Test;

class MetricValueTest {
    @Test
    void defined_means_finite() {
        assertTrue(MetricValue.of(0.25).defined());
        assertTrue(MetricValue.of(-3).defined());
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            MetricValue m = MetricValue.of(v);
            assertFalse(m.defined(), "of(" + v + ")");
            assertTrue(Double.isNaN(m.value()));
        }
        assertEquals("the value is not finite (it overflows)", MetricValue.of(Double.POSITIVE_INFINITY).reason());
        assertEquals("the computation is undefined (0/0)", MetricValue.of(0.0 / 0.0).reason());
        assertEquals("no negatives", MetricValue.ratio(1, 0, "no negatives").reason());
    }

    @Test
    void an_estimate_is_a_finite_number_or_null_with_a_reason() {
        MetricEstimate e = new MetricEstimate(Double.NEGATIVE_INFINITY, null, null, null);
        assertNull(e.value());
        assertFalse(e.defined());
        assertEquals("the value is not finite", e.reason());
        assertTrue(new MetricEstimate(1e300, null, null, null).defined());
    }
}

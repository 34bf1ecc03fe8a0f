package org.fairhunt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void rates_get_three_decimals_and_small_values_three_significant_digits() {
        assertEquals("0.245", Formats.number(0.2451));
        assertEquals("1.000", Formats.number(1.0));
        assertEquals("0.000", Formats.number(0.0));
        assertEquals("0.0123", Formats.number(0.012345));
        assertEquals("12.35", Formats.number(12.345));
        assertEquals("412", Formats.number(412.0));
        assertEquals("-0.150", Formats.number(-0.15));
        assertEquals("—", Formats.number(Double.NaN));
    }

    @Test
    void interval_ends_show_the_width_to_one_significant_digit() {
        assertEquals("0.245 [0.22, 0.27]", Formats.estimate(0.245, 0.2213, 0.2702));
        // a narrow interval keeps enough decimals not to collapse
        assertEquals("0.2451 [0.2448, 0.2455]", Formats.estimate(0.2451, 0.24481, 0.24549));
        assertEquals("412 [380, 445]", Formats.estimate(412.0, 380.0, 445.0));
        assertEquals("4 [1, 8]", Formats.estimate(4.0, 1.0, 8.0));
        // a tiny value with a wide interval: the ends need not carry the value's many decimals
        assertEquals("0.00000579 [0.000, 0.265]", Formats.estimate(5.79e-6, 3.41e-5, 0.2652916));
        assertEquals("0.0123 [0.010, 0.015]", Formats.estimate(0.0123, 0.0101, 0.0149));
        // a ratio that happens to be whole keeps its decimals
        assertEquals("2.000 [0.95, 7.62]", Formats.estimate(2.0, 0.9512, 7.6189));
        assertEquals("0.250", Formats.estimate(0.25, null, 0.3));
    }

    @Test
    void rounding_never_shows_negative_zero() {
        assertEquals("0.000 [0.00, 0.56]", Formats.estimate(0.0, -1e-17, 0.5615));
    }

    @Test
    void p_values_below_a_thousandth_are_bounded() {
        assertEquals("< 0.001", Formats.pValue(0.0004));
        assertEquals("0.043", Formats.pValue(0.0431));
        assertEquals("—", Formats.pValue(null));
        assertEquals("95%", Formats.percent(0.95));
        assertEquals("99.5%", Formats.percent(0.995));
    }

    @Test
    void rounding_is_half_up_on_the_decimal_form_a_reader_sees() {
        assertEquals("1.01", Formats.fixed(1.005, 2)); // binary 1.00499999…, decimal 1.005
        assertEquals("0.13", Formats.fixed(0.125, 2));
        assertEquals("-0.13", Formats.fixed(-0.125, 2));
        assertEquals("3", Formats.fixed(2.5, 0));
        assertEquals("0.00", Formats.fixed(-0.001, 2));
        assertEquals("0.0010", Formats.fixed(0.00099999, 4));
        assertEquals("123456789012.3", Formats.fixed(123456789012.34, 1));
    }

    @Test
    void the_fast_path_agrees_with_exact_decimal_rounding_on_random_values() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            int decimals = rnd.nextInt(0, 9);
            double v = switch (i % 4) {
                case 0 -> rnd.nextDouble(-1, 1);
                case 1 -> rnd.nextDouble(-1e6, 1e6);
                // exact ties and their neighbours, where half-up matters
                case 2 -> (rnd.nextInt(-100_000, 100_000) + 0.5) / Math.pow(10, decimals);
                default -> Math.nextUp((rnd.nextInt(-100_000, 100_000) + 0.5) / Math.pow(10, decimals));
            };
            assertEquals(Formats.exact(v, decimals), Formats.fixed(v, decimals), v + " to " + decimals + " decimals");
        }
    }
}

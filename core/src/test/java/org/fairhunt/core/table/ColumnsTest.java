package org.fairhunt.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {
    private static final int M = CategoricalColumn.MISSING;

    private static int[] codes(CategoricalColumn c) {
        int[] out = new int[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.code(i);
        }
        return out;
    }

    @Test
    void small_integer_codes_get_levels_in_order_of_first_appearance_with_minus_zero_as_zero() {
        NumericColumn n = new NumericColumn("y", new double[] {1, 0, Double.NaN, -0.0, 5, 1, -3});
        CategoricalColumn c = Columns.toCategorical(n);
        assertEquals(List.of("1", "0", "5", "-3"), c.levels());
        assertArrayEquals(new int[] {0, 1, M, 1, 2, 0, 3}, codes(c));
    }

    @Test
    void fractions_infinities_and_wide_ranges_are_encoded_by_their_printed_text() {
        CategoricalColumn frac = Columns.toCategorical(new NumericColumn("s", new double[] {0.5, 1, 0.5, Double.NaN}));
        assertEquals(List.of("0.5", "1"), frac.levels());
        assertArrayEquals(new int[] {0, 1, 0, M}, codes(frac));
        CategoricalColumn inf = Columns.toCategorical(new NumericColumn("s", new double[] {1, Double.POSITIVE_INFINITY, 1}));
        assertEquals(List.of("1", "Infinity"), inf.levels());
        assertArrayEquals(new int[] {0, 1, 0}, codes(inf));
        CategoricalColumn wide = Columns.toCategorical(new NumericColumn("n", new double[] {0, 1e9, 0, 70000}));
        assertEquals(List.of("0", "1000000000", "70000"), wide.levels());
        assertArrayEquals(new int[] {0, 1, 0, 2}, codes(wide));
    }

    @Test
    void an_all_missing_numeric_column_has_no_levels() {
        CategoricalColumn c = Columns.toCategorical(new NumericColumn("y", new double[] {Double.NaN, Double.NaN}));
        assertEquals(List.of(), c.levels());
        assertArrayEquals(new int[] {M, M}, codes(c));
    }
}

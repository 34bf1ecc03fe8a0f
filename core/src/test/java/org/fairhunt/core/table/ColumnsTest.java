package org.fairhunt.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * A numeric column read from text keeps the reader's codes; its categorical view, made from them, equals the
     * view made from its doubles (the direct index of small integers, or the printed text): levels in order of first
     * appearance, two spellings of one number ({@code 1}, {@code 1.0}; {@code -0}, {@code 0}) as one level.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0/1", "spellings", "ratings", "fractions", "infinity",
        "wide", "huge", "mostly missing"})
    void a_dictionary_column_gets_the_view_of_its_doubles(String kind) {
        List<String> pool = switch (kind) {
            case "0/1" -> List.of("1", "NA", "0");
            case "spellings" -> List.of("1.0", "0", "1", "-0", "0.0", "", "2e0");
            case "ratings" -> List.of("5", "3", "4", "1", "2", "-7");
            case "fractions" -> List.of("0.5", "1", "", "0");
            case "infinity" -> List.of("1", "inf", "0");
            case "wide" -> List.of("0", "70000", "1");
            case "huge" -> List.of("1e19", "10000000000000002048", "1e300");
            default -> List.of("", "NA", "NA", "3");
        };
        java.util.Random rnd = new java.util.Random(kind.hashCode());
        for (int rows : new int[] {1, 5, 300}) {
            TableBuilder b = new TableBuilder("t", List.of("y"));
            for (int i = 0; i < rows; i++) {
                // the first row's value is never missing, so that the column is numeric
                b.addRow(new String[] {pool.get(i == 0 ? pool.size() - 1 : rnd.nextInt(pool.size()))});
            }
            NumericColumn coded = (NumericColumn) b.build().column("y");
            assertTrue(coded.codesUnsafe() != null, "a dictionary column");
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = coded.value(i);
            }
            CategoricalColumn expected = Columns.toCategorical(new NumericColumn("y", values));
            CategoricalColumn actual = Columns.toCategorical(coded);
            assertEquals(expected.levels(), actual.levels(), kind + ", " + rows + " rows");
            assertArrayEquals(codes(expected), codes(actual), kind + ", " + rows + " rows");
            assertArrayEquals(values, coded.valuesUnsafe());
        }
    }

    /** A value replaced in its row leaves a level no row holds: it is no level of the view. */
    @Test
    void a_dictionary_value_that_no_row_holds_is_not_a_level() {
        TableBuilder b = new TableBuilder("t", List.of("y"));
        b.startRow();
        b.set(0, "7");
        b.set(0, "1");
        b.addRow(new String[] {"0"});
        NumericColumn coded = (NumericColumn) b.build().column("y");
        assertTrue(coded.codesUnsafe() != null, "a dictionary column");
        CategoricalColumn c = Columns.toCategorical(coded);
        assertEquals(List.of("1", "0"), c.levels());
        assertArrayEquals(new int[] {0, 1}, codes(c));
    }

    /** An infinite score is refused at its row whether the column keeps its dictionary or holds doubles. */
    @Test
    void an_infinite_value_of_a_dictionary_column_is_refused_at_its_row() {
        TableBuilder b = new TableBuilder("f.csv", List.of("s"));
        for (String v : new String[] {"0.5", "", "0.25", "-inf", "0.5"}) {
            b.addRow(new String[] {v});
        }
        Table coded = b.build();
        assertTrue(coded.numeric("s").codesUnsafe() != null, "a dictionary column");
        double[] values = new double[5];
        for (int i = 0; i < 5; i++) {
            values[i] = coded.numeric("s").value(i);
        }
        Table plain = new Table("f.csv", List.of(new NumericColumn("s", values)));
        String expected = org.junit.jupiter.api.Assertions.assertThrows(org.fairhunt.core.RowInputException.class,
                () -> plain.finite("s", "score")).getMessage();
        String actual = org.junit.jupiter.api.Assertions.assertThrows(org.fairhunt.core.RowInputException.class,
                () -> coded.finite("s", "score")).getMessage();
        assertEquals(expected, actual);
        assertTrue(actual.contains("row 4") || actual.contains("4"), actual);

        TableBuilder fine = new TableBuilder("g.csv", List.of("s"));
        fine.addRow(new String[] {"0.5"});
        fine.addRow(new String[] {"NA"});
        Table t = fine.build();
        assertEquals(t.numeric("s"), t.finite("s", "score"));
    }
}

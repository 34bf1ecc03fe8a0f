package org.fairhunt.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairhunt.core.UserInputException;
import org.junit.jupiter.api.Test;

class TableBuilderTest {
    private static final int MANY = TableBuilder.MAX_NUMERIC_DICTIONARY + 5000;

    private static void setBytes(TableBuilder b, int column, String value) {
        // Surround the value with other bytes so that offsets matter.
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[v.length + 6];
        System.arraycopy(v, 0, buf, 3, v.length);
        buf[0] = 'x';
        buf[buf.length - 1] = 'y';
        b.set(column, buf, 3, v.length);
    }

    @Test
    void a_numeric_column_beyond_the_dictionary_limit_keeps_every_value() {
        TableBuilder b = new TableBuilder("t", List.of("v"));
        for (int i = 0; i < MANY; i++) {
            b.startRow();
            if (i % 1000 != 7) {
                setBytes(b, 0, i + ".25");
            }
        }
        NumericColumn v = (NumericColumn) b.build().column("v");
        assertEquals(MANY, v.size());
        for (int i = 0; i < MANY; i++) {
            assertEquals(i % 1000 == 7 ? Double.NaN : i + 0.25, v.value(i), "row " + i);
        }
    }

    @Test
    void text_after_the_dictionary_was_dropped_restores_it_from_the_numbers() {
        TableBuilder b = new TableBuilder("t", List.of("v"));
        for (int i = 0; i < MANY; i++) {
            b.startRow();
            if (i == 3) {
                continue; // missing
            }
            b.set(0, i == 0 ? "1.50" : Integer.toString(i));
        }
        b.startRow();
        setBytes(b, 0, "unknown");
        b.startRow();
        setBytes(b, 0, "17");
        Column c = b.build().column("v");
        assertTrue(c instanceof CategoricalColumn);
        CategoricalColumn cat = (CategoricalColumn) c;
        assertEquals(MANY + 2, cat.size());
        // Levels come back as NumericColumn.format prints the numbers: "1.50" reads "1.5" (documented).
        assertEquals("1.5", cat.text(0));
        assertEquals("2", cat.text(2));
        assertEquals(null, cat.text(3));
        assertEquals(Integer.toString(MANY - 1), cat.text(MANY - 1));
        assertEquals("unknown", cat.text(MANY));
        assertEquals("17", cat.text(MANY + 1));
        assertEquals(cat.code(17), cat.code(MANY + 1));
        // Distinct values: 1.5, the MANY - 2 integers 1..MANY-1 without 3, and "unknown".
        assertEquals(1 + (MANY - 2) + 1, cat.levelCount());
    }

    @Test
    void a_column_hinted_categorical_never_drops_its_dictionary() {
        TableBuilder b = new TableBuilder("t", List.of("v"), Map.of("v", ColumnType.CATEGORICAL), TableBuilder.DEFAULT_MISSING);
        for (int i = 0; i < MANY; i++) {
            b.startRow();
            setBytes(b, 0, i + ".50");
        }
        CategoricalColumn c = (CategoricalColumn) b.build().column("v");
        assertEquals(MANY, c.levelCount());
        assertEquals("12.50", c.text(12));
    }

    @Test
    void a_column_hinted_numeric_refuses_text_before_and_after_the_limit() {
        TableBuilder small = new TableBuilder("t", List.of("v"), Map.of("v", ColumnType.NUMERIC), TableBuilder.DEFAULT_MISSING);
        small.startRow();
        small.set(0, "1");
        small.startRow();
        UserInputException e = assertThrows(UserInputException.class, () -> small.set(0, "high"));
        assertEquals("'high' is not a number, but column 'v' must be numeric", e.getMessage());

        TableBuilder big = new TableBuilder("t", List.of("v"), Map.of("v", ColumnType.NUMERIC), TableBuilder.DEFAULT_MISSING);
        for (int i = 0; i < MANY; i++) {
            big.startRow();
            big.set(0, Integer.toString(i));
        }
        big.startRow();
        assertThrows(UserInputException.class, () -> setBytes(big, 0, "high"));
        assertThrows(UserInputException.class, () -> big.set(0, "high"));
    }

    @Test
    void byte_and_string_paths_build_the_same_table() {
        SplittableRandom random = new SplittableRandom(42);
        String[] pool = {"", "NA", "0", "1", "-2.5", "1e3", "a", "Zürich", "東京", "1d", "0x1F", "inf", ".5", "5.", "NaN"};
        List<String> names = List.of("numbers", "mixed", "text", "sparse");
        Map<String, ColumnType> hints = Map.of("text", ColumnType.TEXT);
        TableBuilder viaStrings = new TableBuilder("t", names, hints, TableBuilder.DEFAULT_MISSING);
        TableBuilder viaBytes = new TableBuilder("t", names, hints, TableBuilder.DEFAULT_MISSING);
        for (int row = 0; row < 5000; row++) {
            String[] fields = {
                random.nextInt(10) == 0 ? "" : Double.toString(random.nextInt(2000) / 8.0),
                pool[random.nextInt(pool.length)],
                pool[random.nextInt(pool.length)] + random.nextInt(3),
                random.nextInt(50) == 0 ? Integer.toString(random.nextInt(100_000)) : "NA",
            };
            viaStrings.addRow(fields);
            viaBytes.startRow();
            for (int k = 0; k < fields.length; k++) {
                setBytes(viaBytes, k, fields[k]);
            }
        }
        Table a = viaStrings.build();
        Table b = viaBytes.build();
        assertEquals(ColumnType.NUMERIC, a.column("numbers").type());
        assertEquals(ColumnType.CATEGORICAL, a.column("mixed").type());
        assertEquals(ColumnType.NUMERIC, a.column("sparse").type());
        for (String name : names) {
            Column x = a.column(name);
            Column y = b.column(name);
            assertEquals(x.type(), y.type(), name);
            for (int i = 0; i < x.size(); i++) {
                assertEquals(x.text(i), y.text(i), name + " row " + i);
            }
        }
    }

    @Test
    void declared_levels_keep_their_order_even_when_numeric_looking() {
        TableBuilder b = new TableBuilder("t", List.of("c"));
        b.declareLevels(0, List.of("1", "0", "2"));
        b.startRow();
        setBytes(b, 0, "0");
        b.startRow();
        b.set(0, "1");
        CategoricalColumn c = (CategoricalColumn) b.build().column("c");
        assertEquals(List.of("1", "0", "2"), c.levels());
        assertArrayEquals(new int[] {1, 0}, c.codesUnsafe());
    }

    @Test
    void a_column_added_later_is_missing_in_earlier_rows() {
        TableBuilder b = new TableBuilder("t", List.of("a"));
        for (int i = 0; i < 3000; i++) {
            b.startRow();
            b.set(0, "x");
        }
        int k = b.addColumn("late");
        b.startRow();
        b.set(k, "7");
        Table t = b.build();
        NumericColumn late = (NumericColumn) t.column("late");
        assertEquals(3001, late.size());
        assertEquals(3000, late.missingCount());
        assertEquals(7, late.value(3000));
        assertEquals(List.of("a", "late"), t.columnNames());
        assertThrows(IllegalArgumentException.class, () -> b.addColumn("a"));
    }

    @Test
    void appending_column_by_column_treats_quoted_values_as_data() {
        TableBuilder b = new TableBuilder("t", List.of("team", "n"));
        byte[] buf = "NA\"\"7".getBytes(StandardCharsets.UTF_8);
        // Column 0: NA unquoted (missing), NA quoted (the text), empty quoted (missing).
        b.append(0, buf, 0, 2, false);
        b.append(0, buf, 0, 2, true);
        b.append(0, buf, 2, 0, true);
        b.append(1, buf, 4, 1, false);
        b.append(1, buf, 2, 0, false);
        b.append(1, buf, 4, 1, true);
        b.addRows(3);
        Table t = b.build();
        assertArrayEquals(new String[] {null, "NA", null}, new String[] {t.column("team").text(0), t.column("team").text(1),
            t.column("team").text(2)});
        assertArrayEquals(new double[] {7, Double.NaN, 7}, ((NumericColumn) t.column("n")).valuesUnsafe());
    }

    @Test
    void reserving_too_few_or_too_many_rows_changes_nothing_but_memory() {
        for (int reserved : new int[] {10, 5000, 100_000}) {
            TableBuilder b = new TableBuilder("t", List.of("x", "g"), Map.of("g", ColumnType.TEXT), TableBuilder.DEFAULT_MISSING);
            b.addRow(new String[] {"0", "a"});
            b.reserve(reserved);
            for (int i = 1; i < 5000; i++) {
                b.addRow(new String[] {Integer.toString(i), i % 2 == 0 ? "a" : null});
            }
            Table t = b.build();
            assertEquals(5000, t.rowCount());
            assertEquals(4999, ((NumericColumn) t.column("x")).value(4999));
            assertEquals("a", t.column("g").text(4998));
            assertEquals(null, t.column("g").text(4999));
        }
    }

    @Test
    void building_with_columns_of_unequal_length_is_a_bug_caught_early() {
        TableBuilder b = new TableBuilder("t", List.of("a", "b"));
        byte[] one = {'1'};
        b.append(0, one, 0, 1, false);
        b.addRows(1);
        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void invalid_utf8_bytes_are_refused_not_replaced() {
        TableBuilder b = new TableBuilder("t", List.of("name"));
        b.startRow();
        byte[] latin1 = "José".getBytes(StandardCharsets.ISO_8859_1);
        UserInputException e = assertThrows(UserInputException.class, () -> b.set(0, latin1, 0, latin1.length));
        assertEquals("the value in column 'name' is not valid UTF-8 (bytes 4a 6f 73 e9); save the file as UTF-8", e.getMessage());
    }

    @Test
    void all_missing_column_is_categorical_without_levels_unless_hinted() {
        TableBuilder b = new TableBuilder("t", List.of("a", "b"), Map.of("b", ColumnType.NUMERIC), TableBuilder.DEFAULT_MISSING);
        b.addRow(new String[] {"NA", ""});
        b.addRow(new String[] {"", null});
        Table t = b.build();
        assertEquals(0, ((CategoricalColumn) t.column("a")).levelCount());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, ((NumericColumn) t.column("b")).valuesUnsafe());
    }
}

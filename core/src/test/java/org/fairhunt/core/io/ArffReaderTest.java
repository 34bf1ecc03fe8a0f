package org.fairhunt.core.io;

import static org.fairhunt.core.io.TestFiles.assertFails;
import static org.fairhunt.core.io.TestFiles.read;
import static org.fairhunt.core.io.TestFiles.resource;
import static org.fairhunt.core.io.TestFiles.sharedData;
import static org.fairhunt.core.io.TestFiles.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.MustRun;
import org.junit.jupiter.api.Test;

class ArffReaderTest {

    @Test
    void quotes_comments_escapes_and_missing_values_are_read() {
        Table t = read("arff/features.arff");
        assertEquals(List.of("id", "sex", "score", "note", "when", "class"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertArrayEquals(new double[] {1, 2, 3}, t.numeric("id").valuesUnsafe());
        CategoricalColumn sex = (CategoricalColumn) t.column("sex");
        assertEquals(List.of("female", "male", "non binary"), sex.levels());
        assertArrayEquals(new int[] {0, 2, CategoricalColumn.MISSING}, sex.codesUnsafe());
        assertArrayEquals(new double[] {0.5, Double.NaN, 100}, t.numeric("score").valuesUnsafe());
        // A string attribute is text; a quoted '?' is a value, not missing.
        assertEquals(ColumnType.TEXT, t.column("note").type());
        assertArrayEquals(new String[] {"it's fine", "say \"hi\"", "?"}, texts(t.column("note")));
        assertEquals(ColumnType.CATEGORICAL, t.column("when").type());
        assertArrayEquals(new String[] {"2024-01-31", null, "2024-02-01"}, texts(t.column("when")));
        assertArrayEquals(new String[] {"good", "bad", "good"}, texts(t.column("class")));
    }

    @Test
    void sparse_rows_leave_numbers_at_zero_and_nominals_at_their_first_value() {
        Table t = read("arff/sparse.arff");
        assertArrayEquals(new double[] {0, 0, Double.NaN, 2}, t.numeric("x").valuesUnsafe());
        assertArrayEquals(new double[] {5, 0, 0, 3}, t.numeric("y").valuesUnsafe());
        assertArrayEquals(new String[] {"hi", "lo", "lo", "hi"}, texts(t.column("c")));
    }

    @Test
    void a_hint_overrides_the_declared_type() {
        Table t = TableReaders.read(resource("arff/features.arff"), ReadOptions.defaults()
                .withTypeHint("note", ColumnType.CATEGORICAL).withTypeHint("id", ColumnType.CATEGORICAL));
        assertEquals(List.of("?", "it's fine", "say \"hi\""), ((CategoricalColumn) t.column("note")).levels());
        assertEquals(List.of("1", "2", "3"), ((CategoricalColumn) t.column("id")).levels());
    }

    @Test
    void a_value_outside_the_declared_set_lists_the_allowed_values() {
        assertFails("arff/bad_nominal.arff", 6, 2,
                "'blue' is not a declared value of attribute 'colour'; allowed: 'red', 'green', 'dark blue'");
    }

    @Test
    void a_non_number_in_a_numeric_attribute_is_refused() {
        assertFails("arff/bad_numeric.arff", 6, 1, "'five' is not a number, but attribute 'a' is numeric");
    }

    @Test
    void rows_with_the_wrong_number_of_values_are_refused() {
        assertFails("arff/too_few.arff", 7, 3, "line 7 has 2 values; 3 attributes are declared");
        assertFails("arff/too_many.arff", 5, 3, "line 5 has more than 2 values; 2 attributes are declared");
    }

    @Test
    void unsupported_features_say_so() {
        assertFails("arff/weights.arff", 5, 3, "not supported: instance weights ({...} after the values)");
        assertFails("arff/relational.arff", 2, 16, "not supported: relational attribute 'bag'");
        assertFails("arff/sparse_string.arff", 5, 2,
                "sparse row leaves out string attribute 't'; its value cannot be told (give it explicitly)");
    }

    @Test
    void header_mistakes_are_refused() {
        assertFails("arff/no_data.arff", 2, 0, "no @data line; the file ends inside the header");
        assertFails("arff/unknown_type.arff", 2, 14,
                "unknown type 'numerical' for attribute 'a'; expected numeric, real, integer, string, date or {value,...}");
        assertFails("arff/duplicate_attribute.arff", 4, 0, "attribute 'a' is declared twice (attributes 1 and 3)");
        assertFails("arff/unclosed_quote.arff", 5, 0, "quote opened at character 3 is never closed on this line");
        assertFails("arff/empty_nominal.arff", 2, 14, "attribute 'c' declares no values; a nominal attribute needs at least one");
    }

    /**
     * credit-g as Weka ships it, cut to its first 300 rows ({@code io/real/credit-g-300.arff}, see the README
     * there). Expected cells are read off the file; counts by {@code awk -F, '{print $9}' | sort | uniq -c}.
     */
    @Test
    @MustRun
    void credit_g_reads_with_declared_levels_and_hand_checked_cells() {
        Table t = TableReaders.read(resource("real/credit-g-300.arff"));
        assertEquals(300, t.rowCount());
        checkCreditGHeaderAndFirstRows(t);
        // Row 300: '0<=X<200',21,'critical/other existing credit',furniture/equipment,2745,...,32,...,good
        assertEquals("furniture/equipment", t.column("purpose").text(299));
        assertEquals(2745, t.numeric("credit_amount").value(299));
        assertEquals(32, t.numeric("age").value(299));
        // Declared order kept, the unused level 'female single' included.
        CategoricalColumn status = (CategoricalColumn) t.column("personal_status");
        assertEquals(List.of("male div/sep", "female div/dep/mar", "male single", "male mar/wid", "female single"), status.levels());
        assertArrayEquals(new int[] {17, 86, 172, 25, 0, 0}, status.counts());
        assertArrayEquals(new int[] {220, 80, 0}, ((CategoricalColumn) t.column("class")).counts());
    }

    /** The whole file, when the optional shared data folder has it (the fixture above always runs). */
    @Test
    void credit_g_full_file_when_the_shared_data_is_present() {
        Path file = sharedData("credit-g.arff");
        if (file == null) {
            return; // nothing more to check than the fixture does; see SharedData
        }
        Table t = TableReaders.read(file);
        assertEquals(1000, t.rowCount());
        checkCreditGHeaderAndFirstRows(t);
        // Last row: '0<=X<200',45,'critical/other existing credit','used car',4576,...,27,...,good
        assertEquals("used car", t.column("purpose").text(999));
        assertEquals(4576, t.numeric("credit_amount").value(999));
        assertEquals(27, t.numeric("age").value(999));
        // Counts by grep on the file.
        CategoricalColumn status = (CategoricalColumn) t.column("personal_status");
        assertArrayEquals(new int[] {50, 310, 548, 92, 0, 0}, status.counts());
        assertArrayEquals(new int[] {700, 300, 0}, ((CategoricalColumn) t.column("class")).counts());
    }

    private static void checkCreditGHeaderAndFirstRows(Table t) {
        assertEquals(21, t.columnNames().size());
        assertEquals("checking_status", t.columnNames().get(0));
        assertEquals("class", t.columnNames().get(20));
        // Row 1: '<0',6,'critical/other existing credit',radio/tv,1169,...,67,...,good
        assertEquals("<0", t.column("checking_status").text(0));
        assertEquals(6, t.numeric("duration").value(0));
        assertEquals("critical/other existing credit", t.column("credit_history").text(0));
        assertEquals("radio/tv", t.column("purpose").text(0));
        assertEquals(1169, t.numeric("credit_amount").value(0));
        assertEquals(67, t.numeric("age").value(0));
        assertEquals("good", t.column("class").text(0));
        // Row 2: '0<=X<200',48,...,'female div/dep/mar',...,22,...,bad
        assertEquals("0<=X<200", t.column("checking_status").text(1));
        assertEquals("female div/dep/mar", t.column("personal_status").text(1));
        assertEquals(22, t.numeric("age").value(1));
        assertEquals("bad", t.column("class").text(1));
    }
}

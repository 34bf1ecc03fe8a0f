package org.fairhunt.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.fairhunt.core.DataFormatException;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.NaturalOrder;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.junit.jupiter.api.Test;

/**
 * The reader finds a value its column has seen before from the value's bytes alone (its first and last eight
 * bytes and its length, up to 16 bytes). Generated files whose every cell is known (quoted or not, missing
 * tokens, CRLF and lone CR line ends, values that first appear late, more distinct values than the table of
 * short keys holds, values that share their first or last eight bytes or differ only in length) must read
 * back cell for cell, whether the bytes arrive at once or a few at a time; the expected cells come from the
 * generator, not from the reader.
 */
class CsvKnownValuesTest {
    /** Values of 1-16 bytes that share prefixes, suffixes, or all their bytes but one or their length. */
    private static final String[] CLOSE = {
        "a", "aa", "aaaaaaa", "aaaaaaaa", "aaaaaaaaa", "aaaaaaaaaa", "aaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa",
        "age_65_plus", "age_18_to_29", "age_18_to_30", "age_30_to_44", "prefix12", "prefix12_x1", "prefix12_x2",
        "x_prefix12_x1", "0123456789abcdef", "0123456789abcdeF", "1123456789abcdef", "v\u00e9", "\u65e5\u672c",
        "female", "male", "NAN", "N", "na",
    };

    private record Cell(String text, boolean quoted) {
        /** What the reader must give: unquoted empty or NA and quoted empty are missing. */
        String expected() {
            if (text.isEmpty() || (!quoted && text.equals("NA"))) {
                return null;
            }
            return text;
        }
    }

    /** One column: its name, how its cells are drawn (by row), whether it reads as numbers. */
    private record Spec(String name, IntFunction<Cell> cells, boolean numeric) {
    }

    private static List<Spec> specs(SplittableRandom random, int rows) {
        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec("close", r -> cell(random, CLOSE[random.nextInt(CLOSE.length)]), false));
        specs.add(new Spec("quoted\"name", r -> new Cell(CLOSE[random.nextInt(CLOSE.length)], true), false));
        // More distinct short values than the table of short keys holds (65,536): the rest by the full dictionary.
        specs.add(new Spec("many", r -> cell(random, "k" + Integer.toString(random.nextInt(1_000_000), 36)), false));
        // Long values sharing a 20-byte prefix, and one that first appears after the first buffers.
        specs.add(new Spec("long", r -> cell(random, "a long shared prefix " + random.nextInt(r < rows - 1000 ? 5 : 7)), false));
        specs.add(new Spec("late", r -> cell(random, r < rows - 500 ? "early" : random.nextBoolean() ? "late" : "early"), false));
        String[] tricky = {"a,b\n\"c\"\r\nd", "NA", "x", "", "\"q\""};
        specs.add(new Spec("tricky", r -> {
            String text = tricky[random.nextInt(tricky.length)];
            return new Cell(text, random.nextBoolean() || text.length() > 2);
        }, false));
        specs.add(new Spec("y", r -> cell(random, Integer.toString(random.nextInt(2))), true));
        specs.add(new Spec("score", r -> cell(random, String.format(Locale.ROOT, "%.4f", random.nextInt(10_001) / 10_000.0)), true));
        // Numbers until a text value comes late: the column becomes categorical and keeps each number's text.
        specs.add(new Spec("turns", r -> cell(random, r == rows - 3 ? "text" : random.nextBoolean() ? "1.50" : "02"), false));
        for (int k = 0; k < 12; k++) { // a header wider than the reader's first field arrays
            specs.add(new Spec("f\"\"" + k, r -> cell(random, "v" + random.nextInt(9)), false));
        }
        return specs;
    }

    private static Cell cell(SplittableRandom random, String text) {
        int dice = random.nextInt(40);
        if (dice == 0) {
            return new Cell("", false);
        }
        if (dice == 1) {
            return new Cell("NA", false);
        }
        return new Cell(text, dice < 5);
    }

    private static String field(String text, boolean quoted) {
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    @Test
    void every_cell_reads_back_as_written_at_once_and_trickled() throws IOException {
        check(80_000, 1, false); // about 6 MB: several buffers, column workers, 77,000 distinct "many" values
        check(3_000, 2, true);
    }

    private static void check(int rows, long seed, boolean trickle) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<Spec> specs = specs(random, rows);
        String[] ends = {"\n", "\r\n", "\r"};
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < specs.size(); k++) {
            sb.append(k == 0 ? "" : ",").append(field(specs.get(k).name(), k == 1 || k > 8));
        }
        sb.append('\n');
        List<List<String>> expected = new ArrayList<>();
        for (Spec s : specs) {
            expected.add(new ArrayList<>(rows));
        }
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < specs.size(); k++) {
                Cell c = specs.get(k).cells().apply(r);
                if (k == 0 && c.text().isEmpty() && !c.quoted()) {
                    c = new Cell("NA", false); // an empty first field could make a blank line of a one-column file
                }
                sb.append(k == 0 ? "" : ",").append(field(c.text(), c.quoted()));
                expected.get(k).add(c.expected());
            }
            sb.append(r == rows - 1 && random.nextBoolean() ? "" : ends[random.nextInt(ends.length)]);
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        InputStream in = new ByteArrayInputStream(bytes);
        if (trickle) {
            in = new TestFiles.Trickle(in, seed);
        }
        Table t = TableReaders.read(in, "known.csv", Format.CSV, ReadOptions.defaults());
        assertEquals(rows, t.rowCount());
        for (int k = 0; k < specs.size(); k++) {
            Spec s = specs.get(k);
            assertEquals(s.name(), t.columns().get(k).name());
            Column c = t.columns().get(k);
            List<String> want = expected.get(k);
            if (s.numeric()) {
                NumericColumn n = assertInstanceOf(NumericColumn.class, c, s.name());
                for (int r = 0; r < rows; r++) {
                    double v = want.get(r) == null ? Double.NaN : Double.parseDouble(want.get(r));
                    if (Double.compare(v, n.value(r)) != 0) {
                        assertEquals(v, n.value(r), s.name() + " row " + r);
                    }
                }
                continue;
            }
            CategoricalColumn cat = assertInstanceOf(CategoricalColumn.class, c, s.name());
            TreeSet<String> levels = new TreeSet<>(NaturalOrder.INSTANCE);
            for (int r = 0; r < rows; r++) {
                String w = want.get(r);
                if (!Objects.equals(w, cat.text(r))) {
                    assertEquals(w, cat.text(r), s.name() + " row " + r);
                }
                if (w != null) {
                    levels.add(w);
                }
            }
            assertEquals(List.copyOf(levels), cat.levels(), s.name());
        }
    }

    @Test
    void a_known_value_does_not_hide_a_later_error_in_its_column() {
        // 40,000 known values, then a text value in a column that must be numeric: line and column named.
        StringBuilder sb = new StringBuilder("g,score\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append(i % 2 == 0 ? "female" : "male").append(',').append(i % 3).append('\n');
        }
        sb.append("female,high\n");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
                () -> TableReaders.read(new ByteArrayInputStream(bytes), "late.csv", Format.CSV,
                        ReadOptions.defaults().withTypeHint("score", ColumnType.NUMERIC)));
        assertEquals("late.csv:40002:2: 'high' is not a number, but column 'score' must be numeric", e.getMessage());
    }
}

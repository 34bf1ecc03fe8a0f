package org.fairhunt.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.fairhunt.core.metric.BinaryOutcome;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AucPassSortTest {

    /** Both paths (binary insertion below 4096 rows, radix above) against a stable comparison sort of doubles. */
    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {0, 1, 7, 100, 4095, 4096, 20000})
    void sorts_scores_in_numeric_order_and_keeps_tied_rows_in_row_order(int n) {
        Random rnd = new Random(n);
        double[] pool = {-1e300, -2.5, -0.0, 0.0, 1e-300, 0.25, 0.5, 1, 3e10, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        double[] scores = new double[n];
        long[] keys = new long[n];
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = rnd.nextBoolean() ? pool[rnd.nextInt(pool.length)] : rnd.nextGaussian();
            keys[i] = AucPass.sortableBits(scores[i]);
            index[i] = i;
        }
        AucPass.radixSort(keys, index);
        Integer[] expected = new Integer[n];
        for (int i = 0; i < n; i++) {
            expected[i] = i;
        }
        // -0.0 and 0.0 tie (== is the AUC's notion of a tie); Arrays.sort of objects is stable.
        Arrays.sort(expected, Comparator.comparingDouble(i -> scores[i] == 0 ? 0.0 : scores[i]));
        assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), index);
        for (int q = 1; q < n; q++) {
            assertTrue(keys[q - 1] <= keys[q]);
        }
    }

    /**
     * The rows in score order as the AUC walk reads them, on both paths (the counting sort of scaled decimals and
     * the radix sort of bits, chosen by the scores), against a stable comparison sort of the doubles: each row's
     * atom, label, cluster key and weight, and a tie flag on exactly the last row of each run of equal scores.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4 decimals", "integers", "2 decimals then 5", "8 decimals", "wide range", "signed zeros",
        "one score", "few rows"})
    void sorted_rows_equal_a_stable_comparison_sort(String kind) {
        Random rnd = new Random(kind.hashCode());
        Table t = scores(kind, rnd);
        int n = t.rowCount();
        double[] s = t.numeric("s").valuesUnsafe();
        BinaryOutcome y = BinaryOutcome.of(t, "y", null);
        int[] atomOfRow = new int[n];
        long[] cluster = new long[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            atomOfRow[i] = rnd.nextInt(17);
            cluster[i] = rnd.nextLong();
            weight[i] = rnd.nextInt(5) / 4.0;
        }
        AucPass.Sorted sorted = AucPass.Sorted.of(s, y, AucPass.Scaled.of(s, y), atomOfRow, weight, cluster);

        List<Integer> usable = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (y.value(i) >= 0 && !Double.isNaN(s[i])) {
                usable.add(i);
            }
        }
        // List.sort is stable; -0.0 and 0.0 tie (== is the AUC's notion of a tie).
        usable.sort(Comparator.comparingDouble(i -> s[i] == 0 ? 0.0 : s[i]));
        int m = usable.size();
        assertEquals(m, sorted.atom().length);
        for (int q = 0; q < m; q++) {
            int i = usable.get(q);
            assertEquals(atomOfRow[i], sorted.atom()[q], "atom at " + q);
            assertEquals(cluster[i], sorted.clusterKey()[q], "cluster at " + q);
            assertEquals(weight[i], sorted.weight()[q], "weight at " + q);
            boolean last = q == m - 1 || s[usable.get(q + 1)] != s[i];
            int expected = (y.value(i) == 1 ? 1 : 0) | (last ? 2 : 0);
            assertEquals(expected, sorted.flags()[q], "flags at " + q);
        }
    }

    /** A label {@code y} and scores {@code s} of the given kind, as a reader builds them (from their text). */
    private static Table scores(String kind, Random rnd) {
        int n = kind.equals("few rows") ? 50 : 30000;
        String[] text = new String[n];
        for (int i = 0; i < n; i++) {
            text[i] = switch (kind) {
                case "4 decimals" -> String.format("%.4f", rnd.nextDouble());
                case "integers" -> Integer.toString(rnd.nextInt(200) - 100);
                case "2 decimals then 5" -> i < 1000 ? String.format("%.2f", rnd.nextDouble() * 0.1)
                        : String.format("%.5f", rnd.nextDouble() * 0.2 - 0.1);
                case "8 decimals" -> String.format("%.8f", rnd.nextDouble());
                case "wide range" -> Integer.toString(rnd.nextInt(2_000_000_000) - 1_000_000_000);
                case "signed zeros" -> List.of("-0.0", "0", "0.5", "-0.5", "1e-3").get(rnd.nextInt(5));
                case "one score" -> "0.25";
                default -> String.format("%.3f", rnd.nextDouble());
            };
            if (rnd.nextInt(30) == 0) {
                text[i] = "";
            }
        }
        TableBuilder b = new TableBuilder("sort-" + kind, List.of("y", "s"));
        for (int i = 0; i < n; i++) {
            b.addRow(new String[] {rnd.nextInt(40) == 0 ? "" : Integer.toString(rnd.nextInt(2)), text[i]});
        }
        Table t = b.build();
        return t;
    }

    /**
     * A score column read from text keeps the reader's dictionary when its values repeat; scaling it once per distinct
     * value gives what scaling each row's double does (the same integers, range and count, or {@code null} alike).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4 decimals", "integers", "2 decimals then 5", "8 decimals", "wide range", "signed zeros",
        "one score", "few rows"})
    void scaling_the_dictionary_equals_scaling_the_doubles(String kind) {
        Table t = scores(kind, new Random(kind.hashCode()));
        NumericColumn column = t.numeric("s");
        BinaryOutcome y = BinaryOutcome.of(t, "y", null);
        double[] doubles = new double[t.rowCount()];
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = column.value(i);
        }
        AucPass.Scaled expected = AucPass.Scaled.of(doubles, y);
        AucPass.Scaled actual = AucPass.Scaled.of(column, y);
        assertTrue(column.codesUnsafe() != null, "a dictionary column");
        if (expected == null) {
            assertEquals(null, actual);
            return;
        }
        assertArrayEquals(expected.code(), actual.code());
        assertEquals(expected.min(), actual.min());
        assertEquals(expected.buckets(), actual.buckets());
        assertEquals(expected.usable(), actual.usable());
    }

    /**
     * The point estimate of unweighted rows with a dictionary-encoded score (counted by level in one pass) equals, bit
     * for bit, the one from the same scores held as doubles (scaled row by row, then counted), in every slice: two
     * spellings of one score, labels missing at the lowest and highest scores (the usable range is narrower than the
     * levels'), no usable row at all, and a range too wide for the histogram.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3 decimals", "spellings", "labels missing at the ends", "no usable rows", "wide range",
        "few rows"})
    void counting_by_level_equals_counting_scaled_rows(String kind) {
        Random rnd = new Random(kind.hashCode());
        int n = kind.equals("few rows") ? 40 : 20000;
        TableBuilder b = new TableBuilder("levels-" + kind, List.of("y", "s", "a", "b"));
        for (int i = 0; i < n; i++) {
            String score = switch (kind) {
                case "spellings" -> List.of("0.5", "0.50", "0.25", "1", "1.0", "0").get(rnd.nextInt(6));
                case "labels missing at the ends" -> i % 50 == 0 ? "0.01" : i % 50 == 1 ? "0.99"
                        : String.format("%.2f", 0.1 + 0.8 * rnd.nextDouble());
                case "wide range" -> Integer.toString(rnd.nextInt(2_000_000_000));
                case "few rows" -> String.format("%.1f", rnd.nextDouble());
                default -> String.format("%.3f", rnd.nextDouble());
            };
            // no usable rows: a label only where the score is missing, and the other way round
            boolean none = kind.equals("no usable rows");
            boolean noLabel = none ? i % 2 == 1 : kind.equals("labels missing at the ends") && i % 50 < 2 || rnd.nextInt(40) == 0;
            boolean noScore = none ? i % 2 == 0 : rnd.nextInt(30) == 0;
            b.addRow(new String[] {noLabel ? "" : Integer.toString(rnd.nextInt(2)), noScore ? "" : score,
                "a" + rnd.nextInt(3), "b" + rnd.nextInt(4)});
        }
        Table coded = b.build();
        NumericColumn s = coded.numeric("s");
        assertTrue(s.codesUnsafe() != null, "a dictionary column");
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = s.value(i);
        }
        Table plain = coded.with(new NumericColumn("s", values));
        AuditSpec spec = AuditSpec.builder().groups(List.of("a", "b")).intersections(2).auc("y", null, "s").threads(1).build();
        AuditRun byLevels = new LocalEngine().run(coded, spec);
        AuditRun byRows = new LocalEngine().run(plain, spec);
        for (int sl = 0; sl < byRows.auc().length; sl++) {
            assertArrayEquals(byRows.auc()[sl], byLevels.auc()[sl], "slice " + sl);
            assertArrayEquals(byRows.aucReasons()[sl], byLevels.aucReasons()[sl], "slice " + sl);
        }
    }
}

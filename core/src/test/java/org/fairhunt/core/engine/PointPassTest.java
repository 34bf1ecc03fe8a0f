package org.fairhunt.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.metric.RowStatistic;
import org.fairhunt.core.metric.ScoreStatistic;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pass without bootstrap counts one-hot statistics in a joint (atom, slot) histogram and adds each other
 * statistic in its own row loop. Checked against the definition (each slice's sums, row by row, from the
 * statistic's own contributions) and against the weighted path with every weight 1 (bit for bit).
 */
class PointPassTest {
    /** Several blocks (65,536 rows each), so block sums are folded. */
    private static final Table TABLE = withWeights(Tables.random(31, 150_000, 900));

    private static Table withWeights(Table base) {
        double[] ones = new double[base.rowCount()];
        Arrays.fill(ones, 1);
        double[] w = new double[base.rowCount()];
        Random rnd = new Random(8);
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextInt(4) * 0.25;
        }
        return base.with(new NumericColumn("one", ones)).with(new NumericColumn("w", w));
    }

    private static AuditSpec.Builder spec(int threads) {
        return AuditSpec.builder().groups(List.of("a", "b", "c")).intersections(2)
                .statistic(new ConfusionStatistic("y", null, "p")).statistic(new ScoreStatistic("y", null, "s")).threads(threads);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void sums_equal_each_slices_rows_added_one_by_one(int threads) {
        for (String weight : new String[] {null, "w"}) {
            AuditSpec.Builder b = spec(threads);
            if (weight != null) {
                b.weight(weight);
            }
            AuditRun run = new LocalEngine().run(TABLE, b.build());
            double[] rowWeight = weight == null ? null : TABLE.numeric(weight).valuesUnsafe();
            List<SliceKey> slices = run.slices();
            for (int k = 0; k < run.grids().size(); k++) {
                RowStatistic stat = run.spec().statistics().get(k).bind(TABLE);
                int width = run.spec().statistics().get(k).width();
                int[] slots = new int[stat.maxContributions()];
                double[] values = new double[slots.length];
                for (int sl = 0; sl < slices.size(); sl++) {
                    double[] expected = new double[width];
                    for (int i = 0; i < TABLE.rowCount(); i++) {
                        if (!inSlice(slices.get(sl), i)) {
                            continue;
                        }
                        int n = stat.contribute(i, slots, values);
                        for (int p = 0; p < n; p++) {
                            expected[slots[p]] += (rowWeight == null ? 1 : rowWeight[i]) * values[p];
                        }
                    }
                    for (int slot = 0; slot < width; slot++) {
                        double got = run.grids().get(k).sum(sl, 0, slot);
                        assertEquals(expected[slot], got, 1e-9 * Math.max(1, Math.abs(expected[slot])),
                                slices.get(sl).label() + " slot " + slot + " weight " + weight);
                    }
                }
            }
        }
    }

    private static boolean inSlice(SliceKey key, int row) {
        for (int q = 0; q < key.attributes().size(); q++) {
            CategoricalColumn c = TABLE.categorical(key.attributes().get(q));
            int code = c.code(row);
            String v = code == CategoricalColumn.MISSING ? CategoricalColumn.MISSING_LABEL : c.level(code);
            if (!v.equals(key.values().get(q))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void histogram_counts_equal_the_weighted_sums_with_weight_one() {
        AuditRun counted = new LocalEngine().run(TABLE, spec(2).build());
        AuditRun weighted = new LocalEngine().run(TABLE, spec(2).weight("one").build());
        for (int k = 0; k < counted.grids().size(); k++) {
            assertArrayEquals(weighted.grids().get(k).sumsUnsafe(), counted.grids().get(k).sumsUnsafe());
        }
    }

    @Test
    void row_clusters_are_counted_as_the_distinct_row_keys() {
        Slicing slicing = Slicing.of(TABLE, List.of("a", "b", "c"), 3);
        long[] keys = new long[TABLE.rowCount()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = PoissonWeights.keyOfRow(i);
        }
        int[] hashed = LocalEngine.clusterCounts(slicing, keys);
        assertArrayEquals(hashed, LocalEngine.rowClusterCounts(slicing));
        Set<Long> distinct = new HashSet<>();
        for (long k : keys) {
            distinct.add(k);
        }
        assertEquals(keys.length, distinct.size(), "row keys are distinct");
    }

    @Test
    void a_group_that_is_missing_in_every_row_has_a_single_value() {
        Table t = Tables.of("gone.csv", List.of("g", "h", "y", "p"), new String[] {"", "u", "1", "1"},
                new String[] {"", "v", "0", "1"});
        UserInputException e = assertThrows(UserInputException.class, () -> new LocalEngine().run(t,
                AuditSpec.builder().groups(List.of("h", "g")).statistic(new ConfusionStatistic("y", null, "p")).build()));
        assertEquals("gone.csv: group attribute 'g' has the single value '" + CategoricalColumn.MISSING_LABEL
                + "' in all 2 rows, so it cannot tell groups apart", e.getMessage());
    }
}

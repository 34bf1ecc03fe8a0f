package org.fairhunt.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.fairhunt.core.metric.ConfusionStatistic;
import org.fairhunt.core.metric.ScoreStatistic;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.testing.Tables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine adds unweighted bootstrap weights as packed integer counters; rows with a weight column take
 * the plain path that multiplies each replicate weight by the row weight. With every row weight 1 the two
 * paths must give the same sums, bit for bit.
 */
class PackedCountsTest {
    /** More rows than one spill interval (9360), so the counters are spilled mid-block and at its end. */
    private static final Table TABLE = withOnes(Tables.random(12, 20_000, 700));

    private static Table withOnes(Table base) {
        double[] ones = new double[base.rowCount()];
        Arrays.fill(ones, 1);
        return base.with(new NumericColumn("one", ones));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 50})
    void packed_counters_equal_weight_by_weight_sums(int replicates) {
        Table t = TABLE;
        AuditSpec.Builder b = AuditSpec.builder().groups(List.of("a", "b", "c")).intersections(2)
                .statistic(new ConfusionStatistic("y", null, "p")).statistic(new ScoreStatistic("y", null, "s"))
                .bootstrap(replicates, 77).cluster("cluster").threads(2);
        AuditRun packed = new LocalEngine().run(t, b.build());
        AuditRun weighted = new LocalEngine().run(t, b.weight("one").build());
        for (int k = 0; k < packed.grids().size(); k++) {
            assertArrayEquals(weighted.grids().get(k).sumsUnsafe(), packed.grids().get(k).sumsUnsafe());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 200})
    void packed_weights_are_the_weights_four_to_a_long(int replicates) {
        PoissonWeights w = new PoissonWeights(5);
        long[] packed = new long[(replicates + 3) / 4];
        int[] plain = new int[replicates];
        for (long key = 0; key < 200; key++) {
            w.packedWeights(key, packed, replicates);
            w.weights(key, plain, replicates);
            for (int r = 0; r < replicates; r++) {
                assertEquals(plain[r], (int) (packed[r / 4] >>> (16 * (r % 4))) & 0xFFFF);
                assertEquals(w.weight(key, r), plain[r]);
            }
            for (int r = replicates; r < packed.length * 4; r++) {
                assertEquals(0, (int) (packed[r / 4] >>> (16 * (r % 4))) & 0xFFFF, "lanes past the last replicate are 0");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void score_count_slots_receive_only_zero_or_one() {
        org.fairhunt.core.metric.RowStatistic stat = new ScoreStatistic("y", null, "s").bind(TABLE);
        int[] slots = new int[stat.maxContributions()];
        double[] values = new double[slots.length];
        int counted = 0;
        for (int i = 0; i < TABLE.rowCount(); i++) {
            int n = stat.contribute(i, slots, values);
            for (int p = 0; p < n; p++) {
                if (stat.isCountSlot(slots[p])) {
                    counted++;
                    assertEquals(true, values[p] == 0 || values[p] == 1, "row " + i + " slot " + slots[p] + ": " + values[p]);
                }
            }
        }
        assertEquals(true, counted > 2 * TABLE.rowCount(), "every row adds at least its count and its bin's count");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 200})
    void double_weights_are_the_int_weights(int replicates) {
        PoissonWeights w = new PoissonWeights(11);
        long[] packed = new long[(replicates + 3) / 4];
        long[] packedAlone = new long[packed.length];
        double[] doubles = new double[replicates + 1];
        int[] plain = new int[replicates + 8];
        double[] scaled = new double[replicates + 3];
        for (long key = 0; key < 300; key++) {
            doubles[0] = -1;
            w.packedWeights(key, packed, doubles, replicates);
            w.packedWeights(key, packedAlone, replicates);
            assertArrayEquals(packedAlone, packed);
            assertEquals(-1, doubles[0], "the point estimate's weight is left alone");
            w.weights(key, plain, replicates);
            for (int r = 0; r < replicates; r++) {
                assertEquals(plain[r], doubles[r + 1]);
            }
            // A range from a multiple of four, scaled and written at an offset, as the AUC pass's parts draw them.
            int first = replicates > 4 ? 4 : 0;
            int count = replicates - first;
            w.weights(key, 2.5, scaled, 3, first, count);
            for (int r = 0; r < count; r++) {
                assertEquals(2.5 * w.weight(key, first + r), scaled[3 + r]);
            }
        }
    }
}

package org.fairhunt.discovery.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The counter's cell counts against a direct count row by row (a hash map from each row's tuple of codes), for
 * every combination of depths 1-3 and for a scattered subset of them: features of many sizes, so that joint
 * histograms over one and two blocks, blocks of one feature with more levels than a block may hold, two-block
 * histograms too large to count jointly, combinations spread over three blocks (extensions of a prefix counted
 * together by a block's code, or one by one) and lone combinations all occur; rows with no computable error left out.
 */
class LocalSliceCounterTest {
    private static final int[] LEVELS = {2, 3, 130, 4, 5, 200, 7, 2, 3, 9, 6, 11};

    @ParameterizedTest
    @CsvSource({"1, 1, false", "2, 1, true", "3, 3, false", "4, 2, true"})
    void every_cell_equals_a_direct_count(long seed, int threads, boolean scattered) {
        SliceFeatures x = SyntheticData.randomFeatures(seed, 5000, LEVELS);
        double[] e = SyntheticData.binaryErrors(seed, x, 0.2, 0.7, new int[] {1, 4}, new int[] {2, 3});
        for (int i = 0; i < e.length; i += 37) {
            e[i] = Double.NaN;
        }
        RowErrors errors = RowErrors.of("test", e, null);
        assertTrue(errors.isBinary());
        LocalSliceCounter counter = new LocalSliceCounter(x, errors, threads);
        int checked = 0;
        for (int depth = 1; depth <= 3; depth++) {
            List<int[]> combinations = new ArrayList<>();
            collect(new int[depth], 0, 0, combinations);
            if (scattered) {
                List<int[]> some = new ArrayList<>();
                for (int j = (int) seed % 3; j < combinations.size(); j += 3 + depth) {
                    some.add(combinations.get(j));
                }
                combinations = some;
            }
            CellCounts[] got = new CellCounts[combinations.size()];
            counter.count(combinations, (j, counts) -> {
                synchronized (got) {
                    assertEquals(null, got[j], "combination counted twice");
                    got[j] = counts;
                }
            });
            for (int j = 0; j < got.length; j++) {
                checked += assertCounts(x, e, combinations.get(j), got[j]);
            }
        }
        assertTrue(checked > 10_000, "cells checked: " + checked);
    }

    private static void collect(int[] combo, int at, int from, List<int[]> out) {
        if (at == combo.length) {
            out.add(combo.clone());
            return;
        }
        for (int f = from; f < LEVELS.length; f++) {
            combo[at] = f;
            collect(combo, at + 1, f + 1, out);
        }
    }

    /** Checks every cell of one combination (empty ones too); returns the cells checked. */
    private static int assertCounts(SliceFeatures x, double[] e, int[] combo, CellCounts counts) {
        assertTrue(counts != null, () -> "not counted: " + java.util.Arrays.toString(combo));
        assertEquals(java.util.Arrays.toString(combo), java.util.Arrays.toString(counts.features()));
        Map<List<Integer>, long[]> direct = new HashMap<>();
        for (int i = 0; i < x.rowCount(); i++) {
            if (Double.isNaN(e[i])) {
                continue;
            }
            List<Integer> values = new ArrayList<>();
            for (int f : combo) {
                values.add(x.code(f, i));
            }
            long[] c = direct.computeIfAbsent(values, k -> new long[2]);
            c[0]++;
            c[1] += (long) e[i];
        }
        long cells = 1;
        for (int f : combo) {
            cells *= LEVELS[f];
        }
        for (long cell = 0; cell < cells; cell++) {
            List<Integer> values = new ArrayList<>();
            long rest = cell;
            for (int j = combo.length - 1; j >= 0; j--) {
                values.add(0, (int) (rest % LEVELS[combo[j]]));
                rest /= LEVELS[combo[j]];
            }
            long[] want = direct.getOrDefault(values, new long[2]);
            int slot = counts.slotOf(cell);
            long rows = slot < 0 ? 0 : counts.rows(slot);
            double errs = slot < 0 ? 0 : counts.errors(slot);
            assertEquals(want[0], rows, () -> java.util.Arrays.toString(combo) + " cell " + values + ": rows");
            assertEquals(want[1], errs, () -> java.util.Arrays.toString(combo) + " cell " + values + ": errors");
        }
        return (int) cells;
    }
}

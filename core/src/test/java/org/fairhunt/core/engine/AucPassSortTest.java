package org.fairhunt.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
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
}

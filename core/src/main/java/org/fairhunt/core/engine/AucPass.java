package org.fairhunt.core.engine;

import java.util.Arrays;
import org.fairhunt.core.metric.BinaryOutcome;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * Exact AUC (Mann–Whitney, ties ½) for every slice and replicate. Rows with a label and a score are
 * sorted by score once (radix sort on the order-preserving bits of the double); then, for each
 * attribute subset, one walk in score order keeps per slice and replicate the weight of negatives seen
 * so far. Cost: {@code O(n log n + n × subsets × replicates)}.
 */
final class AucPass {
    private final double[][] values;
    private final String[][] reasons;

    AucPass(Table table, AuditSpec spec, Slicing slicing, double[] rowWeights, long[] clusterKeys) {
        BinaryOutcome y = BinaryOutcome.of(table, spec.aucLabel(), spec.aucPositive());
        double[] score = table.finite(spec.aucScore(), "score").valuesUnsafe();
        int rows = table.rowCount();
        int usable = 0;
        for (int i = 0; i < rows; i++) {
            if (y.value(i) >= 0 && !Double.isNaN(score[i])) {
                usable++;
            }
        }
        long[] keys = new long[usable];
        int[] index = new int[usable];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            if (y.value(i) >= 0 && !Double.isNaN(score[i])) {
                keys[k] = sortableBits(score[i]);
                index[k] = i;
                k++;
            }
        }
        radixSort(keys, index);
        int replicates = spec.replicates() + 1;
        int slices = slicing.sliceCount();
        double[] numerator = new double[slices * replicates];
        double[] positives = new double[slices * replicates];
        double[] negatives = new double[slices * replicates];
        double[] blockNegatives = new double[slices * replicates];
        PoissonWeights poisson = new PoissonWeights(spec.seed());
        int bootstrap = spec.replicates();
        int[] draws = new int[Math.max(1, bootstrap)];
        // Weights per sorted row are recomputed per subset; keep them to avoid hashing again.
        float[] weightCache = bootstrap > 0 && (long) usable * replicates <= (1L << 28) ? new float[usable * replicates] : null;
        if (weightCache != null) {
            for (int q = 0; q < usable; q++) {
                int i = index[q];
                double base = rowWeights == null ? 1 : rowWeights[i];
                poisson.weights(clusterKeys[i], draws, bootstrap);
                weightCache[q * replicates] = (float) base;
                for (int r = 0; r < bootstrap; r++) {
                    weightCache[q * replicates + r + 1] = (float) (base * draws[r]);
                }
            }
        }
        int[] atomOfRow = slicing.atomOfRow();
        double[] w = new double[replicates];
        for (int s = 0; s < slicing.subsetCount(); s++) {
            int[] map = slicing.sliceOfAtom(s);
            int start = 0;
            while (start < usable) {
                int end = start;
                while (end < usable && keys[end] == keys[start]) {
                    end++;
                }
                // Negatives of this tie block first, so positives in the block count them as ½.
                for (int q = start; q < end; q++) {
                    int i = index[q];
                    if (y.value(i) == 0) {
                        fill(w, q, i, weightCache, rowWeights, clusterKeys, poisson, draws, bootstrap, replicates);
                        int o = map[atomOfRow[i]] * replicates;
                        for (int r = 0; r < replicates; r++) {
                            blockNegatives[o + r] += w[r];
                        }
                    }
                }
                for (int q = start; q < end; q++) {
                    int i = index[q];
                    if (y.value(i) == 1) {
                        fill(w, q, i, weightCache, rowWeights, clusterKeys, poisson, draws, bootstrap, replicates);
                        int o = map[atomOfRow[i]] * replicates;
                        for (int r = 0; r < replicates; r++) {
                            numerator[o + r] += w[r] * (negatives[o + r] + 0.5 * blockNegatives[o + r]);
                            positives[o + r] += w[r];
                        }
                    }
                }
                for (int q = start; q < end; q++) {
                    int i = index[q];
                    if (y.value(i) == 0) {
                        int o = map[atomOfRow[i]] * replicates;
                        for (int r = 0; r < replicates; r++) {
                            negatives[o + r] += blockNegatives[o + r];
                            blockNegatives[o + r] = 0;
                        }
                    }
                }
                start = end;
            }
        }
        values = new double[slices][replicates];
        reasons = new String[slices][replicates];
        for (int sl = 0; sl < slices; sl++) {
            for (int r = 0; r < replicates; r++) {
                int o = sl * replicates + r;
                if (positives[o] <= 0) {
                    values[sl][r] = Double.NaN;
                    reasons[sl][r] = "no positives with a score";
                } else if (negatives[o] <= 0) {
                    values[sl][r] = Double.NaN;
                    reasons[sl][r] = "no negatives with a score";
                } else {
                    values[sl][r] = numerator[o] / (positives[o] * negatives[o]);
                }
            }
        }
    }

    private static void fill(double[] w, int q, int row, float[] cache, double[] rowWeights, long[] clusterKeys,
            PoissonWeights poisson, int[] draws, int bootstrap, int replicates) {
        if (cache != null) {
            for (int r = 0; r < replicates; r++) {
                w[r] = cache[q * replicates + r];
            }
            return;
        }
        double base = rowWeights == null ? 1 : rowWeights[row];
        w[0] = base;
        if (bootstrap > 0) {
            poisson.weights(clusterKeys[row], draws, bootstrap);
            for (int r = 0; r < bootstrap; r++) {
                w[r + 1] = base * draws[r];
            }
        }
    }

    double[][] values() {
        return values;
    }

    String[][] reasons() {
        return reasons;
    }

    /** Maps a double to a long whose signed order is the double's numeric order (-0.0 and 0.0 equal). */
    static long sortableBits(double v) {
        long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v);
        return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
    }

    /** LSD radix sort of signed longs, 16 bits per pass, permuting {@code index} alongside. */
    static void radixSort(long[] keys, int[] index) {
        int n = keys.length;
        long[] k2 = new long[n];
        int[] i2 = new int[n];
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(count, 0);
            final int sh = shift;
            boolean top = shift == 48;
            for (int q = 0; q < n; q++) {
                count[digit(keys[q], sh, top)]++;
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int q = 0; q < n; q++) {
                int pos = count[digit(keys[q], sh, top)]++;
                k2[pos] = keys[q];
                i2[pos] = index[q];
            }
            System.arraycopy(k2, 0, keys, 0, n);
            System.arraycopy(i2, 0, index, 0, n);
        }
    }

    private static int digit(long key, int shift, boolean top) {
        int d = (int) (key >>> shift) & 0xFFFF;
        return top ? d ^ 0x8000 : d;
    }
}

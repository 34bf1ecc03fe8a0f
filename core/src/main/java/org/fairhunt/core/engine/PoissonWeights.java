package org.fairhunt.core.engine;

import java.nio.charset.StandardCharsets;

/**
 * Poisson(1) bootstrap weights derived from a hash of (cluster key, replicate, seed), so that every
 * row of a cluster gets the same weight in a replicate, on any thread and in any engine, without
 * copying or resampling rows.
 *
 * <p>Each 64-bit hash (SplitMix64's finaliser over the key, the replicate block and the seed) yields four
 * 16-bit uniforms, one per replicate, mapped to a count by inverting the Poisson(1) distribution
 * function on a grid of 2<sup>-16</sup>: each probability is within 2<sup>-16</sup> of the exact
 * Poisson(1) one (counts above 7, probability 1.0e-5, are folded into 7).
 */
public final class PoissonWeights {
    private static final byte[] INVERSE_CDF = buildInverseCdf();
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private static final int CACHED_BLOCKS = 1024;

    private final long seed;
    private final long[] blockSalts = new long[CACHED_BLOCKS];

    public PoissonWeights(long seed) {
        this.seed = seed;
        for (int b = 0; b < CACHED_BLOCKS; b++) {
            blockSalts[b] = salt(b);
        }
    }

    private long salt(int block) {
        return mix(seed + GOLDEN * (block + 1L));
    }

    private long blockSalt(int block) {
        return block < CACHED_BLOCKS ? blockSalts[block] : salt(block);
    }

    /** The seed these weights derive from. */
    public long seed() {
        return seed;
    }

    private static byte[] buildInverseCdf() {
        byte[] table = new byte[1 << 16];
        double p = Math.exp(-1);
        double cdf = p;
        int k = 0;
        for (int u = 0; u < table.length; u++) {
            double x = (u + 0.5) / table.length;
            while (x > cdf && k < MAX_WEIGHT) {
                k++;
                p /= k;
                cdf += p;
            }
            table[u] = (byte) k;
        }
        return table;
    }

    /** SplitMix64's output function: a bijective, well-mixing 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit key for a cluster given by its text value (stable across runs and machines). */
    public static long keyOf(String clusterValue) {
        byte[] b = clusterValue.getBytes(StandardCharsets.UTF_8);
        long h = 0xCBF29CE484222325L;
        for (byte x : b) {
            h = (h ^ (x & 0xff)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /** A key for row {@code row} when each row is its own cluster. */
    public static long keyOfRow(long row) {
        return mix(row * GOLDEN + 0x632BE59BD9B4E019L);
    }

    /**
     * {@code out[b] = mix(key ^ salt(b))} for {@code b < blocks}: a loop over arrays with no call in it, which C2
     * vectorizes where the machine multiplies 64-bit lanes (AVX-512), four to eight hashes per instruction.
     */
    private void hashes(long key, long[] out, int blocks) {
        hashes(key, out, 0, blocks);
    }

    /** {@code out[j] = mix(key ^ salt(first + j))} for {@code j < blocks}, vectorizable as {@link #hashes(long, long[], int)}. */
    private void hashes(long key, long[] out, int first, int blocks) {
        int cached = Math.max(0, Math.min(blocks, CACHED_BLOCKS - first));
        long[] salts = blockSalts;
        for (int j = 0; j < cached; j++) {
            long z = key ^ salts[first + j];
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            out[j] = z ^ (z >>> 31);
        }
        for (int j = cached; j < blocks; j++) {
            out[j] = mix(key ^ salt(first + j));
        }
    }

    /** The weight of cluster {@code key} in bootstrap replicate {@code replicate} (0-based). */
    public int weight(long key, int replicate) {
        long h = mix(key ^ blockSalt(replicate >>> 2));
        int u = (int) (h >>> (16 * (replicate & 3))) & 0xFFFF;
        return INVERSE_CDF[u];
    }

    /**
     * The weights of {@code key} packed four to a long, one per 16-bit lane: {@code out[b]} holds replicates
     * {@code 4b … 4b+3} (lane {@code j} is replicate {@code 4b+j}), for {@code b < ⌈replicates / 4⌉}; lanes
     * past the last replicate are 0. The same weights as {@link #weights}, in the form the engine adds
     * with one instruction per four replicates.
     */
    public void packedWeights(long key, long[] out, int replicates) {
        packedWeights(key, out, 0, replicates);
    }

    /**
     * {@link #packedWeights(long, long[], int)} of replicates {@code first … first+replicates-1}: {@code out[b]} holds
     * replicates {@code first+4b … first+4b+3}; {@code first} must be a multiple of four (a hash block's start).
     */
    public void packedWeights(long key, long[] out, int first, int replicates) {
        if ((first & 3) != 0) {
            throw new IllegalArgumentException("first replicate must be a multiple of 4, got " + first);
        }
        int blocks = (replicates + 3) >>> 2;
        byte[] t = INVERSE_CDF;
        hashes(key, out, first >>> 2, blocks);
        for (int b = 0; b < blocks; b++) {
            long h = out[b];
            out[b] = t[(int) h & 0xFFFF] | (long) t[(int) (h >>> 16) & 0xFFFF] << 16
                    | (long) t[(int) (h >>> 32) & 0xFFFF] << 32 | (long) t[(int) (h >>> 48) & 0xFFFF] << 48;
        }
        int partial = replicates & 3;
        if (partial != 0) {
            out[blocks - 1] &= (1L << (16 * partial)) - 1;
        }
    }

    /**
     * {@link #packedWeights} and, from the same hashes, the weights as doubles: {@code doubles[1 + r]} is replicate
     * {@code r}'s weight (index 0, the point estimate's, is left alone). Saves unpacking the counters again for
     * sums of fractional values.
     */
    public void packedWeights(long key, long[] out, double[] doubles, int replicates) {
        int blocks = (replicates + 3) >>> 2;
        byte[] t = INVERSE_CDF;
        int whole = replicates >>> 2;
        hashes(key, out, blocks);
        for (int b = 0; b < blocks; b++) {
            long h = out[b];
            byte w0 = t[(int) h & 0xFFFF];
            byte w1 = t[(int) (h >>> 16) & 0xFFFF];
            byte w2 = t[(int) (h >>> 32) & 0xFFFF];
            byte w3 = t[(int) (h >>> 48) & 0xFFFF];
            out[b] = w0 | (long) w1 << 16 | (long) w2 << 32 | (long) w3 << 48;
            if (b < whole) {
                int o = 1 + 4 * b;
                doubles[o] = w0;
                doubles[o + 1] = w1;
                doubles[o + 2] = w2;
                doubles[o + 3] = w3;
            }
        }
        int partial = replicates & 3;
        if (partial != 0) {
            out[blocks - 1] &= (1L << (16 * partial)) - 1;
            for (int j = 0; j < partial; j++) {
                doubles[1 + 4 * whole + j] = (int) (out[blocks - 1] >>> (16 * j)) & 0xFFFF;
            }
        }
    }

    /**
     * The weights of {@code key} in replicates {@code first … first+count-1} as doubles, times {@code base}, into
     * {@code out[offset …]}; {@code first} must be a multiple of four. The same values as {@link #weights}.
     */
    public void weights(long key, double base, double[] out, int offset, int first, int count) {
        weights(key, base, out, offset, first, count, new long[(count + 3) >>> 2]);
    }

    /** {@link #weights(long, double, double[], int, int, int)} with a caller's buffer of ⌈count / 4⌉ hashes. */
    public void weights(long key, double base, double[] out, int offset, int first, int count, long[] hashBuffer) {
        if ((first & 3) != 0) {
            throw new IllegalArgumentException("first replicate must be a multiple of 4, got " + first);
        }
        byte[] t = INVERSE_CDF;
        int whole = count & ~3;
        hashes(key, hashBuffer, first >>> 2, (count + 3) >>> 2);
        for (int r = 0; r < whole; r += 4) {
            long h = hashBuffer[r >>> 2];
            int o = offset + r;
            out[o] = base * t[(int) h & 0xFFFF];
            out[o + 1] = base * t[(int) (h >>> 16) & 0xFFFF];
            out[o + 2] = base * t[(int) (h >>> 32) & 0xFFFF];
            out[o + 3] = base * t[(int) (h >>> 48) & 0xFFFF];
        }
        if (whole < count) {
            long h = hashBuffer[whole >>> 2];
            for (int j = 0; whole + j < count; j++) {
                out[offset + whole + j] = base * t[(int) (h >>> (16 * j)) & 0xFFFF];
            }
        }
    }

    /**
     * The largest weight any replicate can get (counts above it are folded into it); a constant, so that sizing a
     * counter from it does not initialize this class (its 64 KB table) in a run without bootstrap.
     */
    static final int MAX_WEIGHT = 7;

    /** The largest weight any replicate can get (counts above it are folded into it). */
    public static int maxWeight() {
        return MAX_WEIGHT;
    }

    /** Fills {@code out[0..replicates-1]} with the weights of {@code key}, four replicates per hash. */
    public void weights(long key, int[] out, int replicates) {
        weights(key, out, 0, replicates);
    }

    /**
     * Fills {@code out[0..count-1]} with the weights of {@code key} in replicates {@code first … first+count-1},
     * four replicates per hash; {@code first} must be a multiple of four (a hash block's start), so that a
     * range split across threads draws every hash once.
     */
    public void weights(long key, int[] out, int first, int count) {
        if ((first & 3) != 0) {
            throw new IllegalArgumentException("first replicate must be a multiple of 4, got " + first);
        }
        for (int r = 0; r < count; r += 4) {
            long h = mix(key ^ blockSalt((first + r) >>> 2));
            int end = Math.min(4, count - r);
            for (int j = 0; j < end; j++) {
                out[r + j] = INVERSE_CDF[(int) (h >>> (16 * j)) & 0xFFFF];
            }
        }
    }
}

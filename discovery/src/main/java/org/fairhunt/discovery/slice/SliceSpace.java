package org.fairhunt.discovery.slice;

import org.fairhunt.core.UserInputException;

/**
 * Numbers every {@code feature = value} predicate ("one-hot column" in SliceLine's terms) and packs a
 * conjunction of them, sorted, into one {@code long}: each predicate takes {@link #bits} bits, stored
 * as id + 1 so that conjunctions of different depth never share a key.
 */
public final class SliceSpace {
    private final int[] offsets;
    private final int[] featureOf;
    private final int[] valueOf;
    private final int bits;
    private final long mask;
    private final int maxDepth;

    public SliceSpace(SliceFeatures features) {
        int f = features.featureCount();
        offsets = new int[f + 1];
        for (int i = 0; i < f; i++) {
            offsets[i + 1] = offsets[i] + features.levelCount(i);
        }
        int total = offsets[f];
        featureOf = new int[total];
        valueOf = new int[total];
        for (int i = 0; i < f; i++) {
            for (int v = 0; v < features.levelCount(i); v++) {
                featureOf[offsets[i] + v] = i;
                valueOf[offsets[i] + v] = v;
            }
        }
        bits = 32 - Integer.numberOfLeadingZeros(total + 1);
        mask = (1L << bits) - 1;
        maxDepth = Math.min(f, 63 / bits);
    }

    /** Number of predicates. */
    public int predicateCount() {
        return featureOf.length;
    }

    public int id(int feature, int value) {
        return offsets[feature] + value;
    }

    public int featureOf(int id) {
        return featureOf[id];
    }

    public int valueOf(int id) {
        return valueOf[id];
    }

    /** The deepest conjunction a key can hold for this many predicates. */
    public int maxDepth() {
        return maxDepth;
    }

    void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new UserInputException("not supported: a depth of " + depth + " with " + predicateCount()
                    + " feature values (at most " + maxDepth + " here)");
        }
    }

    /** The key of sorted predicate ids. */
    long key(int[] sortedIds, int length) {
        long k = 0;
        for (int i = 0; i < length; i++) {
            k |= (long) (sortedIds[i] + 1) << (bits * i);
        }
        return k;
    }

    /** The key of the slice {@code key} (of {@code length} predicates) with predicate {@code id}, above all of its ids, added. */
    long append(long key, int length, int id) {
        return key | (long) (id + 1) << (bits * length);
    }

    /** The key of the slice {@code key} without its predicate at position {@code at} (0-based, of {@code length}). */
    long without(long key, int length, int at) {
        long low = key & ((1L << (bits * at)) - 1);
        long high = key >>> (bits * (at + 1));
        return low | high << (bits * at);
    }

    /** Predicate ids of a key, ascending. */
    int[] ids(long key) {
        int n = 0;
        for (long k = key; k != 0; k >>>= bits) {
            n++;
        }
        int[] ids = new int[n];
        long k = key;
        for (int i = 0; i < n; i++, k >>>= bits) {
            ids[i] = (int) (k & mask) - 1;
        }
        return ids;
    }

    /** The slice a key stands for. */
    public Slice slice(long key) {
        int[] ids = ids(key);
        int[] f = new int[ids.length];
        int[] v = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            f[i] = featureOf[ids[i]];
            v[i] = valueOf[ids[i]];
        }
        return new Slice(f, v, key);
    }

    /** The key of a slice given by its features (increasing) and values. */
    public long key(int[] features, int[] values) {
        int[] ids = new int[features.length];
        for (int i = 0; i < ids.length; i++) {
            if (i > 0 && features[i] <= features[i - 1]) {
                throw new IllegalArgumentException("features must increase strictly");
            }
            ids[i] = id(features[i], values[i]);
        }
        return key(ids, ids.length);
    }
}

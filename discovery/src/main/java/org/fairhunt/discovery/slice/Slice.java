package org.fairhunt.discovery.slice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A conjunction of {@code feature = value} predicates, features in increasing order, at most one
 * predicate per feature. {@link #key()} is a canonical number for it within one search space.
 */
public final class Slice implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] features;
    private final int[] values;
    private final long key;

    Slice(int[] features, int[] values, long key) {
        this.features = features;
        this.values = values;
        this.key = key;
    }

    /** Number of predicates. */
    public int depth() {
        return features.length;
    }

    public int feature(int i) {
        return features[i];
    }

    public int value(int i) {
        return values[i];
    }

    public long key() {
        return key;
    }

    /** Whether every predicate of this slice is also one of {@code other}'s (so its rows include other's). */
    public boolean isAncestorOf(Slice other) {
        if (depth() >= other.depth()) {
            return false;
        }
        for (int i = 0; i < features.length; i++) {
            int j = Arrays.binarySearch(other.features, features[i]);
            if (j < 0 || other.values[j] != values[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code row} satisfies every predicate. */
    public boolean contains(SliceFeatures data, int row) {
        for (int i = 0; i < features.length; i++) {
            if (data.code(features[i], row) != values[i]) {
                return false;
            }
        }
        return true;
    }

    /** The predicates as {@code name = value} strings. */
    public List<String> predicates(SliceFeatures data) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < features.length; i++) {
            out.add(data.name(features[i]) + " = " + data.level(features[i], values[i]));
        }
        return out;
    }

    /** {@code accent = scottish AND noise = white}. */
    public String describe(SliceFeatures data) {
        return String.join(" AND ", predicates(data));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slice s && Arrays.equals(features, s.features) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(key);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Slice[");
        for (int i = 0; i < features.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(features[i]).append('=').append(values[i]);
        }
        return sb.append(']').toString();
    }
}

package org.fairhunt.discovery.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic feature tables for tests. */
final class SyntheticData {
    private SyntheticData() {
    }

    /** Uniformly random codes: {@code levels[f]} values for feature f. */
    static SliceFeatures randomFeatures(long seed, int rows, int[] levels) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        byte[][] codes = new byte[levels.length][rows];
        for (int f = 0; f < levels.length; f++) {
            names.add("f" + f);
            List<String> l = new ArrayList<>();
            for (int v = 0; v < levels[f]; v++) {
                l.add("v" + v);
            }
            labels.add(l);
            for (int i = 0; i < rows; i++) {
                codes[f][i] = (byte) rnd.nextInt(levels[f]);
            }
        }
        return new SliceFeatures(names, labels, codes, List.of());
    }

    /** 0/1 errors with probability {@code base}, or {@code planted} inside the slice {@code f_a=va ∧ …}. */
    static double[] binaryErrors(long seed, SliceFeatures x, double base, double planted, int[] features, int[] values) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] e = new double[x.rowCount()];
        for (int i = 0; i < e.length; i++) {
            boolean in = features.length > 0;
            for (int j = 0; j < features.length; j++) {
                in &= x.code(features[j], i) == values[j];
            }
            e[i] = rnd.nextDouble() < (in ? planted : base) ? 1 : 0;
        }
        return e;
    }
}

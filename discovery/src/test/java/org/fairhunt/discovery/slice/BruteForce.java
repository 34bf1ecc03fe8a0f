package org.fairhunt.discovery.slice;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent enumeration of every conjunction up to a depth, counted row by row with
 * {@link SliceStats#ofRow} and {@link SliceStats#merge}; the reference the search must equal.
 */
final class BruteForce {
    private BruteForce() {
    }

    static List<ScoredSlice> top(SliceFeatures x, RowErrors errors, int maxDepth, long minSupport, int k, double alpha) {
        SliceSpace space = new SliceSpace(x);
        SliceStats total = SliceStats.EMPTY;
        for (int i = 0; i < x.rowCount(); i++) {
            if (!Double.isNaN(errors.error(i))) {
                total = total.merge(SliceStats.ofRow(errors.error(i), errors.units(i)));
            }
        }
        List<ScoredSlice> all = new ArrayList<>();
        enumerate(x, errors, space, new int[0], new int[0], maxDepth, minSupport, total, alpha, all);
        all.sort(SliceSearch.WORST_FIRST.reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    private static void enumerate(SliceFeatures x, RowErrors errors, SliceSpace space, int[] features, int[] values, int maxDepth,
            long minSupport, SliceStats total, double alpha, List<ScoredSlice> out) {
        int start = features.length == 0 ? 0 : features[features.length - 1] + 1;
        for (int f = start; f < x.featureCount(); f++) {
            for (int v = 0; v < x.levelCount(f); v++) {
                int[] fs = java.util.Arrays.copyOf(features, features.length + 1);
                int[] vs = java.util.Arrays.copyOf(values, values.length + 1);
                fs[features.length] = f;
                vs[values.length] = v;
                SliceStats s = SliceStats.EMPTY;
                for (int i = 0; i < x.rowCount(); i++) {
                    boolean in = !Double.isNaN(errors.error(i));
                    for (int j = 0; j < fs.length && in; j++) {
                        in = x.code(fs[j], i) == vs[j];
                    }
                    if (in) {
                        s = s.merge(SliceStats.ofRow(errors.error(i), errors.units(i)));
                    }
                }
                if (s.rows() >= minSupport && s.units() > 0) {
                    double ratio = s.rate() / total.rate();
                    double score = alpha * (ratio - 1) - (1 - alpha) * ((double) total.rows() / s.rows() - 1);
                    if (score > 0) {
                        out.add(new ScoredSlice(space.slice(space.key(fs, vs)), s, score));
                    }
                }
                if (fs.length < maxDepth && s.rows() >= minSupport) {
                    enumerate(x, errors, space, fs, vs, maxDepth, minSupport, total, alpha, out);
                }
            }
        }
    }
}

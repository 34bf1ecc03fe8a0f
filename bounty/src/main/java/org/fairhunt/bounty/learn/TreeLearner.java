package org.fairhunt.bounty.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CART: greedy binary splits on one feature at a time, by Gini impurity (classification, leaves hold
 * the majority class code) or by squared error (regression on one target, leaves hold the mean).
 * Thresholds lie between consecutive distinct float values of the node's rows; rows whose value is
 * missing always go right, as at prediction time.
 */
public final class TreeLearner {
    private final int maxDepth;
    private final int minLeaf;

    public TreeLearner(int maxDepth, int minLeaf) {
        if (maxDepth < 0 || minLeaf < 1) {
            throw new IllegalArgumentException("maxDepth >= 0 and minLeaf >= 1 required");
        }
        this.maxDepth = maxDepth;
        this.minLeaf = minLeaf;
    }

    /** A classification tree on class codes {@code y} (0..classes-1) of the rows {@code rows}. */
    public Tree classification(float[][] x, double[] y, int classes, int[] rows) {
        return build(x, y, null, classes, rows);
    }

    /** A regression tree on targets {@code y} with optional row {@code weights} (null: all 1). */
    public Tree regression(float[][] x, double[] y, double[] weights, int[] rows) {
        return build(x, y, weights, 0, rows);
    }

    private Tree build(float[][] x, double[] y, double[] w, int classes, int[] rows) {
        List<int[]> feat = new ArrayList<>();
        Builder b = new Builder(x, y, w, classes);
        b.grow(rows, 0);
        int n = b.feature.size();
        int[] f = new int[n];
        float[] t = new float[n];
        int[] l = new int[n];
        int[] r = new int[n];
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            f[i] = b.feature.get(i);
            t[i] = b.threshold.get(i);
            l[i] = b.left.get(i);
            r[i] = b.right.get(i);
            v[i] = new float[] {b.value.get(i)};
        }
        feat.clear();
        return new Tree(f, t, l, r, v);
    }

    private final class Builder {
        final float[][] x;
        final double[] y;
        final double[] w;
        final int classes;
        final List<Integer> feature = new ArrayList<>();
        final List<Float> threshold = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Float> value = new ArrayList<>();

        Builder(float[][] x, double[] y, double[] w, int classes) {
            this.x = x;
            this.y = y;
            this.w = w;
            this.classes = classes;
        }

        double weight(int r) {
            return w == null ? 1 : w[r];
        }

        int grow(int[] rows, int depth) {
            int id = feature.size();
            feature.add(0);
            threshold.add(0f);
            left.add(-1);
            right.add(-1);
            value.add(leafValue(rows));
            if (depth >= maxDepth || rows.length < 2 * minLeaf) {
                return id;
            }
            Split best = bestSplit(rows);
            if (best == null) {
                return id;
            }
            int[] l = Arrays.stream(rows).filter(r -> x[best.feature][r] <= best.threshold).toArray();
            int[] r = Arrays.stream(rows).filter(rr -> !(x[best.feature][rr] <= best.threshold)).toArray();
            feature.set(id, best.feature);
            threshold.set(id, best.threshold);
            int li = grow(l, depth + 1);
            int ri = grow(r, depth + 1);
            left.set(id, li);
            right.set(id, ri);
            return id;
        }

        float leafValue(int[] rows) {
            if (classes > 0) {
                double[] counts = new double[classes];
                for (int r : rows) {
                    counts[(int) y[r]] += 1;
                }
                int arg = 0;
                for (int k = 1; k < classes; k++) {
                    if (counts[k] > counts[arg]) {
                        arg = k;
                    }
                }
                return arg;
            }
            double s = 0;
            double sw = 0;
            for (int r : rows) {
                s += weight(r) * y[r];
                sw += weight(r);
            }
            return sw == 0 ? 0f : (float) (s / sw);
        }

        record Split(int feature, float threshold, double score) {
        }

        /** The split with the lowest weighted impurity of the two sides, if it beats not splitting. */
        Split bestSplit(int[] rows) {
            double parent = impurityOf(rows);
            Split best = null;
            int[] order = new int[rows.length];
            long[] keys = new long[rows.length];
            for (int f = 0; f < x.length; f++) {
                float[] col = x[f];
                // Sort (value, row) pairs as longs: the value's bits made order-preserving in the high half.
                // NaN sorts last, as with Float.compare, and NaN rows always go right.
                for (int i = 0; i < rows.length; i++) {
                    int bits = Float.floatToIntBits(col[rows[i]]);
                    bits ^= (bits >> 31) & 0x7fffffff;
                    keys[i] = ((long) bits << 32) | (rows[i] & 0xffffffffL);
                }
                Arrays.sort(keys);
                for (int i = 0; i < rows.length; i++) {
                    order[i] = (int) keys[i];
                }
                Acc leftAcc = new Acc();
                Acc rightAcc = new Acc();
                for (int r : rows) {
                    rightAcc.add(r, 1);
                }
                for (int i = 0; i < rows.length - 1; i++) {
                    int r = order[i];
                    leftAcc.add(r, 1);
                    rightAcc.add(r, -1);
                    float a = col[r];
                    float bnext = col[order[i + 1]];
                    if (Float.isNaN(a)) {
                        break;
                    }
                    if (a == bnext || i + 1 < minLeaf || rows.length - i - 1 < minLeaf) {
                        continue;
                    }
                    double score = leftAcc.impurity() + rightAcc.impurity();
                    if (score < parent - 1e-12 && (best == null || score < best.score)) {
                        float t;
                        if (Float.isNaN(bnext)) {
                            t = a;
                        } else {
                            t = (float) (((double) a + (double) bnext) / 2);
                            if (!(t >= a && t < bnext)) {
                                t = a;
                            }
                        }
                        best = new Split(f, t, score);
                    }
                }
            }
            return best;
        }

        double impurityOf(int[] rows) {
            Acc acc = new Acc();
            for (int r : rows) {
                acc.add(r, 1);
            }
            return acc.impurity();
        }

        /** Sufficient statistics of one side: class weights (Gini) or weight, sum, sum of squares. */
        final class Acc {
            final double[] counts = classes > 0 ? new double[classes] : null;
            double sw;
            double sy;
            double syy;

            void add(int r, int sign) {
                double wr = weight(r) * sign;
                sw += wr;
                if (counts != null) {
                    counts[(int) y[r]] += wr;
                } else {
                    sy += wr * y[r];
                    syy += wr * y[r] * y[r];
                }
            }

            /** Total impurity (weight × Gini, or sum of squared errors around the mean). */
            double impurity() {
                if (sw <= 1e-12) {
                    return 0;
                }
                if (counts != null) {
                    double s = 0;
                    for (double c : counts) {
                        s += c * c;
                    }
                    return sw - s / sw;
                }
                return Math.max(0, syy - sy * sy / sw);
            }
        }
    }
}

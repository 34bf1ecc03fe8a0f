package org.fairhunt.bounty.learn;

/**
 * A binary decision tree over float features, in parallel arrays. An internal node sends a row to
 * {@code left} when {@code x[feature] <= threshold} and to {@code right} otherwise; a missing value
 * (NaN) fails the comparison and goes right, exactly as ONNX's {@code BRANCH_LEQ} does. Leaves carry
 * {@code values[node]} (one value per target).
 */
public final class Tree {
    final int[] feature;
    final float[] threshold;
    final int[] left;
    final int[] right;
    final float[][] values;

    Tree(int[] feature, float[] threshold, int[] left, int[] right, float[][] values) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.values = values;
    }

    public int nodeCount() {
        return feature.length;
    }

    boolean isLeaf(int node) {
        return left[node] < 0;
    }

    /** The leaf a row of {@code columns} (one float array per feature) reaches. */
    int leaf(float[][] columns, int row) {
        int n = 0;
        while (!isLeaf(n)) {
            n = columns[feature[n]][row] <= threshold[n] ? left[n] : right[n];
        }
        return n;
    }

    /** Target {@code k} of the leaf reached by {@code row}. */
    float value(float[][] columns, int row, int k) {
        return values[leaf(columns, row)][k];
    }
}

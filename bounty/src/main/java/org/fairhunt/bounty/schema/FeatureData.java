package org.fairhunt.bounty.schema;

/**
 * A table encoded by a {@link FeatureSchema}: float inputs for ONNX (one array per feature), the
 * values CEL sees ({@code String[]} for categorical features, {@code double[]} for numeric ones) and,
 * when read, the label as doubles (class codes for classification).
 */
public final class FeatureData {
    private final FeatureSchema schema;
    private final String source;
    private final int rowCount;
    private final float[][] inputs;
    private final Object[] celValues;
    private final double[] labels;

    FeatureData(FeatureSchema schema, String source, int rowCount, float[][] inputs, Object[] celValues, double[] labels) {
        this.schema = schema;
        this.source = source;
        this.rowCount = rowCount;
        this.inputs = inputs;
        this.celValues = celValues;
        this.labels = labels;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public String source() {
        return source;
    }

    public int rowCount() {
        return rowCount;
    }

    /** Float values of feature {@code j} (not copied; do not modify). */
    public float[] input(int j) {
        return inputs[j];
    }

    /** CEL value of feature {@code j} at {@code row}: a String or a Double. */
    public Object celValue(int j, int row) {
        Object a = celValues[j];
        return a instanceof String[] s ? s[row] : (Object) ((double[]) a)[row];
    }

    /** The raw CEL column of feature {@code j}: {@code String[]} or {@code double[]}. */
    public Object celColumn(int j) {
        return celValues[j];
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** Labels (not copied; do not modify). */
    public double[] labels() {
        if (labels == null) {
            throw new IllegalStateException(source + " was encoded without its label");
        }
        return labels;
    }

    /** The rows at {@code rows}, in that order. */
    public FeatureData subset(int[] rows) {
        float[][] in = new float[inputs.length][];
        Object[] cel = new Object[celValues.length];
        for (int j = 0; j < inputs.length; j++) {
            float[] src = inputs[j];
            float[] dst = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                dst[i] = src[rows[i]];
            }
            in[j] = dst;
            if (celValues[j] instanceof String[] s) {
                String[] d = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    d[i] = s[rows[i]];
                }
                cel[j] = d;
            } else {
                double[] s = (double[]) celValues[j];
                double[] d = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    d[i] = s[rows[i]];
                }
                cel[j] = d;
            }
        }
        double[] y = null;
        if (labels != null) {
            y = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                y[i] = labels[rows[i]];
            }
        }
        return new FeatureData(schema, source, rows.length, in, cel, y);
    }
}

package org.fairhunt.bounty.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Non-secret rows to validate a submitted model or group on before it touches the holdout: the public
 * training rows plus synthetic rows built from the schema alone (every level of every categorical
 * feature, each feature missing in turn, every feature missing, and extreme, zero and negative-zero
 * numbers). A model that fails on these fails with a message that may quote numbers: they are public.
 */
public final class PublicProbe {
    private PublicProbe() {
    }

    /** The training rows followed by the synthetic rows (without labels). */
    public static FeatureData of(FeatureData train) {
        FeatureSchema schema = train.schema();
        List<Feature> features = schema.features();
        int p = features.size();
        int base = train.rowCount();
        // Synthetic rows: start from training row 0 (or all-missing when there is none) and vary one feature.
        List<Object[]> rows = new ArrayList<>();
        rows.add(template(train, null));
        for (int j = 0; j < p; j++) {
            Feature f = features.get(j);
            Object[] missing = template(train, 0);
            missing[j] = f.categorical() ? "" : Double.NaN;
            rows.add(missing);
            if (f.categorical()) {
                for (String level : f.levels()) {
                    Object[] r = template(train, 0);
                    r[j] = level;
                    rows.add(r);
                }
            } else {
                for (double v : new double[] {0.0, -0.0, -1e30, 1e30, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-30}) {
                    Object[] r = template(train, 0);
                    r[j] = v;
                    rows.add(r);
                }
            }
        }
        int n = base + rows.size();
        float[][] inputs = new float[p][];
        Object[] cel = new Object[p];
        for (int j = 0; j < p; j++) {
            Feature f = features.get(j);
            float[] x = new float[n];
            System.arraycopy(train.input(j), 0, x, 0, base);
            if (f.categorical()) {
                String[] v = new String[n];
                System.arraycopy((String[]) train.celColumn(j), 0, v, 0, base);
                for (int k = 0; k < rows.size(); k++) {
                    String s = (String) rows.get(k)[j];
                    v[base + k] = s;
                    int code = s.isEmpty() ? -1 : f.levels().indexOf(s);
                    x[base + k] = code < 0 ? Float.NaN : code;
                }
                cel[j] = v;
            } else {
                double[] v = new double[n];
                System.arraycopy((double[]) train.celColumn(j), 0, v, 0, base);
                for (int k = 0; k < rows.size(); k++) {
                    v[base + k] = (Double) rows.get(k)[j];
                    x[base + k] = (float) v[base + k];
                }
                cel[j] = v;
            }
            inputs[j] = x;
        }
        return new FeatureData(schema, "public rows and schema probe", n, inputs, cel, null);
    }

    /** Training row {@code row}'s values, or every feature missing when {@code row} is null or absent. */
    private static Object[] template(FeatureData train, Integer row) {
        List<Feature> features = train.schema().features();
        Object[] r = new Object[features.size()];
        for (int j = 0; j < r.length; j++) {
            boolean use = row != null && row < train.rowCount();
            r[j] = use ? train.celValue(j, row) : features.get(j).categorical() ? "" : (Object) Double.NaN;
        }
        return r;
    }
}

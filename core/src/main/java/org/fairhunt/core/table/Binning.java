package org.fairhunt.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fairhunt.core.UserInputException;

/**
 * Turns a numeric column into a categorical one by explicit cut points, so that a numeric attribute
 * can act as a group. Edges {@code 25,40,60} give the bins {@code <25}, {@code [25,40)},
 * {@code [40,60)} and {@code >=60}, in that order; a missing number stays missing.
 */
public final class Binning {
    private final double[] edges;

    public Binning(double[] edges) {
        if (edges.length == 0) {
            throw new UserInputException("a binning needs at least one cut point");
        }
        double[] sorted = edges.clone();
        for (int i = 0; i < sorted.length; i++) {
            if (!Double.isFinite(sorted[i])) {
                throw new UserInputException("bin cut points must be finite numbers, got " + sorted[i]);
            }
            if (i > 0 && sorted[i] <= sorted[i - 1]) {
                throw new UserInputException("bin cut points must increase strictly, got " + Arrays.toString(edges));
            }
        }
        this.edges = sorted;
    }

    /** Parses {@code "25,40,60"}. */
    public static Binning parse(String spec) {
        String[] parts = spec.split(",");
        double[] e = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (!Columns.looksNumeric(p)) {
                throw new UserInputException("bin cut point '" + p + "' is not a number (expected e.g. 25,40,60)");
            }
            e[i] = Columns.parseNumber(p);
        }
        return new Binning(e);
    }

    /** The cut points, ascending. */
    public double[] edges() {
        return edges.clone();
    }

    /** The bin labels in order. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(edges.length + 1);
        labels.add("<" + NumericColumn.format(edges[0]));
        for (int i = 1; i < edges.length; i++) {
            labels.add("[" + NumericColumn.format(edges[i - 1]) + "," + NumericColumn.format(edges[i]) + ")");
        }
        labels.add(">=" + NumericColumn.format(edges[edges.length - 1]));
        return labels;
    }

    /** The bin index of {@code v}, or {@link CategoricalColumn#MISSING} for {@code NaN}. */
    public int bin(double v) {
        if (Double.isNaN(v)) {
            return CategoricalColumn.MISSING;
        }
        int i = Arrays.binarySearch(edges, v);
        return i >= 0 ? i + 1 : -i - 1;
    }

    public CategoricalColumn apply(NumericColumn column) {
        return apply(column, column.name());
    }

    public CategoricalColumn apply(NumericColumn column, String name) {
        int[] codes = new int[column.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = bin(column.value(i));
        }
        return new CategoricalColumn(name, codes, labels());
    }
}

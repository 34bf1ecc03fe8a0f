package org.fairhunt.discovery.slice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.stats.BootstrapIntervals;
import org.fairhunt.core.table.Binning;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;

/**
 * The features a slice may condition on, each as one small dense code per row ({@code 0 ..
 * levels−1}). A missing value is a level of its own ({@code (missing)}), never imputed. Numeric
 * columns with more than {@code bins} distinct values are cut into {@code bins} quantile bins (type-7
 * quantiles at {@code j/bins}; tied cut points merge, so a skewed column may get fewer bins); numeric
 * columns with at most {@code bins} distinct values keep their values. A feature with a single value
 * cannot split the data and is skipped with a notice; a categorical feature with more than
 * {@code maxLevels} values is refused, since a slice on one of thousands of ids is not a subgroup.
 */
public final class SliceFeatures {
    /** Codes are stored in bytes, so no feature may have more levels than this. */
    public static final int HARD_MAX_LEVELS = 255;

    private final List<String> names;
    private final List<List<String>> levels;
    private final byte[][] codes;
    private final int rows;
    private final List<String> notices;

    /**
     * @param names  one per feature
     * @param levels the labels of each feature's codes
     * @param codes  per feature, one code per row in {@code [0, levels)}; owned from now on
     */
    public SliceFeatures(List<String> names, List<List<String>> levels, byte[][] codes, List<String> notices) {
        if (names.size() != levels.size() || names.size() != codes.length) {
            throw new IllegalArgumentException("names, levels and codes differ in count");
        }
        this.names = List.copyOf(names);
        List<List<String>> lv = new ArrayList<>();
        for (List<String> l : levels) {
            if (l.size() > HARD_MAX_LEVELS) {
                throw new IllegalArgumentException("at most " + HARD_MAX_LEVELS + " levels per feature");
            }
            lv.add(List.copyOf(l));
        }
        this.levels = List.copyOf(lv);
        this.codes = codes;
        this.rows = codes.length == 0 ? 0 : codes[0].length;
        for (byte[] c : codes) {
            if (c.length != rows) {
                throw new IllegalArgumentException("feature code arrays differ in length");
            }
        }
        this.notices = List.copyOf(notices);
    }

    /** Encodes the named columns of {@code table}; see the class comment for binning and refusals. */
    public static SliceFeatures encode(Table table, List<String> featureNames, int bins, int maxLevels) {
        if (bins < 2) {
            throw new UserInputException("--bins must be at least 2, got " + bins);
        }
        if (maxLevels < 2 || maxLevels > HARD_MAX_LEVELS) {
            throw new UserInputException("the most values a feature may have must lie in [2, " + HARD_MAX_LEVELS + "], got " + maxLevels);
        }
        if (featureNames.isEmpty()) {
            throw new UserInputException("no features given: name the columns a slice may condition on");
        }
        List<String> names = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        List<byte[]> codes = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (String name : featureNames) {
            if (names.contains(name)) {
                throw new UserInputException("feature '" + name + "' is named twice");
            }
            Column column = table.column(name);
            CategoricalColumn cat;
            if (column instanceof NumericColumn num) {
                cat = binNumeric(num, bins, notices);
            } else if (column instanceof TextColumn) {
                cat = table.categorical(name);
            } else {
                cat = (CategoricalColumn) column;
            }
            int[] counts = cat.counts();
            int used = 0;
            for (int c : counts) {
                if (c > 0) {
                    used++;
                }
            }
            if (used > maxLevels) {
                throw new UserInputException(table.source() + ": feature '" + name + "' has " + used
                        + " distinct values (at most " + maxLevels + " allowed); a slice on one of that many values is not a "
                        + "subgroup: drop the feature, map it to coarser values, or raise --max-levels (at most "
                        + HARD_MAX_LEVELS + ")");
            }
            if (used <= 1) {
                notices.add("feature '" + name + "' skipped: it has " + (used == 0 ? "no values" : "a single value") + " in all "
                        + table.rowCount() + " rows, so it cannot split the data");
                continue;
            }
            // Dense recoding: only levels that occur, plus (missing) when some value is missing.
            int missingIndex = cat.levelCount();
            int[] recode = new int[counts.length];
            List<String> labels = new ArrayList<>();
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] > 0) {
                    recode[k] = labels.size();
                    labels.add(k == missingIndex ? CategoricalColumn.MISSING_LABEL : cat.level(k));
                }
            }
            byte[] b = new byte[table.rowCount()];
            for (int i = 0; i < b.length; i++) {
                int c = cat.code(i);
                b[i] = (byte) recode[c == CategoricalColumn.MISSING ? missingIndex : c];
            }
            names.add(name);
            levels.add(labels);
            codes.add(b);
        }
        if (names.isEmpty()) {
            throw new UserInputException("no usable feature: every feature given has a single value (" + String.join("; ", notices) + ")");
        }
        return new SliceFeatures(names, levels, codes.toArray(new byte[0][]), notices);
    }

    /**
     * A numeric column as categories: its own values when it has at most {@code bins} distinct ones,
     * else {@code bins} quantile bins (type-7 quantiles at {@code j/bins}, tied cut points merged, a
     * notice added when that leaves fewer bins).
     */
    public static CategoricalColumn binNumeric(NumericColumn num, int bins, List<String> notices) {
        double[] present = Arrays.stream(num.valuesUnsafe()).filter(v -> !Double.isNaN(v)).sorted().toArray();
        long distinct = Arrays.stream(present).distinct().count();
        if (distinct <= bins) {
            return org.fairhunt.core.table.Columns.toCategorical(num);
        }
        List<Double> edges = new ArrayList<>();
        for (int j = 1; j < bins; j++) {
            double q = BootstrapIntervals.quantile(present, (double) j / bins);
            if (q > present[0] && (edges.isEmpty() || q > edges.get(edges.size() - 1))) {
                edges.add(q);
            }
        }
        Binning binning = new Binning(edges.stream().mapToDouble(Double::doubleValue).toArray());
        notices.add("numeric feature '" + num.name() + "' (" + distinct + " distinct values) cut into " + (edges.size() + 1)
                + " quantile bins: " + String.join(", ", binning.labels())
                + (edges.size() + 1 < bins ? " (fewer than " + bins + " because of tied values)" : ""));
        return binning.apply(num);
    }

    public int featureCount() {
        return names.size();
    }

    public int rowCount() {
        return rows;
    }

    public String name(int feature) {
        return names.get(feature);
    }

    public List<String> names() {
        return names;
    }

    public int levelCount(int feature) {
        return levels.get(feature).size();
    }

    public String level(int feature, int code) {
        return levels.get(feature).get(code);
    }

    /** The code of {@code feature} at {@code row}. */
    public int code(int feature, int row) {
        return codes[feature][row] & 0xFF;
    }

    /** The codes of one feature, for tight loops; callers must not modify them. */
    byte[] codesUnsafe(int feature) {
        return codes[feature];
    }

    /** What encoding skipped or changed, for the report. */
    public List<String> notices() {
        return notices;
    }
}

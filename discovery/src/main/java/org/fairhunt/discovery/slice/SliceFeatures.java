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
public final class SliceFeatures implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

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

    /**
     * How one feature's values become codes: the levels of the categorical column it is read as (its own,
     * a binning's, or those of the whole data on Spark) and their dense recoding, {@code recode[level]}
     * (the missing value at index {@code levels}), {@code −1} for a level no row takes. Serializable, so
     * that Spark's executors code their rows exactly as the driver decided from the whole data.
     */
    public record Coding(String name, List<String> labels, int[] recode) implements java.io.Serializable {
        public Coding {
            labels = List.copyOf(labels);
        }
    }

    /** Encodes the named columns of {@code table}; see the class comment for binning and refusals. */
    public static SliceFeatures encode(Table table, List<String> featureNames, int bins, int maxLevels) {
        checkOptions(featureNames, bins, maxLevels);
        List<Coding> codings = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<CategoricalColumn> columns = new ArrayList<>();
        for (String name : featureNames) {
            Column column = table.column(name);
            CategoricalColumn cat;
            if (column instanceof NumericColumn num) {
                cat = binNumeric(num, bins, notices);
            } else if (column instanceof TextColumn) {
                cat = table.categorical(name);
            } else {
                cat = (CategoricalColumn) column;
            }
            // Rows per level, the missing ones last (as CategoricalColumn.counts, without an int array in between).
            long[] c = new long[cat.levelCount() + 1];
            int missingIndex = cat.levelCount();
            for (int code : cat.codesUnsafe()) {
                c[code == CategoricalColumn.MISSING ? missingIndex : code]++;
            }
            Coding coding = coding(table.source(), name, cat.levels(), c, table.rowCount(), maxLevels, notices);
            if (coding != null) {
                codings.add(coding);
                columns.add(cat);
            }
        }
        checkUsable(codings, notices);
        return apply(codings, columns, table.rowCount(), notices);
    }

    /** The refusals of options that need no data: fewer than two bins, a bad level limit, no features, a feature twice. */
    public static void checkOptions(List<String> featureNames, int bins, int maxLevels) {
        if (bins < 2) {
            throw new UserInputException("--bins must be at least 2, got " + bins);
        }
        if (maxLevels < 2 || maxLevels > HARD_MAX_LEVELS) {
            throw new UserInputException("the most values a feature may have must lie in [2, " + HARD_MAX_LEVELS + "], got " + maxLevels);
        }
        if (featureNames.isEmpty()) {
            throw new UserInputException("no features given: name the columns a slice may condition on");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : featureNames) {
            if (!seen.add(name)) {
                throw new UserInputException("feature '" + name + "' is named twice");
            }
        }
    }

    /**
     * How a feature read as categories with {@code levels} is coded, from how many of {@code rows} rows take
     * each level ({@code counts[levels.size()]}: missing; only zero or not matters): only levels that occur,
     * plus {@code (missing)} when some value is missing. {@code null}, with a notice, for a feature with a
     * single value; a user error for one with more than {@code maxLevels}.
     */
    public static Coding coding(String source, String name, List<String> levels, long[] counts, long rows, int maxLevels,
            List<String> notices) {
        int used = 0;
        for (long c : counts) {
            if (c > 0) {
                used++;
            }
        }
        if (used > maxLevels) {
            throw tooManyValues(source, name, used, maxLevels);
        }
        if (used <= 1) {
            notices.add("feature '" + name + "' skipped: it has " + (used == 0 ? "no values" : "a single value") + " in all "
                    + rows + " rows, so it cannot split the data");
            return null;
        }
        int missingIndex = levels.size();
        int[] recode = new int[counts.length];
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                recode[k] = labels.size();
                labels.add(k == missingIndex ? CategoricalColumn.MISSING_LABEL : levels.get(k));
            } else {
                recode[k] = -1;
            }
        }
        return new Coding(name, labels, recode);
    }

    /** The refusal of a feature with {@code used} distinct values, more than {@code maxLevels}. */
    public static UserInputException tooManyValues(String source, String name, long used, int maxLevels) {
        return new UserInputException(source + ": feature '" + name + "' has " + used
                + " distinct values (at most " + maxLevels + " allowed); a slice on one of that many values is not a "
                + "subgroup: drop the feature, map it to coarser values, or raise --max-levels (at most "
                + HARD_MAX_LEVELS + ")");
    }

    /** The refusal when every feature was skipped. */
    public static void checkUsable(List<Coding> codings, List<String> notices) {
        if (codings.isEmpty()) {
            throw new UserInputException("no usable feature: every feature given has a single value (" + String.join("; ", notices) + ")");
        }
    }

    /**
     * The features of {@code rows} rows whose columns, read as categories with the levels each {@link Coding}
     * was made for, are {@code columns} (in the codings' order).
     */
    public static SliceFeatures apply(List<Coding> codings, List<CategoricalColumn> columns, int rows, List<String> notices) {
        List<String> names = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        byte[][] codes = new byte[codings.size()][];
        for (int f = 0; f < codings.size(); f++) {
            Coding coding = codings.get(f);
            CategoricalColumn cat = columns.get(f);
            int missingIndex = coding.recode().length - 1;
            if (cat.levelCount() != missingIndex) {
                throw new IllegalArgumentException("feature '" + coding.name() + "' has " + cat.levelCount() + " levels, its coding "
                        + missingIndex);
            }
            byte[] b = new byte[rows];
            // The recoding shifted by one, so that a missing value (code -1) needs no branch.
            int[] recode = new int[missingIndex + 1];
            recode[0] = coding.recode()[missingIndex];
            System.arraycopy(coding.recode(), 0, recode, 1, missingIndex);
            int[] in = cat.codesUnsafe();
            int unused = 0;
            for (int i = 0; i < rows; i++) {
                int r = recode[in[i] + 1];
                unused |= r;
                b[i] = (byte) r;
            }
            if (unused < 0) {
                throw new IllegalStateException("feature '" + coding.name() + "': a value no row had when it was coded");
            }
            names.add(coding.name());
            levels.add(coding.labels());
            codes[f] = b;
        }
        return new SliceFeatures(names, levels, codes, notices);
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
        return quantileBinning(num.name(), present.length, i -> present[(int) i], distinct, bins, notices).apply(num);
    }

    /**
     * The quantile bins of a numeric feature with {@code distinct} (more than {@code bins}) distinct values
     * among {@code n} present ones, given by rank in ascending order ({@code sortedAt}, read only at rank 0
     * and the ranks of {@link #quantileRanks}), with the notice saying so.
     */
    public static Binning quantileBinning(String name, long n, java.util.function.LongToDoubleFunction sortedAt, long distinct,
            int bins, List<String> notices) {
        List<Double> edges = new ArrayList<>();
        double min = sortedAt.applyAsDouble(0);
        for (int j = 1; j < bins; j++) {
            double q = BootstrapIntervals.quantile(n, (double) j / bins, sortedAt);
            if (q > min && (edges.isEmpty() || q > edges.get(edges.size() - 1))) {
                edges.add(q);
            }
        }
        Binning binning = new Binning(edges.stream().mapToDouble(Double::doubleValue).toArray());
        notices.add("numeric feature '" + name + "' (" + distinct + " distinct values) cut into " + (edges.size() + 1)
                + " quantile bins: " + String.join(", ", binning.labels())
                + (edges.size() + 1 < bins ? " (fewer than " + bins + " because of tied values)" : ""));
        return binning;
    }

    /** The 0-based ranks among {@code n} sorted values that {@link #quantileBinning} reads: 0 and each quantile's two. */
    public static long[] quantileRanks(long n, int bins) {
        java.util.TreeSet<Long> ranks = new java.util.TreeSet<>();
        ranks.add(0L);
        for (int j = 1; j < bins; j++) {
            for (long r : BootstrapIntervals.quantileRanks(n, (double) j / bins)) {
                ranks.add(r);
            }
        }
        return ranks.stream().mapToLong(Long::longValue).toArray();
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

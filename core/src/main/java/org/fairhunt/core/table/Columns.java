package org.fairhunt.core.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Conversions and selections between column kinds. */
public final class Columns {
    private Columns() {
    }

    /** Widest range of integer values encoded through a direct index rather than by their printed text. */
    static final int MAX_DIRECT_RANGE = 1 << 16;

    /** Encodes any column by its printed values, levels in order of first appearance. */
    public static CategoricalColumn toCategorical(Column c) {
        if (c instanceof CategoricalColumn cat) {
            return cat;
        }
        if (c instanceof NumericColumn num) {
            CategoricalColumn direct = num.codesUnsafe() != null ? smallIntegerCodes(num) : smallIntegers(num);
            if (direct != null) {
                return direct;
            }
        }
        Map<String, Integer> dict = new HashMap<>();
        List<String> levels = new ArrayList<>();
        int[] codes = new int[c.size()];
        for (int i = 0; i < codes.length; i++) {
            String t = c.text(i);
            if (t == null) {
                codes[i] = CategoricalColumn.MISSING;
            } else {
                Integer code = dict.get(t);
                if (code == null) {
                    code = levels.size();
                    dict.put(t, code);
                    levels.add(t);
                }
                codes[i] = code;
            }
        }
        return new CategoricalColumn(c.name(), codes, levels);
    }

    /**
     * The common case of a numeric code column (a 0/1 label or prediction, a 1–5 rating): every present value
     * an integer within {@link #MAX_DIRECT_RANGE} of the smallest. Each value indexes a code table directly,
     * so only a value's first row formats it; the levels and codes are those of the text path (integers
     * print without a fraction, {@code -0} as {@code 0}). {@code null} when the column is not such a column.
     */
    private static CategoricalColumn smallIntegers(NumericColumn c) {
        double[] v = c.valuesUnsafe();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (x != x) {
                continue;
            }
            if (!isInteger(x)) {
                return null;
            }
            // plain comparisons, not Math.min/max (out of line under C1): they differ only for -0.0 against
            // 0.0, which (long) min and max - min below treat alike
            if (x < min) {
                min = x;
            }
            if (x > max) {
                max = x;
            }
        }
        if (min > max) {
            min = 0;
            max = 0;
        }
        if (!(max - min < MAX_DIRECT_RANGE)) {
            return null;
        }
        long low = (long) min;
        int[] codeOf = new int[(int) ((long) max - low) + 1];
        java.util.Arrays.fill(codeOf, -1);
        List<String> levels = new ArrayList<>();
        int[] codes = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (x != x) {
                codes[i] = CategoricalColumn.MISSING;
                continue;
            }
            int slot = (int) ((long) x - low);
            int code = codeOf[slot];
            if (code < 0) {
                code = levels.size();
                codeOf[slot] = code;
                levels.add(NumericColumn.format(x));
            }
            codes[i] = code;
        }
        return new CategoricalColumn(c.name(), codes, levels);
    }

    /**
     * Whether {@code x} is a whole number. {@code (double) (long) x == x} settles the common case without
     * {@code Math.rint}, which C1 calls out of line (the launcher's JIT for files below 128 MB); |x| >= 2^63 and
     * infinities still ask rint.
     */
    private static boolean isInteger(double x) {
        return (double) (long) x == x || x == Math.rint(x);
    }

    /**
     * {@link #smallIntegers} for a dictionary-encoded column, from its codes: the same levels and codes without
     * the doubles. A row's value is its level's, so the first row of each code decides, in row order, as the
     * first row of each value does there (two codes of one value, {@code 1} and {@code 1.0}, or {@code -0} and
     * {@code 0}, share a slot as their values do). Only codes present in some row count, as only present values
     * do there; a reader's column whose levels are all held and numbered in row order ({@link
     * NumericColumn#levelsInRowOrder}) gives that order without a pass over the rows. When the codes come out
     * unchanged (the reader numbers values in order of first appearance) the view shares the column's code array.
     */
    private static CategoricalColumn smallIntegerCodes(NumericColumn c) {
        int[] in = c.codesUnsafe();
        double[] byCode = c.levelValuesUnsafe();
        int[] map = new int[byCode.length];
        java.util.Arrays.fill(map, -1);
        Map<Long, Integer> codeOfSlot = new HashMap<>();
        List<String> levels = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean identity = true;
        // Levels in row order, every one held: their order is the rows' order of first appearance, so no pass over the
        // rows is needed to find it.
        boolean byLevels = c.levelsInRowOrder();
        for (int i = 0, n = byLevels ? byCode.length : in.length; i < n; i++) {
            int k = byLevels ? i : in[i];
            if (k == CategoricalColumn.MISSING || map[k] >= 0) {
                continue;
            }
            // A code's first row: the checks smallIntegers makes on every value, made once per value here.
            double x = byCode[k];
            if (!isInteger(x)) {
                return null;
            }
            min = Math.min(min, x);
            max = Math.max(max, x);
            Integer code = codeOfSlot.get((long) x);
            if (code == null) {
                code = levels.size();
                codeOfSlot.put((long) x, code);
                levels.add(NumericColumn.format(x));
            }
            map[k] = code;
            identity &= code == k;
        }
        if (min > max) {
            min = 0;
            max = 0;
        }
        if (!(max - min < MAX_DIRECT_RANGE)) {
            return null;
        }
        if (identity) {
            return CategoricalColumn.trusted(c.name(), in, levels);
        }
        int[] codes = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            int k = in[i];
            codes[i] = k == CategoricalColumn.MISSING ? CategoricalColumn.MISSING : map[k];
        }
        return CategoricalColumn.trusted(c.name(), codes, levels);
    }

    /** Parses every value as a number; callers check {@link #looksNumeric} first for a good message. */
    public static NumericColumn toNumeric(Column c) {
        if (c instanceof NumericColumn num) {
            return num;
        }
        double[] values = new double[c.size()];
        if (c instanceof CategoricalColumn cat) {
            double[] byCode = new double[cat.levelCount()];
            for (int k = 0; k < byCode.length; k++) {
                byCode[k] = looksNumeric(cat.level(k)) ? parseNumber(cat.level(k)) : Double.NaN;
            }
            for (int i = 0; i < values.length; i++) {
                int code = cat.code(i);
                values[i] = code == CategoricalColumn.MISSING ? Double.NaN : byCode[code];
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                String t = c.text(i);
                values[i] = t == null || !looksNumeric(t) ? Double.NaN : parseNumber(t);
            }
        }
        return new NumericColumn(c.name(), values);
    }

    /**
     * Whether {@code s} is a plain decimal number ({@code 12}, {@code -0.5}, {@code 1e-3}, {@code inf}).
     * Stricter than {@link Double#parseDouble}, which also takes {@code "1d"}, hex and {@code "NaN"}.
     */
    public static boolean looksNumeric(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        if (i == n) {
            return false;
        }
        String rest = s.substring(i);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return true;
        }
        boolean digits = false;
        boolean dot = false;
        boolean exp = false;
        for (; i < n; i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits = true;
            } else if (ch == '.' && !dot && !exp) {
                dot = true;
            } else if ((ch == 'e' || ch == 'E') && digits && !exp) {
                exp = true;
                digits = false;
                if (i + 1 < n && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-')) {
                    i++;
                }
            } else {
                return false;
            }
        }
        return digits;
    }

    /** Parses a string accepted by {@link #looksNumeric}. */
    public static double parseNumber(String s) {
        String t = s.startsWith("+") ? s.substring(1) : s;
        if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equalsIgnoreCase("-inf") || t.equalsIgnoreCase("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.parseDouble(t);
    }

    /** The given rows of a column, in that order. */
    public static Column select(Column c, int[] rows) {
        if (c instanceof CategoricalColumn cat) {
            int[] codes = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                codes[i] = cat.code(rows[i]);
            }
            return new CategoricalColumn(c.name(), codes, cat.levels());
        }
        if (c instanceof NumericColumn num) {
            double[] v = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                v[i] = num.value(rows[i]);
            }
            return new NumericColumn(c.name(), v);
        }
        String[] v = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = c.text(rows[i]);
        }
        return new TextColumn(c.name(), v);
    }
}

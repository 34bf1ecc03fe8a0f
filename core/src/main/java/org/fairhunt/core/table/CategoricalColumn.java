package org.fairhunt.core.table;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dictionary-encoded column: each row holds an int code into {@link #levels()}, or
 * {@link #MISSING}. Readers list levels in {@link NaturalOrder} ({@code 2} before {@code 10}) unless
 * the file declares them (ARFF nominal attributes keep their declared order, so an unused level still
 * exists); bins keep their bin order.
 */
public final class CategoricalColumn implements Column {
    /** The code of a missing value. */
    public static final int MISSING = -1;
    /** How a missing value is shown when it acts as a group value of its own. */
    public static final String MISSING_LABEL = "(missing)";

    private final String name;
    private final int[] codes;
    private final List<String> levels;
    private Map<String, Integer> index;

    /**
     * @param codes  one code per row, owned by the column from now on (not copied)
     * @param levels the dictionary; every code is {@link #MISSING} or an index into it
     */
    public CategoricalColumn(String name, int[] codes, List<String> levels) {
        this(name, codes, levels, true);
    }

    /** {@code check}: whether to check every code (false only where the caller just checked them). */
    private CategoricalColumn(String name, int[] codes, List<String> levels, boolean check) {
        this.name = Objects.requireNonNull(name, "name");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.levels = List.copyOf(levels);
        if (check) {
            int n = this.levels.size();
            for (int c : codes) {
                if (c < MISSING || c >= n) {
                    throw outside(name, c, n);
                }
            }
        }
    }

    /** A column over codes the caller has made in range: they are neither checked nor copied. */
    static CategoricalColumn trusted(String name, int[] codes, List<String> levels) {
        return new CategoricalColumn(name, codes, levels, false);
    }

    private static IllegalArgumentException outside(String name, int code, int levels) {
        return new IllegalArgumentException("column " + name + ": code " + code + " outside [-1, " + levels + ")");
    }

    /**
     * A column whose levels are sorted in {@link NaturalOrder} (the codes recoded to match), so that
     * reports list {@code 2} before {@code 10} and {@code a} before {@code b} whatever row came first.
     *
     * @param codes one code per row into {@code levels}, owned (and recoded in place) from now on
     */
    public static CategoricalColumn naturallyOrdered(String name, int[] codes, List<String> levels) {
        int[] recode = naturalRecode(levels);
        if (recode == null) {
            return new CategoricalColumn(name, codes, levels);
        }
        int k = levels.size();
        // One pass both checks and recodes the codes.
        for (int r = 0; r < codes.length; r++) {
            int c = codes[r];
            if (c != MISSING) {
                if (c < 0 || c >= k) {
                    throw outside(name, c, k);
                }
                codes[r] = recode[c];
            }
        }
        return new CategoricalColumn(name, codes, recoded(levels, recode), false);
    }

    /**
     * What {@link #naturallyOrdered} makes of the first {@code rows} codes, for a table builder whose codes are all in
     * range: one pass copies them (recoding them when the levels were not in order) and nothing is checked again;
     * {@code codes} itself is left as it was.
     */
    static CategoricalColumn naturallyOrderedCopy(String name, int[] codes, int rows, List<String> levels) {
        int[] recode = naturalRecode(levels);
        if (recode == null) {
            return new CategoricalColumn(name, java.util.Arrays.copyOf(codes, rows), levels, false);
        }
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int c = codes[r];
            out[r] = c == MISSING ? MISSING : recode[c];
        }
        return new CategoricalColumn(name, out, recoded(levels, recode), false);
    }

    /** Each level's position in {@link NaturalOrder} (a stable sort), or {@code null} when the levels are in order. */
    private static int[] naturalRecode(List<String> levels) {
        int k = levels.size();
        Integer[] order = new Integer[k];
        boolean sorted = true;
        for (int i = 0; i < k; i++) {
            order[i] = i;
            sorted &= i == 0 || NaturalOrder.INSTANCE.compare(levels.get(i - 1), levels.get(i)) <= 0;
        }
        if (sorted) {
            return null;
        }
        java.util.Arrays.sort(order, (x, y) -> NaturalOrder.INSTANCE.compare(levels.get(x), levels.get(y)));
        int[] recode = new int[k];
        for (int i = 0; i < k; i++) {
            recode[order[i]] = i;
        }
        return recode;
    }

    /** The levels in the order {@code recode} gives them. */
    private static List<String> recoded(List<String> levels, int[] recode) {
        String[] sorted = new String[recode.length];
        for (int i = 0; i < recode.length; i++) {
            sorted[recode[i]] = levels.get(i);
        }
        return java.util.Arrays.asList(sorted);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORICAL;
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] == MISSING;
    }

    @Override
    public String text(int row) {
        int c = codes[row];
        return c == MISSING ? null : levels.get(c);
    }

    /** The code at {@code row}: an index into {@link #levels()}, or {@link #MISSING}. */
    public int code(int row) {
        return codes[row];
    }

    /**
     * The codes array itself, for tight loops in engines. Callers must not modify it: the column is
     * immutable only as long as they don't.
     */
    public int[] codesUnsafe() {
        return codes;
    }

    /** The dictionary, unmodifiable. */
    public List<String> levels() {
        return levels;
    }

    public int levelCount() {
        return levels.size();
    }

    public String level(int code) {
        return code == MISSING ? null : levels.get(code);
    }

    /** The code of {@code level}, or {@link #MISSING} if the column never takes that value. */
    public synchronized int codeOf(String level) {
        if (index == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < levels.size(); i++) {
                m.put(levels.get(i), i);
            }
            index = Collections.unmodifiableMap(m);
        }
        return index.getOrDefault(level, MISSING);
    }

    /** Counts per code; index {@code levelCount()} holds the number of missing values. */
    public int[] counts() {
        int[] counts = new int[levels.size() + 1];
        for (int c : codes) {
            counts[c == MISSING ? levels.size() : c]++;
        }
        return counts;
    }
}

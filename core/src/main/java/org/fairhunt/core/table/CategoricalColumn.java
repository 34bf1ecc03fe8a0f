package org.fairhunt.core.table;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dictionary-encoded column: each row holds an int code into {@link #levels()}, or
 * {@link #MISSING}. Levels are kept in first-seen order unless a reader declares them (ARFF nominal
 * attributes keep their declared order, so an unused level still exists).
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
        this.name = Objects.requireNonNull(name, "name");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.levels = List.copyOf(levels);
        for (int c : codes) {
            if (c < MISSING || c >= this.levels.size()) {
                throw new IllegalArgumentException("column " + name + ": code " + c + " outside [-1, " + this.levels.size() + ")");
            }
        }
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

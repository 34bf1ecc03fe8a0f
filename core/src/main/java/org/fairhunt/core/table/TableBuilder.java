package org.fairhunt.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Table} from streamed rows of text fields and infers each column's type on the way:
 * a column whose every present value is a plain number becomes {@link NumericColumn}, any other
 * becomes {@link CategoricalColumn}, unless a hint says otherwise. Each column keeps a dictionary of
 * distinct values rather than the text of each cell, so memory grows with the number of distinct
 * values, not with the file. A numeric column with more than {@value #MAX_NUMERIC_DICTIONARY}
 * distinct values drops its dictionary and keeps only doubles.
 */
public final class TableBuilder {
    /** Values that mean "missing" in delimited text files. */
    public static final Set<String> DEFAULT_MISSING = Set.of("", "NA");
    static final int MAX_NUMERIC_DICTIONARY = 1 << 16;

    private final String source;
    private final List<String> names;
    private final ColumnBuilder[] builders;
    private final Set<String> missingTokens;
    private int rows;

    /**
     * @param source        file name for messages
     * @param names         column names in order
     * @param hints         forced types by column name (absent: inferred)
     * @param missingTokens field values that mean missing
     */
    public TableBuilder(String source, List<String> names, Map<String, ColumnType> hints, Set<String> missingTokens) {
        this.source = source;
        this.names = List.copyOf(names);
        this.missingTokens = Set.copyOf(missingTokens);
        this.builders = new ColumnBuilder[names.size()];
        for (int i = 0; i < builders.length; i++) {
            builders[i] = new ColumnBuilder(names.get(i), hints.get(names.get(i)));
        }
    }

    public TableBuilder(String source, List<String> names) {
        this(source, names, Map.of(), DEFAULT_MISSING);
    }

    /**
     * Declares the levels of a categorical column up front (ARFF nominal attributes), so that their
     * order is the declared one and unused levels still exist.
     */
    public void declareLevels(int column, List<String> levels) {
        ColumnBuilder b = builders[column];
        b.forced = ColumnType.CATEGORICAL;
        for (String level : levels) {
            b.codeOf(level);
        }
    }

    public List<String> names() {
        return names;
    }

    public int columnCount() {
        return builders.length;
    }

    public int rowCount() {
        return rows;
    }

    /** Starts a new row; every column is missing until {@link #set} gives it a value. */
    public void startRow() {
        for (ColumnBuilder b : builders) {
            b.appendMissing();
        }
        rows++;
    }

    /** Sets column {@code column} of the current row; a missing token or {@code null} leaves it missing. */
    public void set(int column, String value) {
        if (value == null || missingTokens.contains(value)) {
            return;
        }
        builders[column].setLast(value);
    }

    /** Appends a whole row of fields; {@code fields.length} must equal the column count. */
    public void addRow(String[] fields) {
        if (fields.length != builders.length) {
            throw new IllegalArgumentException("row has " + fields.length + " fields, table has " + builders.length + " columns");
        }
        startRow();
        for (int i = 0; i < fields.length; i++) {
            set(i, fields[i]);
        }
    }

    public Table build() {
        List<Column> cols = new ArrayList<>(builders.length);
        for (ColumnBuilder b : builders) {
            cols.add(b.build(rows));
        }
        return new Table(source, cols);
    }

    /** Grows codes, numbers and (for text) strings side by side until the type is known. */
    private static final class ColumnBuilder {
        final String name;
        ColumnType forced;
        int[] codes = new int[1024];
        double[] numbers = new double[1024];
        String[] texts;
        int size;
        int capacity = 1024;
        boolean numeric = true;
        boolean dictionaryDropped;
        final Map<String, Integer> dictionary = new HashMap<>();
        final List<String> levels = new ArrayList<>();
        double[] levelNumbers = new double[64];

        ColumnBuilder(String name, ColumnType forced) {
            this.name = name;
            this.forced = forced;
            if (forced == ColumnType.TEXT) {
                texts = new String[1024];
            }
            if (forced == ColumnType.CATEGORICAL || forced == ColumnType.TEXT) {
                numeric = false;
                numbers = null;
            }
        }

        void appendMissing() {
            if (size == capacity) {
                capacity *= 2;
                if (codes != null) {
                    codes = Arrays.copyOf(codes, capacity);
                }
                if (numbers != null) {
                    numbers = Arrays.copyOf(numbers, capacity);
                }
                if (texts != null) {
                    texts = Arrays.copyOf(texts, capacity);
                }
            }
            if (codes != null) {
                codes[size] = CategoricalColumn.MISSING;
            }
            if (numbers != null) {
                numbers[size] = Double.NaN;
            }
            size++;
        }

        int codeOf(String value) {
            Integer code = dictionary.get(value);
            if (code == null) {
                code = levels.size();
                dictionary.put(value, code);
                levels.add(value);
                if (numeric) {
                    if (code == levelNumbers.length) {
                        levelNumbers = Arrays.copyOf(levelNumbers, code * 2);
                    }
                    if (Columns.looksNumeric(value)) {
                        levelNumbers[code] = Columns.parseNumber(value);
                    } else if (forced == ColumnType.NUMERIC) {
                        levelNumbers[code] = Double.NaN;
                    } else {
                        becomeCategorical();
                    }
                }
            }
            return code;
        }

        void setLast(String value) {
            int row = size - 1;
            if (texts != null) {
                texts[row] = value;
                return;
            }
            if (dictionaryDropped) {
                if (Columns.looksNumeric(value)) {
                    numbers[row] = Columns.parseNumber(value);
                    return;
                }
                // A high-cardinality numeric column turned out to hold text after all: rebuild codes from numbers.
                restoreDictionary();
            }
            int code = codeOf(value);
            codes[row] = code;
            if (numeric) {
                numbers[row] = levelNumbers[code];
                if (levels.size() > MAX_NUMERIC_DICTIONARY && forced != ColumnType.CATEGORICAL) {
                    dropDictionary();
                }
            }
        }

        private void becomeCategorical() {
            numeric = false;
            numbers = null;
            levelNumbers = null;
        }

        private void dropDictionary() {
            dictionaryDropped = true;
            dictionary.clear();
            levels.clear();
            codes = null;
        }

        private void restoreDictionary() {
            dictionaryDropped = false;
            codes = new int[capacity];
            double[] nums = numbers;
            becomeCategorical();
            for (int i = 0; i < size; i++) {
                codes[i] = Double.isNaN(nums[i]) ? CategoricalColumn.MISSING : codeOf(NumericColumn.format(nums[i]));
            }
        }

        Column build(int rows) {
            if (texts != null) {
                return new TextColumn(name, Arrays.copyOf(texts, rows));
            }
            if (numeric && forced != ColumnType.CATEGORICAL && (levels.size() > 0 || dictionaryDropped || forced == ColumnType.NUMERIC)) {
                return new NumericColumn(name, Arrays.copyOf(numbers, rows));
            }
            return new CategoricalColumn(name, Arrays.copyOf(codes, rows), levels);
        }
    }
}

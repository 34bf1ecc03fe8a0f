package org.fairhunt.core.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.fairhunt.core.RowInputException;
import org.fairhunt.core.UserInputException;

/**
 * An immutable table of equally long named columns. {@link #source()} names where it came from so
 * that every error about the table can say which file it is about.
 */
public final class Table {
    private final String source;
    private final int rowCount;
    private final Map<String, Column> columns;
    /**
     * Categorical views of non-categorical columns, built once: a label is read by the confusion, score and
     * AUC statistics, and re-encoding a million rows for each costs a pass and an array apiece.
     */
    private final Map<String, CategoricalColumn> categoricalViews = new ConcurrentHashMap<>();

    public Table(String source, List<? extends Column> columns) {
        this.source = source == null ? "<table>" : source;
        Map<String, Column> byName = new LinkedHashMap<>();
        int n = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column c : columns) {
            if (c.size() != n) {
                throw new IllegalArgumentException("columns differ in length: " + columns.get(0).name() + " has " + n
                        + " rows, " + c.name() + " has " + c.size());
            }
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column name: " + c.name());
            }
        }
        this.rowCount = n;
        this.columns = Collections.unmodifiableMap(byName);
    }

    /** The file or other origin of the table, used in error messages. */
    public String source() {
        return source;
    }

    public int rowCount() {
        return rowCount;
    }

    /** Columns in file order. */
    public List<Column> columns() {
        return List.copyOf(columns.values());
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** The named column; an unknown name is a user error that lists the known names. */
    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new UserInputException(source + ": no column named '" + name + "'; the columns are: "
                    + String.join(", ", columns.keySet()));
        }
        return c;
    }

    /**
     * The named column as categorical. A numeric column is encoded by its printed values in order of
     * first appearance (so a 0/1 label becomes levels "0" and "1"); text is encoded as it is.
     */
    public CategoricalColumn categorical(String name) {
        Column c = column(name);
        if (c instanceof CategoricalColumn cat) {
            return cat;
        }
        return categoricalViews.computeIfAbsent(name, n -> Columns.toCategorical(c));
    }

    /** The named column as numbers; a categorical or text column is a user error naming the first bad value. */
    public NumericColumn numeric(String name) {
        Column c = column(name);
        if (c instanceof NumericColumn num) {
            return num;
        }
        for (int i = 0; i < c.size(); i++) {
            String t = c.text(i);
            if (t != null && !Columns.looksNumeric(t)) {
                throw new RowInputException(source + ": column '" + name + "' must be numeric, but", i, " holds '" + t + "'");
            }
        }
        return Columns.toNumeric(c);
    }

    /**
     * The named column as finite numbers (missing values allowed): an infinite value ({@code inf},
     * {@code 1e400}) is a user error naming the file, column and row, because a metric of it would be
     * infinite or meaningless rather than undefined with a reason.
     *
     * @param role what the column is, for the message ("score", "label")
     */
    public NumericColumn finite(String name, String role) {
        NumericColumn c = numeric(name);
        double[] levelValues = c.levelValuesUnsafe();
        if (levelValues != null && allFinite(levelValues)) {
            return c; // every row holds one of these values (or none)
        }
        double[] v = c.valuesUnsafe();
        for (int i = 0; i < v.length; i++) {
            if (Double.isInfinite(v[i])) {
                throw new RowInputException(source + ": column '" + name + "'", i, " holds "
                        + (v[i] > 0 ? "+" : "-") + "infinity; a " + role + " must be a finite number");
            }
        }
        return c;
    }

    private static boolean allFinite(double[] values) {
        for (double x : values) {
            if (Double.isInfinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** A new table with {@code column} added, or replacing the column of the same name. */
    public Table with(Column column) {
        Objects.requireNonNull(column, "column");
        if (column.size() != rowCount && !columns.isEmpty()) {
            throw new IllegalArgumentException("column " + column.name() + " has " + column.size() + " rows, table has " + rowCount);
        }
        Map<String, Column> copy = new LinkedHashMap<>(columns);
        copy.put(column.name(), column);
        return new Table(source, new ArrayList<>(copy.values()));
    }

    /** The rows whose indices are given, in that order. */
    public Table rows(int[] rowIndices) {
        List<Column> out = new ArrayList<>();
        for (Column c : columns.values()) {
            out.add(Columns.select(c, rowIndices));
        }
        return new Table(source, out);
    }

    @Override
    public String toString() {
        return "Table[" + source + ", " + rowCount + " rows, columns " + columns.keySet() + "]";
    }
}

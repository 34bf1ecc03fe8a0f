package org.fairhunt.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TextColumn;

/**
 * The columns an audit reads, in the order they are selected from the Dataset, with how each becomes a
 * core column: categorical with the whole data's levels (so every partition codes a value alike and
 * merged states agree on levels), numeric, or text. Built on the driver, shipped to the executors.
 */
final class Layout implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind { CATEGORICAL, NUMERIC, TEXT }

    private final List<String> names = new ArrayList<>();
    private final List<Kind> kinds = new ArrayList<>();
    private final List<List<String>> levels = new ArrayList<>();

    /** Adds {@code name} (once; a column with two roles keeps its first kind) and returns its position. */
    int add(String name, Kind kind) {
        int at = names.indexOf(name);
        if (at >= 0) {
            return at;
        }
        names.add(name);
        kinds.add(kind);
        levels.add(List.of());
        return names.size() - 1;
    }

    List<String> names() {
        return List.copyOf(names);
    }

    int size() {
        return names.size();
    }

    String name(int field) {
        return names.get(field);
    }

    Kind kind(int field) {
        return kinds.get(field);
    }

    int indexOf(String name) {
        return names.indexOf(name);
    }

    void setLevels(int field, List<String> values) {
        levels.set(field, List.copyOf(values));
    }

    List<String> levels(int field) {
        return levels.get(field);
    }

    /** A table of {@code rows} (whose first fields follow this layout) with the whole data's levels. */
    Table table(String source, List<Row> rows) {
        int n = rows.size();
        List<Column> columns = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            switch (kinds.get(f)) {
                case CATEGORICAL -> {
                    List<String> lv = levels.get(f);
                    Map<String, Integer> code = new HashMap<>(lv.size() * 2);
                    for (int i = 0; i < lv.size(); i++) {
                        code.put(lv.get(i), i);
                    }
                    int[] codes = new int[n];
                    Values.Texts texts = new Values.Texts();
                    for (int i = 0; i < n; i++) {
                        String t = texts.of(rows.get(i), f);
                        Integer c = t == null ? null : code.get(t);
                        if (t != null && c == null) {
                            throw new IllegalStateException("column " + names.get(f) + ": value '" + t
                                    + "' was not seen by the first pass; the Dataset is not deterministic");
                        }
                        codes[i] = c == null ? CategoricalColumn.MISSING : c;
                    }
                    columns.add(new CategoricalColumn(names.get(f), codes, lv));
                }
                case NUMERIC -> {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = Values.number(rows.get(i), f);
                    }
                    columns.add(new NumericColumn(names.get(f), v));
                }
                case TEXT -> {
                    String[] v = new String[n];
                    Values.Texts texts = new Values.Texts();
                    for (int i = 0; i < n; i++) {
                        v[i] = texts.of(rows.get(i), f);
                    }
                    columns.add(new TextColumn(names.get(f), v));
                }
                default -> throw new AssertionError(kinds.get(f));
            }
        }
        return new Table(source, columns);
    }

    /** A table with every column and its levels but no rows: what the driver checks a request against. */
    Table schema(String source) {
        return table(source, List.of());
    }
}

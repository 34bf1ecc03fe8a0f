package org.fairhunt.bounty.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Column;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.Table;

/**
 * Names, kinds and order of a program's features, and its label. Levels of categorical features and
 * classes of the label are sorted, so the codes do not depend on row order (a yes/no label has
 * {@code no}=0 and {@code yes}=1).
 */
public final class FeatureSchema {
    private final List<Feature> features;
    private final String label;
    private final Task task;
    private final List<String> classes;
    private final Map<String, Integer> indexByName = new HashMap<>();

    public FeatureSchema(List<Feature> features, String label, Task task, List<String> classes) {
        this.features = List.copyOf(features);
        this.label = label;
        this.task = task;
        this.classes = List.copyOf(classes);
        for (int i = 0; i < this.features.size(); i++) {
            indexByName.put(this.features.get(i).name(), i);
        }
    }

    /**
     * The schema of {@code tables} (train, holdout and test of one program): every column but the label
     * is a feature, in the first table's order; categorical levels are the union over all tables.
     */
    public static FeatureSchema infer(String label, Task requestedTask, Table... tables) {
        Table first = tables[0];
        if (!first.hasColumn(label)) {
            throw new UserInputException(first.source() + ": no label column '" + label + "'; the columns are: "
                    + String.join(", ", first.columnNames()));
        }
        for (Table t : tables) {
            if (!t.columnNames().equals(first.columnNames())) {
                throw new UserInputException(t.source() + ": columns " + t.columnNames() + " differ from "
                        + first.source() + "'s " + first.columnNames() + "; all splits need the same columns");
            }
        }
        Task task = requestedTask != null ? requestedTask
                : first.column(label) instanceof NumericColumn ? Task.REGRESSION : Task.CLASSIFICATION;
        List<String> classes = List.of();
        if (task == Task.CLASSIFICATION) {
            TreeSet<String> levels = new TreeSet<>();
            for (Table t : tables) {
                levels.addAll(presentValues(t.categorical(label)));
            }
            if (levels.size() < 2) {
                throw new UserInputException(first.source() + ": label '" + label + "' has " + levels.size()
                        + " distinct value(s); classification needs at least 2");
            }
            classes = new ArrayList<>(levels);
        } else {
            for (Table t : tables) {
                t.numeric(label);
            }
        }
        List<Feature> features = new ArrayList<>();
        for (String name : first.columnNames()) {
            if (name.equals(label)) {
                continue;
            }
            boolean categorical = false;
            for (Table t : tables) {
                categorical |= !(t.column(name) instanceof NumericColumn);
            }
            if (categorical) {
                TreeSet<String> levels = new TreeSet<>();
                for (Table t : tables) {
                    levels.addAll(presentValues(t.categorical(name)));
                }
                features.add(new Feature(name, true, new ArrayList<>(levels)));
            } else {
                features.add(new Feature(name, false, List.of()));
            }
        }
        if (features.isEmpty()) {
            throw new UserInputException(first.source() + ": no feature columns besides the label '" + label + "'");
        }
        return new FeatureSchema(features, label, task, classes);
    }

    private static List<String> presentValues(CategoricalColumn c) {
        int[] counts = c.counts();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.levelCount(); i++) {
            if (counts[i] > 0) {
                out.add(c.level(i));
            }
        }
        return out;
    }

    public List<Feature> features() {
        return features;
    }

    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (Feature f : features) {
            names.add(f.name());
        }
        return names;
    }

    /** Index of the named feature, or -1. */
    public int indexOf(String name) {
        return indexByName.getOrDefault(name, -1);
    }

    public Feature feature(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new UserInputException("unknown feature '" + name + "'; the features are: " + String.join(", ", featureNames()));
        }
        return features.get(i);
    }

    public String label() {
        return label;
    }

    public Task task() {
        return task;
    }

    /** Class names by code (classification), empty for regression. */
    public List<String> classes() {
        return classes;
    }

    /**
     * Encodes {@code table}. Columns the schema does not know are ignored; the label is read when
     * {@code withLabel} is set, and then must be present in every row.
     */
    public FeatureData encode(Table table, boolean withLabel) {
        int n = table.rowCount();
        float[][] inputs = new float[features.size()][];
        Object[] celValues = new Object[features.size()];
        for (int j = 0; j < features.size(); j++) {
            Feature f = features.get(j);
            if (!table.hasColumn(f.name())) {
                throw new UserInputException(table.source() + ": no column '" + f.name() + "'; the program's features are: "
                        + String.join(", ", featureNames()));
            }
            float[] x = new float[n];
            if (f.categorical()) {
                CategoricalColumn c = table.categorical(f.name());
                String[] values = new String[n];
                int[] remap = new int[c.levelCount()];
                Map<String, Integer> codes = new HashMap<>();
                for (int k = 0; k < f.levels().size(); k++) {
                    codes.put(f.levels().get(k), k);
                }
                for (int k = 0; k < remap.length; k++) {
                    remap[k] = codes.getOrDefault(c.level(k), -1);
                }
                for (int i = 0; i < n; i++) {
                    int code = c.code(i);
                    values[i] = code == CategoricalColumn.MISSING ? "" : c.level(code);
                    int schemaCode = code == CategoricalColumn.MISSING ? -1 : remap[code];
                    x[i] = schemaCode < 0 ? Float.NaN : schemaCode;
                }
                celValues[j] = values;
            } else {
                Column col = table.column(f.name());
                if (!(col instanceof NumericColumn)) {
                    col = table.numeric(f.name());
                }
                double[] v = ((NumericColumn) col).valuesUnsafe();
                for (int i = 0; i < n; i++) {
                    x[i] = (float) v[i];
                }
                celValues[j] = v;
            }
            inputs[j] = x;
        }
        double[] y = null;
        if (withLabel) {
            y = new double[n];
            if (task == Task.CLASSIFICATION) {
                CategoricalColumn c = table.categorical(label);
                for (int i = 0; i < n; i++) {
                    String v = c.text(i);
                    int code = v == null ? -1 : Collections.binarySearch(classes, v);
                    if (v == null) {
                        throw new UserInputException(table.source() + ": row " + (i + 1) + ": label '" + label + "' is missing");
                    }
                    if (code < 0) {
                        throw new UserInputException(table.source() + ": row " + (i + 1) + ": label '" + label + "' is '" + v
                                + "', not one of the program's classes " + classes);
                    }
                    y[i] = code;
                }
            } else {
                NumericColumn c = table.numeric(label);
                for (int i = 0; i < n; i++) {
                    if (c.isMissing(i)) {
                        throw new UserInputException(table.source() + ": row " + (i + 1) + ": label '" + label + "' is missing");
                    }
                    y[i] = c.value(i);
                }
            }
        }
        return new FeatureData(this, table.source(), n, inputs, celValues, y);
    }

    /** The schema as plain maps and lists, for the program manifest. */
    public Map<String, Object> toManifest() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("task", task.name().toLowerCase(java.util.Locale.ROOT));
        m.put("classes", classes);
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Feature f : features) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.name());
            fm.put("kind", f.categorical() ? "categorical" : "numeric");
            if (f.categorical()) {
                fm.put("levels", f.levels());
            }
            fs.add(fm);
        }
        m.put("features", fs);
        m.put("encoding", "one float32 input [N,1] per feature, named as the feature; categorical values as the index of "
                + "their level in 'levels'; missing or unknown values as NaN");
        return m;
    }

    @SuppressWarnings("unchecked")
    public static FeatureSchema fromManifest(Map<String, Object> m) {
        List<Feature> features = new ArrayList<>();
        for (Map<String, Object> fm : (List<Map<String, Object>>) m.get("features")) {
            boolean cat = "categorical".equals(fm.get("kind"));
            features.add(new Feature((String) fm.get("name"), cat, cat ? (List<String>) fm.get("levels") : List.of()));
        }
        return new FeatureSchema(features, (String) m.get("label"),
                Task.valueOf(((String) m.get("task")).toUpperCase(java.util.Locale.ROOT)), (List<String>) m.get("classes"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema s && s.features.equals(features) && s.label.equals(label) && s.task == task
                && s.classes.equals(classes);
    }

    @Override
    public int hashCode() {
        return features.hashCode() * 31 + label.hashCode();
    }
}

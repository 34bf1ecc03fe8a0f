package org.fairhunt.core.table;

/** One immutable column of a {@link Table}. */
public sealed interface Column permits CategoricalColumn, NumericColumn, TextColumn {

    /** The column's name as in the file's header. */
    String name();

    ColumnType type();

    /** Number of rows. */
    int size();

    /** Whether the value at {@code row} is missing (empty field, {@code NA}, {@code ?} in ARFF, JSON null). */
    boolean isMissing(int row);

    /** The value as text, {@code null} when missing; numbers print without a trailing {@code .0}. */
    String text(int row);

    /** Number of missing values. */
    default int missingCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                n++;
            }
        }
        return n;
    }
}

package org.fairhunt.core.table;

/** How a column stores its values. */
public enum ColumnType {
    /** Dictionary-encoded strings: group attributes, class labels. */
    CATEGORICAL,
    /** Primitive doubles, {@code NaN} for missing: scores, numeric labels, ages. */
    NUMERIC,
    /** Free text kept as strings: transcripts. */
    TEXT
}

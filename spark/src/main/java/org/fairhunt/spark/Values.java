package org.fairhunt.spark;

import java.math.BigDecimal;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.fairhunt.core.table.NumericColumn;
import org.fairhunt.core.table.TableBuilder;

/**
 * Spark values as the local readers see them, in one place: a number's text is {@link NumericColumn#format}
 * of its double (a 0/1 label becomes the levels "0" and "1", as from a CSV file), {@code NaN} and the
 * local readers' missing tokens ("", "NA") are missing, booleans are "true"/"false".
 */
final class Values {
    private Values() {
    }

    static boolean isNumeric(DataType type) {
        return type instanceof NumericType;
    }

    /** Whether a column of this type can be read as text by {@link #text}. */
    static boolean isTextual(DataType type) {
        return type instanceof StringType || type instanceof NumericType || type instanceof BooleanType;
    }

    /** The value's text, or {@code null} when missing. */
    static String text(Row row, int field) {
        if (row.isNullAt(field)) {
            return null;
        }
        Object v = row.get(field);
        if (v instanceof String s) {
            return TableBuilder.DEFAULT_MISSING.contains(s) ? null : s;
        }
        if (v instanceof Number n) {
            double d = number(n);
            return Double.isNaN(d) ? null : NumericColumn.format(d);
        }
        return v.toString();
    }

    /** The value as a double, {@code NaN} when missing. */
    static double number(Row row, int field) {
        return row.isNullAt(field) ? Double.NaN : number((Number) row.get(field));
    }

    private static double number(Number n) {
        return n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue();
    }
}

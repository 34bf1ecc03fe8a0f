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

    /**
     * {@link #text} for one column, remembering the text of numbers already seen: a 0/1 label repeats two
     * values millions of times, and formatting each one again dominated the first pass.
     */
    static final class Texts {
        private static final int MAX_REMEMBERED = 4096;
        private final java.util.HashMap<Double, String> numbers = new java.util.HashMap<>();

        String of(Row row, int field) {
            if (row.isNullAt(field)) {
                return null;
            }
            Object v = row.get(field);
            if (v instanceof Number n) {
                double d = number(n);
                if (Double.isNaN(d)) {
                    return null;
                }
                String t = numbers.get(d);
                if (t == null) {
                    t = NumericColumn.format(d);
                    if (numbers.size() < MAX_REMEMBERED) {
                        numbers.put(d, t);
                    }
                }
                return t;
            }
            return text(row, field);
        }
    }

    /** The value as a double, {@code NaN} when missing. */
    static double number(Row row, int field) {
        return row.isNullAt(field) ? Double.NaN : number((Number) row.get(field));
    }

    private static double number(Number n) {
        return n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue();
    }
}

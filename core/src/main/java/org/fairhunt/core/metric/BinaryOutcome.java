package org.fairhunt.core.metric;

import java.util.List;
import java.util.Locale;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.CategoricalColumn;
import org.fairhunt.core.table.Table;

/**
 * A binary outcome read from a column: which value counts as positive. Without an explicit positive
 * value, {@code 1}, {@code true} or {@code yes} (in that order, ignoring case) is taken if the column
 * has it.
 */
public final class BinaryOutcome {
    /** Values taken as positive when none is given. */
    public static final List<String> DEFAULT_POSITIVES = List.of("1", "true", "yes");

    private final String column;
    private final int[] codes;
    private final int positiveCode;
    private final String positive;

    private BinaryOutcome(String column, int[] codes, int positiveCode, String positive) {
        this.column = column;
        this.codes = codes;
        this.positiveCode = positiveCode;
        this.positive = positive;
    }

    /**
     * Resolves the positive value of {@code column}; {@code positive} may be {@code null} for the
     * defaults. A value the column never takes is a user error listing the values it does take.
     */
    public static BinaryOutcome of(Table table, String column, String positive) {
        CategoricalColumn c = table.categorical(column);
        String chosen = positive;
        if (chosen == null) {
            for (String candidate : DEFAULT_POSITIVES) {
                for (String level : c.levels()) {
                    if (level.toLowerCase(Locale.ROOT).equals(candidate)) {
                        chosen = level;
                        break;
                    }
                }
                if (chosen != null) {
                    break;
                }
            }
            if (chosen == null) {
                throw new UserInputException(table.source() + ": column '" + column + "' takes the values "
                        + describe(c.levels()) + "; none is 1, true or yes, so say which is positive with --positive");
            }
        }
        int code = c.codeOf(chosen);
        if (code == CategoricalColumn.MISSING) {
            throw new UserInputException(table.source() + ": column '" + column + "' never takes the positive value '"
                    + chosen + "'; its values are " + describe(c.levels()));
        }
        return new BinaryOutcome(column, c.codesUnsafe(), code, chosen);
    }

    /** Like {@link #of} but with the positive value of another outcome (a prediction coded like the label). */
    public static BinaryOutcome matching(Table table, String column, BinaryOutcome label) {
        CategoricalColumn c = table.categorical(column);
        int code = c.codeOf(label.positive);
        if (code == CategoricalColumn.MISSING) {
            throw new UserInputException(table.source() + ": prediction column '" + column + "' never takes the positive value '"
                    + label.positive + "' of label '" + label.column + "'; its values are " + describe(c.levels())
                    + " (predictions must be coded like the label)");
        }
        return new BinaryOutcome(column, c.codesUnsafe(), code, label.positive);
    }

    private static String describe(List<String> levels) {
        if (levels.isEmpty()) {
            return "(none: every value is missing)";
        }
        List<String> shown = levels.size() > 10 ? levels.subList(0, 10) : levels;
        return "'" + String.join("', '", shown) + "'" + (levels.size() > 10 ? " and " + (levels.size() - 10) + " more" : "");
    }

    public String column() {
        return column;
    }

    public String positive() {
        return positive;
    }

    /** 1 if positive, 0 if not, -1 if missing. */
    public int value(int row) {
        int c = codes[row];
        return c == CategoricalColumn.MISSING ? -1 : (c == positiveCode ? 1 : 0);
    }
}

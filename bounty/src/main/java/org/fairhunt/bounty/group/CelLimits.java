package org.fairhunt.bounty.group;

/**
 * Bounds on a CEL group. CEL is compiled here without comprehension macros ({@code all}, {@code exists},
 * {@code map}, {@code filter}), so evaluating an expression visits each node of its syntax tree at most
 * once: the static cost (nodes, with string searches and regular expressions, which RE2 runs in linear
 * time, weighted by {@value #STRING_FUNCTION_COST}) bounds the evaluation cost of every row.
 *
 * @param maxChars max length of the expression text
 * @param maxCost  max static cost
 */
public record CelLimits(int maxChars, int maxCost) {
    /** Cost of one call to a string search or regular-expression function. */
    public static final int STRING_FUNCTION_COST = 10;

    public static CelLimits defaults() {
        return new CelLimits(2000, 500);
    }
}

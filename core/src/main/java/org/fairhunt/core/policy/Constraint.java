package org.fairhunt.core.policy;

import java.util.List;
import java.util.Locale;

/**
 * One constraint of a policy, such as {@code max_gap(error_rate) <= 0.05 over [sex, age_band]}.
 *
 * @param text       the constraint in its canonical one-line form (as reports show it)
 * @param name       a name given in the policy, or {@code null}
 * @param kind       what is bounded
 * @param metric     the metric's name, as the audit reports it
 * @param comparison how the value must relate to {@code bound}
 * @param bound      the bound
 * @param over       the attribute sets it applies to, each a list of attributes (an intersection when
 *                   longer than one); empty for every attribute set of the audit
 * @param minN       only slices with at least this many rows are checked (0: all)
 * @param line       line of the constraint in the policy file (1-based, 0 unknown)
 * @param column     column of the constraint in the policy file (1-based, 0 unknown)
 */
public record Constraint(String text, String name, Kind kind, String metric, Comparison comparison, double bound,
        List<List<String>> over, long minN, long line, int column) {

    public Constraint {
        over = over.stream().map(List::copyOf).toList();
    }

    /** What a constraint bounds. */
    public enum Kind {
        /** The metric's value in each slice. */
        VALUE,
        /** Each slice's value minus its reference slice's. */
        DIFFERENCE,
        /** Each slice's value divided by its reference slice's. */
        RATIO,
        /** The largest minus the smallest value among the slices of an attribute set. */
        MAX_GAP;

        /** The word used in policy files: {@code value}, {@code difference}, {@code ratio}, {@code max_gap}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The relation the value must have to the bound. */
    public enum Comparison {
        AT_MOST("<="), BELOW("<"), AT_LEAST(">="), ABOVE(">");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Comparison ofSymbol(String s) {
            for (Comparison c : values()) {
                if (c.symbol.equals(s)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(s);
        }

        /** Whether {@code v} satisfies {@code v OP bound}. */
        public boolean holds(double v, double bound) {
            return switch (this) {
                case AT_MOST -> v <= bound;
                case BELOW -> v < bound;
                case AT_LEAST -> v >= bound;
                case ABOVE -> v > bound;
            };
        }

        /** Whether the bound caps values from above. */
        public boolean isUpperBound() {
            return this == AT_MOST || this == BELOW;
        }
    }

    /** The canonical text: {@code kind(metric) OP bound [over [..]] [for every slice with n >= N]}. */
    static String canonical(Kind kind, String metric, Comparison comparison, double bound, List<List<String>> over, long minN) {
        StringBuilder sb = new StringBuilder(kind.word()).append('(').append(metric).append(") ").append(comparison.symbol())
                .append(' ').append(formatNumber(bound));
        if (!over.isEmpty()) {
            sb.append(" over [").append(String.join(", ", over.stream().map(s -> String.join(" & ", s)).toList())).append(']');
        }
        if (minN > 0) {
            sb.append(" for every slice with n >= ").append(minN);
        }
        return sb.toString();
    }

    static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

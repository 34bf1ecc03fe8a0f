package org.fairhunt.core.disparity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairhunt.core.UserInputException;

/**
 * How the reference slice of each attribute set is chosen: fixed values ({@code sex=female}) for the
 * attributes named, and for attribute sets not fully named a strategy — {@code largest} (most rows, the
 * default: the most precise baseline), {@code best} or {@code worst} (by the metric's value and
 * direction; a metric without a direction, such as selection rate, counts higher as "best", which is
 * the four-fifths rule's baseline).
 *
 * @param strategy the fallback strategy
 * @param fixed    attribute → reference value
 */
public record ReferenceChoice(Strategy strategy, Map<String, String> fixed) {

    /** How to pick a reference when no value is fixed for every attribute of a set. */
    public enum Strategy {
        LARGEST, BEST, WORST;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final ReferenceChoice LARGEST = new ReferenceChoice(Strategy.LARGEST, Map.of());

    public ReferenceChoice {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    }

    /**
     * Parses {@code --reference} values: at most one of {@code largest}, {@code best}, {@code worst},
     * and any number of {@code ATTR=VALUE}. An empty list means {@code largest}.
     */
    public static ReferenceChoice parse(List<String> specs) {
        Strategy strategy = null;
        Map<String, String> fixed = new LinkedHashMap<>();
        for (String spec : specs == null ? List.<String>of() : specs) {
            String s = spec.trim();
            int eq = s.indexOf('=');
            if (eq > 0) {
                String attribute = s.substring(0, eq).trim();
                if (fixed.put(attribute, s.substring(eq + 1).trim()) != null) {
                    throw new UserInputException("--reference names attribute '" + attribute + "' twice");
                }
                continue;
            }
            Strategy parsed;
            try {
                parsed = Strategy.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--reference '" + spec + "' is not understood; expected largest, best, worst or ATTR=VALUE");
            }
            if (strategy != null && strategy != parsed) {
                throw new UserInputException("--reference gives two strategies, " + strategy.word() + " and " + parsed.word()
                        + "; give at most one");
            }
            strategy = parsed;
        }
        return new ReferenceChoice(strategy == null ? Strategy.LARGEST : strategy, fixed);
    }

    /** As written on the command line, e.g. {@code sex=female, else largest}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        fixed.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? strategy.word() : String.join(", ", parts) + ", else " + strategy.word();
    }
}

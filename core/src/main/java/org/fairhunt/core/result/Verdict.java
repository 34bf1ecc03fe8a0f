package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The verdict of one policy constraint.
 *
 * @param constraint     the constraint as written in the policy
 * @param outcome        {@code pass}, {@code fail} or {@code inconclusive}
 * @param detail         one sentence a reviewer can read: which slice, which value, which bound
 * @param value          the estimate the constraint was judged on, if one
 * @param lo             its interval's lower end
 * @param hi             its interval's upper end
 * @param moreRowsNeeded for inconclusive verdicts, about how many more rows in the smallest slice involved would settle it
 * @param name           the constraint's name in the policy, or {@code null}
 * @param checks         every slice (or comparison) the constraint was checked on; the verdict is
 *                       {@code fail} if any check fails, else {@code inconclusive} if any is, else {@code pass}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(String constraint, Outcome outcome, String detail, Double value, Double lo, Double hi,
        @JsonProperty("more_rows_needed") Long moreRowsNeeded, String name,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Check> checks) {
    public static final Outcome PASS = Outcome.PASS;
    public static final Outcome FAIL = Outcome.FAIL;
    public static final Outcome INCONCLUSIVE = Outcome.INCONCLUSIVE;

    public Verdict {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** The original seven fields; no name, no checks. */
    public Verdict(String constraint, Outcome outcome, String detail, Double value, Double lo, Double hi, Long moreRowsNeeded) {
        this(constraint, outcome, detail, value, lo, hi, moreRowsNeeded, null, List.of());
    }

    /**
     * One check of a constraint: a slice's value, or a comparison of a slice with its reference.
     *
     * @param attributes     the slice (for {@code max_gap}: its attributes, values empty)
     * @param reference      the reference slice of a difference or ratio, else {@code null}
     * @param n              rows in the smallest slice involved
     * @param outcome        {@code pass}, {@code fail} or {@code inconclusive}
     * @param value          the estimate, or {@code null} when undefined
     * @param lo             its interval's lower end, or {@code null}
     * @param hi             its interval's upper end, or {@code null}
     * @param moreRowsNeeded for an inconclusive check, the approximate extra rows in its smallest slice
     * @param reason         why a check is inconclusive without an interval, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(Map<String, String> attributes, Map<String, String> reference, Long n, Outcome outcome,
            @JsonInclude(JsonInclude.Include.ALWAYS) Double value, Double lo, Double hi,
            @JsonProperty("more_rows_needed") Long moreRowsNeeded, String reason) {
        public Check {
            attributes = ResultMaps.copy(attributes);
            reference = ResultMaps.copy(reference);
        }
    }
}

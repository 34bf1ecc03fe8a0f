package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(String constraint, String outcome, String detail, Double value, Double lo, Double hi,
        @JsonProperty("more_rows_needed") Long moreRowsNeeded) {
    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String INCONCLUSIVE = "inconclusive";
}

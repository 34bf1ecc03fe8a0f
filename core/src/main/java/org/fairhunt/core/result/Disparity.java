package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A comparison of a slice with a reference slice (difference or ratio), or the largest gap among the
 * slices of one attribute set ({@code max_gap}).
 *
 * @param metric      the metric compared
 * @param attributes  the slice compared (for {@code max_gap}: the attributes, values empty)
 * @param reference   the reference slice's attributes (for {@code max_gap}: the best slice)
 * @param kind        {@code difference}, {@code ratio} or {@code max_gap}
 * @param value       the estimate, or {@code null} when undefined (with {@code reason})
 * @param lo          lower end of its interval, or {@code null}
 * @param hi          upper end of its interval, or {@code null}
 * @param pValue      p-value for "no difference", or {@code null}
 * @param qValue      Benjamini–Hochberg q-value across all comparisons of the audit, or {@code null}
 * @param reason      why the value or interval is missing
 * @param n           rows in the slice compared ({@code null} for {@code max_gap})
 * @param referenceN  rows in the reference slice ({@code null} for {@code max_gap})
 * @param tooSmall    whether a slice involved is below the minimum reportable size
 * @param method      how the interval and p-value were computed ({@code bootstrap}, {@code newcombe},
 *                    {@code katz_log}, {@code pearson_chi_square}), or {@code null} when neither exists
 * @param highest     for {@code max_gap}: the slice with the highest value
 * @param lowest      for {@code max_gap}: the slice with the lowest value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Disparity(String metric, Map<String, String> attributes, Map<String, String> reference, DisparityKind kind,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double value, Double lo, Double hi,
        @JsonProperty("p_value") Double pValue, @JsonProperty("q_value") Double qValue, String reason,
        Long n, @JsonProperty("reference_n") Long referenceN,
        @JsonProperty("too_small") @JsonInclude(JsonInclude.Include.ALWAYS) boolean tooSmall, String method,
        Map<String, String> highest, Map<String, String> lowest) {
    public static final DisparityKind DIFFERENCE = DisparityKind.DIFFERENCE;
    public static final DisparityKind RATIO = DisparityKind.RATIO;
    public static final DisparityKind MAX_GAP = DisparityKind.MAX_GAP;

    public Disparity {
        attributes = ResultMaps.copy(attributes);
        reference = ResultMaps.copy(reference);
        highest = ResultMaps.copy(highest);
        lowest = ResultMaps.copy(lowest);
    }

    /** The original ten fields; the rest left empty. */
    public Disparity(String metric, Map<String, String> attributes, Map<String, String> reference, DisparityKind kind,
            Double value, Double lo, Double hi, Double pValue, Double qValue, String reason) {
        this(metric, attributes, reference, kind, value, lo, hi, pValue, qValue, reason, null, null, false, null, null,
                null);
    }

    /** A copy with the q-value set. */
    public Disparity withQValue(Double q) {
        return new Disparity(metric, attributes, reference, kind, value, lo, hi, pValue, q, reason, n, referenceN, tooSmall,
                method, highest, lowest);
    }
}

package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A comparison of a slice with a reference slice (difference or ratio), or the largest gap among the
 * slices of one attribute set ({@code max_gap}).
 *
 * @param metric     the metric compared
 * @param attributes the slice compared (for {@code max_gap}: the attributes, values empty)
 * @param reference  the reference slice's attributes (for {@code max_gap}: the best slice)
 * @param kind       {@code difference}, {@code ratio} or {@code max_gap}
 * @param value      the estimate, or {@code null} when undefined (with {@code reason})
 * @param lo         lower end of its interval, or {@code null}
 * @param hi         upper end of its interval, or {@code null}
 * @param pValue     p-value for "no difference", or {@code null}
 * @param qValue     Benjamini–Hochberg q-value across all comparisons of the audit, or {@code null}
 * @param reason     why the value or interval is missing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Disparity(String metric, Map<String, String> attributes, Map<String, String> reference, String kind,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double value, Double lo, Double hi,
        @JsonProperty("p_value") Double pValue, @JsonProperty("q_value") Double qValue, String reason) {
}

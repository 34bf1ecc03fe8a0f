package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** A verdict's or a check's outcome: the three values of Fairhunt's three-valued judgement. */
public enum Outcome {
    PASS, FAIL, INCONCLUSIVE;

    /** {@code pass}, {@code fail} or {@code inconclusive}, as JSON and reports spell it. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }

    @JsonCreator
    public static Outcome of(String word) {
        return Arrays.stream(values()).filter(o -> o.word().equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome '" + word + "'"));
    }
}

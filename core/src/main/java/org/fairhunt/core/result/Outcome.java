package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.fairhunt.core.json.Words;

/** A verdict's or a check's outcome: the three values of Fairhunt's three-valued judgement. */
public enum Outcome {
    PASS, FAIL, INCONCLUSIVE;

    /** {@code pass}, {@code fail} or {@code inconclusive}, as JSON and reports spell it. */
    @JsonValue
    public String word() {
        return Words.of(this);
    }

    @Override
    public String toString() {
        return word();
    }

    @JsonCreator
    public static Outcome of(String word) {
        return Words.parse(values(), word, "outcome");
    }
}

package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.fairhunt.core.json.Words;

/** What a {@link Disparity} compares: a slice with its reference (difference, ratio) or a whole attribute set (max_gap). */
public enum DisparityKind {
    DIFFERENCE, RATIO, MAX_GAP;

    /** {@code difference}, {@code ratio} or {@code max_gap}, as JSON, policies and reports spell it. */
    @JsonValue
    public String word() {
        return Words.of(this);
    }

    @Override
    public String toString() {
        return word();
    }

    @JsonCreator
    public static DisparityKind of(String word) {
        return Words.parse(values(), word, "disparity kind");
    }
}

package org.fairhunt.core.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a {@link Disparity} compares: a slice with its reference (difference, ratio) or a whole attribute set (max_gap). */
public enum DisparityKind {
    DIFFERENCE, RATIO, MAX_GAP;

    /** {@code difference}, {@code ratio} or {@code max_gap}, as JSON, policies and reports spell it. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }

    @JsonCreator
    public static DisparityKind of(String word) {
        return Arrays.stream(values()).filter(k -> k.word().equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown disparity kind '" + word + "'"));
    }
}

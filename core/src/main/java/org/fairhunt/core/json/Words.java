package org.fairhunt.core.json;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the result tree's enums are written: a constant {@code MAX_GAP} is the word {@code max_gap} in JSON,
 * policies and reports, and reading a word back names what was expected when it is unknown.
 */
public final class Words {
    private Words() {
    }

    /** The constant's word: its name in lower case. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose word is {@code word}; an unknown word names {@code what} and the known words. */
    public static <E extends Enum<E>> E parse(E[] values, String word, String what) {
        return Arrays.stream(values).filter(v -> of(v).equals(word)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown " + what + " '" + word + "'; expected one of " + Arrays.stream(values).map(Words::of).toList()));
    }
}

package org.fairhunt.speech.audio;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A named, parameterized, seeded transform of an utterance's audio, e.g. {@code white-noise:snr=10}.
 * The same input, parameters and seed always give the same output.
 */
public interface AcousticCondition {

    /** The condition's name, e.g. {@code white-noise}. */
    String name();

    /** Its parameters with the values used (defaults filled in), in a fixed order. */
    Map<String, String> parameters();

    Audio apply(Audio in, long seed);

    /** The canonical specification, parseable by {@link Conditions#parse}: {@code name:k=v,k=v}. */
    default String spec() {
        if (parameters().isEmpty()) {
            return name();
        }
        return name() + ":" + parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** A file-name-safe label without underscores (so it can sit inside an rm-style id), e.g. {@code white-noise-snr10}. */
    default String label() {
        StringBuilder sb = new StringBuilder(name());
        parameters().forEach((k, v) -> sb.append('-').append(k).append(v));
        return sb.toString().replaceAll("[^A-Za-z0-9.-]", "");
    }
}

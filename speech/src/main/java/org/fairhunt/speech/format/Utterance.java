package org.fairhunt.speech.format;

import java.util.Objects;

/**
 * One transcript line: utterance id, speaker, the text exactly as read, and where it came from
 * (file and 1-based line, for error messages).
 */
public record Utterance(String id, String speaker, String text, String source, long line) {

    public Utterance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
    }

    public static Utterance of(String id, String speaker, String text) {
        return new Utterance(id, speaker, text, "<memory>", 0);
    }
}

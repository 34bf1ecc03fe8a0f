package org.fairhunt.speech.transcribe;

import java.nio.file.Path;
import java.time.Duration;

/** Turns one WAV file into text. Implementations must be safe to call from several threads at once. */
public interface Transcriber {

    /**
     * The recognized text (words separated by single spaces, possibly empty).
     *
     * @throws TranscriptionException when the recognizer fails, times out or cannot take the file
     */
    String transcribe(Path wav, Duration timeout) throws TranscriptionException;

    /** A short description for reports, e.g. {@code pocketsphinx (/usr/bin/pocketsphinx_continuous)}. */
    String describe();
}

package org.fairhunt.speech.transcribe;

/** One file could not be transcribed; the message says why (exit status, timeout, unsupported audio). */
public class TranscriptionException extends Exception {
    private static final long serialVersionUID = 1L;

    public TranscriptionException(String message) {
        super(message);
    }

    public TranscriptionException(String message, Throwable cause) {
        super(message, cause);
    }
}

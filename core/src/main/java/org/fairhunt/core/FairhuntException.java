package org.fairhunt.core;

/** Root of Fairhunt's own exceptions. */
public class FairhuntException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FairhuntException(String message) {
        super(message);
    }

    public FairhuntException(String message, Throwable cause) {
        super(message, cause);
    }
}

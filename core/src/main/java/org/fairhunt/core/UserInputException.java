package org.fairhunt.core;

/**
 * A mistake in what the user gave us (a file, an option, a policy): the message is written for the
 * user and names where the problem is and what was expected. Command-line front ends print the
 * message alone, without a stack trace, and exit with status 2.
 */
public class UserInputException extends FairhuntException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

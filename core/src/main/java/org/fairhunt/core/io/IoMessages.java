package org.fairhunt.core.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong with a file, in words a user can act on, never Java's internals: a
 * {@code MalformedInputException}'s message is "Input length = 1", an {@code AccessDeniedException}'s
 * only the path. One owner for every reader and writer's messages.
 */
public final class IoMessages {
    private IoMessages() {
    }

    /** The exception's cause in words: "permission denied", "no space left on device", "not valid UTF-8 text …". */
    public static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "it is not valid UTF-8 text (save it as UTF-8)";
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        String kind;
        if (e instanceof AccessDeniedException) {
            kind = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            kind = "no such file or folder";
        } else if (e instanceof NotDirectoryException) {
            kind = "a parent is not a folder";
        } else if (reason != null && !reason.isBlank()) {
            // "No space left on device", "Read-only file system", "Is a directory": the OS says it best.
            return lowerFirst(reason);
        } else {
            kind = "input/output error";
        }
        return reason == null || reason.isBlank() || kind.equalsIgnoreCase(reason) ? kind : kind + " (" + reason + ")";
    }

    /** {@code cannot read FILE: cause}. */
    public static String cannotRead(Object file, IOException e) {
        return "cannot read " + file + ": " + describe(e);
    }

    private static String lowerFirst(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}

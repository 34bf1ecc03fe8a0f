package org.fairhunt.core;

/**
 * A file or database could not be written (or read back) for a reason of the machine rather than of
 * the input: the disk is full, a folder is not writable, a database file is damaged. The message names
 * the file, what happened and whether anything was changed. Command-line front ends print it without a
 * stack trace and exit with their storage status (74, {@code EX_IOERR}), distinct from a user mistake
 * (2) and a policy failure (1).
 */
public class StorageException extends FairhuntException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

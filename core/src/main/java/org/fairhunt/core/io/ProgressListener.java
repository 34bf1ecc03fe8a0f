package org.fairhunt.core.io;

/**
 * Hears how far a reader has got. Readers call {@link #update} after each buffer they consume (often,
 * so implementations throttle themselves) and {@link #done} once at the end.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (bytesRead, totalBytes, rows) -> { };

    /**
     * @param bytesRead  bytes of the file consumed so far (compressed bytes for a gzip file)
     * @param totalBytes the file's size, or -1 if unknown
     * @param rows       rows read so far
     */
    void update(long bytesRead, long totalBytes, long rows);

    /** The read finished (successfully or not); the default does nothing more. */
    default void done(long bytesRead, long totalBytes, long rows) {
    }
}

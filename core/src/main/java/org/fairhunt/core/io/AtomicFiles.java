package org.fairhunt.core.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.fairhunt.core.StorageException;

/**
 * The one way Fairhunt writes an output file: the content goes to a temporary file in the same folder,
 * is forced to the disk, and is then renamed over the target in one atomic step. A reader (or a crash,
 * a kill, a full disk) therefore sees either the previous complete file or the new complete file, never
 * a truncated one. On failure the temporary file is removed, the previous file is left as it was and a
 * {@link StorageException} names the file and the cause in words ("no space left on device").
 *
 * <p>The temporary file is named {@code .<name>.<random>.tmp} in the target's folder (a rename is only
 * atomic within one file system); a kill between creation and rename can leave one behind, which
 * {@link #isTemporary(Path)} recognises so that cleaners can remove it. The folder itself is synced
 * after the rename where the platform allows, so that the new name survives a power loss too.
 */
public final class AtomicFiles {
    private static final String TMP_SUFFIX = ".tmp";

    /** Writes the content to a stream (buffered, flushed and closed by us). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes text to a writer (UTF-8, buffered); the writer is flushed and closed by us. */
    @FunctionalInterface
    public interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces {@code file} with {@code text} in UTF-8. */
    public static void writeString(Path file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes));
    }

    /** Replaces {@code file} with {@code bytes}. */
    public static void writeBytes(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /** Replaces {@code file} with text written through a buffered UTF-8 writer. */
    public static void writeText(Path file, TextContent content) {
        write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            content.writeTo(w);
            w.flush();
        });
    }

    /**
     * Replaces {@code file} with what {@code content} writes. The folder must exist. An
     * {@link IOException} from the content or the file system becomes a {@link StorageException};
     * runtime exceptions from the content (a user error found while writing) pass unchanged. Either
     * way the previous file is untouched and no temporary file is left.
     */
    public static void write(Path file, Content content) {
        write(file, null, content);
    }

    /**
     * {@link #write(Path, Content)} with the file's permissions given (for example owner-only for a
     * bounty program's files); {@code null} keeps a replaced file's permissions and gives a new one
     * {@code rw-r--r--}.
     */
    public static void write(Path file, Set<PosixFilePermission> permissions, Content content) {
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new StorageException("cannot write " + file + ": it is a folder");
        }
        Path tmp;
        try {
            tmp = createTemporary(dir, "." + target.getFileName() + ".");
        } catch (IOException e) {
            throw failure(file, e, false);
        }
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = Channels.newOutputStream(ch)) {
                BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                content.writeTo(new NonClosing(buffered));
                buffered.flush();
                ch.force(true);
            }
            setPermissions(target, tmp, permissions);
            move(tmp, target);
            done = true;
            syncFolder(dir);
        } catch (IOException e) {
            throw failure(file, e, Files.exists(target));
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Nothing more to do: the name marks it as ours for a later clean-up.
                }
            }
        }
    }

    /**
     * A new empty file {@code prefix + random + .tmp} in {@code dir}, owner-only on POSIX file systems: what
     * {@code Files.createTempFile} makes, without its {@code SecureRandom} (whose start-up, the security providers
     * and a native seed, cost a short command more than writing its reports). An unguessable name buys nothing
     * here: the file is created exclusively (never through an existing file or link) and another name is drawn if
     * one exists.
     */
    private static Path createTemporary(Path dir, String prefix) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        while (true) {
            Path tmp = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + TMP_SUFFIX);
            try {
                return posix ? Files.createFile(tmp, OWNER_ONLY) : Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // drawn before: draw again
            }
        }
    }

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    /** Whether {@code file} looks like a temporary file this class left behind (a kill before the rename). */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TMP_SUFFIX);
    }

    /** The exception's cause in words ({@link IoMessages#describe}). */
    public static String describe(IOException e) {
        return IoMessages.describe(e);
    }

    private static StorageException failure(Path file, IOException e, boolean previousExists) {
        String keep = previousExists ? "; the previous " + file.getFileName() + " is unchanged" : "";
        return new StorageException("cannot write " + file + ": " + describe(e) + keep, e);
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this only happens on exotic file systems; a plain replace is the best left.
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A replaced file keeps its permissions; a new one gets 0644 rather than the temporary file's 0600. */
    private static void setPermissions(Path target, Path tmp, Set<PosixFilePermission> permissions) {
        try {
            if (permissions != null) {
                Files.setPosixFilePermissions(tmp, permissions);
            } else if (Files.exists(target)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } else {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }

    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Some platforms cannot open a folder; the file's own data is already on the disk.
        }
    }

    /** Keeps the content from closing the channel before it is forced. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

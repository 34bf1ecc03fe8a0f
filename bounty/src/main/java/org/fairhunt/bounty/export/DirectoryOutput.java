package org.fairhunt.bounty.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fairhunt.core.StorageException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.AtomicFiles;

/**
 * Writes an output folder (an exported model, a hunter's kit) so that it appears whole or not at all:
 * everything goes into a hidden sibling {@code .name.random.tmp}, each file is forced to the disk, and
 * the folder is renamed into place in one step. A kill leaves at most a hidden temporary folder, which
 * the next write to the same place removes; a full disk is a {@link StorageException} naming the
 * folder, and the target is left as it was.
 */
public final class DirectoryOutput {
    /** Fills the temporary folder. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path dir) throws IOException;
    }

    private DirectoryOutput() {
    }

    /**
     * Writes {@code out} (which must not exist, or be an empty folder) with {@code content}.
     *
     * @param what what the folder is, for messages ("exported model")
     */
    public static void write(Path out, String what, Content content) {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        String prefix = "." + target.getFileName() + ".";
        if (Files.isDirectory(target) && !isEmpty(target)) {
            throw new UserInputException(out + ": already exists and is not empty; choose a new folder for the " + what);
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UserInputException(out + ": is a file; choose a new folder for the " + what);
        }
        Path tmp = parent.resolve(prefix + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        try {
            Files.createDirectories(parent);
            removeLeftovers(parent, prefix);
            Files.createDirectory(tmp);
            content.writeTo(tmp);
            forceAll(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw new UserInputException(out + ": appeared while the " + what + " was written; choose a new folder");
            }
            force(parent);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new StorageException("cannot write the " + what + " to " + out + ": " + AtomicFiles.describe(e) + "; nothing was written",
                    e);
        } catch (RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Temporary folders of earlier writes to the same target that a kill left behind. */
    private static void removeLeftovers(Path parent, String prefix) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path p : s) {
                deleteTree(p);
            }
        }
    }

    private static void forceAll(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(all::add);
        }
        for (Path p : all) {
            force(p);
        }
    }

    private static void force(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Folders cannot be opened on some platforms; files were written completely already.
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            List<Path> all = new ArrayList<>();
            walk.forEach(all::add);
            for (int i = all.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(all.get(i));
            }
        } catch (IOException ignored) {
            // a hidden leftover is removed by the next write
        }
    }
}

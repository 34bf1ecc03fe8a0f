package org.fairhunt.bounty.program;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.fairhunt.core.FairhuntException;

/**
 * ONNX files stored under their SHA-256. A file is written to a temporary name and renamed into
 * place, so a reader sees either nothing or the whole file; a file nobody refers to (its submission's
 * transaction never committed) is harmless.
 */
public final class ModelStore {
    private final Path dir;

    public ModelStore(Path dir) {
        this.dir = dir;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path path(String hash) {
        return dir.resolve(hash + ".onnx");
    }

    /** Stores {@code bytes} (idempotent) and returns their hash. */
    public String put(byte[] bytes) {
        String hash = sha256(bytes);
        Path target = path(hash);
        if (Files.exists(target)) {
            return hash;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, hash, ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store model " + hash + " in " + dir, e);
        }
        return hash;
    }

    /** The stored bytes, checked against their hash. */
    public byte[] get(String hash) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path(hash));
        } catch (IOException e) {
            throw new FairhuntException("model " + hash + " is missing from " + dir + ": the program directory is damaged", e);
        }
        if (!sha256(bytes).equals(hash)) {
            throw new FairhuntException("model file " + path(hash) + " does not match its SHA-256: the program directory is damaged");
        }
        return bytes;
    }
}

package org.fairhunt.speech;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared speech data set ({@code <repo root>/../shared/data/speech}); tests skip without it. */
public final class TestData {

    private TestData() {
    }

    public static Path speechDir() {
        Path moduleDir = Path.of("").toAbsolutePath();
        Path dir = moduleDir.getParent().getParent().resolve("shared/data/speech");
        assumeTrue(Files.isRegularFile(dir.resolve("ref.trn")), "shared speech data not found at " + dir);
        return dir;
    }
}

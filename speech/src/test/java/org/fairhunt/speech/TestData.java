package org.fairhunt.speech;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The speech evaluation set shipped with the tests ({@code src/test/resources/fixtures/speech}: the
 * shared set's transcripts and five of its WAV files), so sclite-parity tests never skip for want of data.
 */
public final class TestData {

    private TestData() {
    }

    public static Path speechDir() {
        Path dir = Path.of("src/test/resources/fixtures/speech").toAbsolutePath();
        assertTrue(Files.isRegularFile(dir.resolve("ref.trn")), "speech fixtures missing at " + dir);
        return dir;
    }
}

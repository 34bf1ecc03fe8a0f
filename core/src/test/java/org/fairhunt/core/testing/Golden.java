package org.fairhunt.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: bytes or text a published format must keep producing (or keep reading), stored under
 * {@code src/test/resources/golden/}. A golden file is written once, checked by hand (the test that
 * uses it says what was checked), and then only ever compared against. A deliberate, compatible change
 * (a new field) is recorded by running the test with {@code -Dfairhunt.golden.update=true}, which
 * rewrites the file in the source tree for review in the diff; a v1 file that readers must go on
 * reading is never rewritten: keep it and add a v2 file beside it.
 */
public final class Golden {
    private static final boolean UPDATE = Boolean.getBoolean("fairhunt.golden.update");

    private Golden() {
    }

    /** The golden file's bytes from the test classpath ({@code golden/<name>}). */
    public static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream("golden/" + name)) {
            assertNotNull(in, "golden file golden/" + name + " is missing from the test resources");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden file as UTF-8 text. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** Asserts {@code actual} equals the golden text (or, when updating, rewrites it). */
    public static void assertText(String name, String actual) {
        if (UPDATE) {
            update(name, actual.getBytes(StandardCharsets.UTF_8));
            return;
        }
        assertEquals(text(name), actual, "output differs from golden/" + name
                + " (a deliberate, compatible change: rerun with -Dfairhunt.golden.update=true and review the diff)");
    }

    /** Asserts {@code actual} equals the golden bytes (or, when updating, rewrites them). */
    public static void assertBytes(String name, byte[] actual) {
        if (UPDATE) {
            update(name, actual);
            return;
        }
        assertArrayEquals(bytes(name), actual, "bytes differ from golden/" + name);
    }

    private static void update(String name, byte[] content) {
        Path file = Path.of("src/test/resources/golden").resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

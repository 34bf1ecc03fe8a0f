package org.fairhunt.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar (cli's shade step, packaged before this module's tests in the reactor) keeps every
 * dependency's licence and notice (they used to overwrite each other) and carries the published schemas.
 */
class ShadedJarTest {
    private static String entry(ZipFile jar, String name) throws IOException {
        ZipEntry e = jar.getEntry(name);
        assertNotNull(e, name + " is missing from the runnable jar");
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void licences_and_notices_of_all_dependencies_survive_shading() throws IOException {
        Path file = Path.of("..", "cli", "target", "fairhunt.jar");
        assumeTrue(Files.isRegularFile(file), "the runnable jar is built by 'mvn package' of cli; not present at " + file);
        try (ZipFile jar = new ZipFile(file.toFile())) {
            String notice = entry(jar, "META-INF/NOTICE");
            assertTrue(notice.contains("Jackson"), "Jackson's NOTICE");
            assertTrue(notice.contains("Hipparchus"), "Hipparchus's NOTICE");
            String license = entry(jar, "META-INF/LICENSE") + entry(jar, "META-INF/LICENSE.txt");
            int apache = license.split("Apache License", -1).length - 1;
            assertTrue(apache >= 4, "several Apache licences appended, found " + apache);
            assertTrue(entry(jar, "META-INF/FastDoubleParser-LICENSE").length() > 100);
            assertTrue(entry(jar, "ThirdPartyNotices.txt").length() > 100, "ONNX Runtime's third-party notices");
            assertTrue(entry(jar, "org/fairhunt/schemas/audit-v1.schema.json").contains("fairhunt.audit/v1"));
        }
    }
}

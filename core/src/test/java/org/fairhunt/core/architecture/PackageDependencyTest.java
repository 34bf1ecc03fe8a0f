package org.fairhunt.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The result tree is the contract every renderer reads: it must not lean on the engine that fills it. */
class PackageDependencyTest {
    private static List<String> offenders(String pkg, String forbidden) throws IOException {
        Path dir = Path.of("src/main/java/org/fairhunt/core").resolve(pkg);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("import " + forbidden);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void result_does_not_import_engine_audit_or_policy() throws IOException {
        assertEquals(List.of(), offenders("result", "org.fairhunt.core.engine."));
        assertEquals(List.of(), offenders("result", "org.fairhunt.core.audit."));
        assertEquals(List.of(), offenders("result", "org.fairhunt.core.policy."));
    }
}

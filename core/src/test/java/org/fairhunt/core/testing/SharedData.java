package org.fairhunt.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one locator for optional larger data that tests and benchmarks may use but the product never
 * needs: {@code ../shared/data} beside the repository (its README gives origins and licences), or the
 * folder named by the system property {@code fairhunt.shared.data} or the environment variable
 * {@code FAIRHUNT_SHARED_DATA}. A test that needs it calls {@link #require}, which skips the test with a
 * message naming the path when the data is absent; a test behind a README claim must not: it ships its
 * fixture in the repository and is tagged {@link MustRun}.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared data folder, if present. */
    public static Optional<Path> root() {
        String configured = System.getProperty("fairhunt.shared.data", System.getenv("FAIRHUNT_SHARED_DATA"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        return repositoryRoot().map(dir -> dir.resolveSibling("shared").resolve("data")).filter(Files::isDirectory);
    }

    /** The repository's root (the folder with the parent pom and {@code core/}), found from the working folder. */
    private static Optional<Path> repositoryRoot() {
        // Tests run in a module folder: walk up to the repository root.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("core"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /**
     * A fixture shipped in the repository by another module ({@code relative} to the repository root, e.g.
     * speech's transcripts {@value #SPEECH_FIXTURES}), so that one copy serves every module's tests. Fails
     * (never skips) when it is missing: shipped fixtures are always there.
     */
    public static Path shipped(String relative) {
        Path root = repositoryRoot().orElseThrow(() -> new AssertionError("repository root not found above " + Path.of("").toAbsolutePath()));
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            throw new AssertionError("shipped fixture missing: " + p);
        }
        return p;
    }

    /** Speech's copy of the shared speech set's transcripts ({@code asr_eval.csv}, {@code ref.trn}, {@code hyp.trn}). */
    public static final String SPEECH_FIXTURES = "speech/src/test/resources/fixtures/speech";

    /** The file or folder {@code relative} to the shared data folder, if it exists. */
    public static Optional<Path> find(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }

    /** The file or folder, or the test is skipped (never failed) with the path it looked for. */
    public static Path require(String relative) {
        Optional<Path> p = find(relative);
        assumeTrue(p.isPresent(), () -> "optional shared data '" + relative + "' not present (looked in "
                + root().map(Path::toString).orElse("../shared/data beside the repository") + ")");
        return p.get();
    }
}

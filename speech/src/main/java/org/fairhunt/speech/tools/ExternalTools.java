package org.fairhunt.speech.tools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds executables on the {@code PATH} or at the places Debian packages install them. */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** The first executable found: each name on the PATH in turn, then each absolute fallback path. */
    public static Optional<Path> find(List<String> names, List<String> fallbacks) {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        for (String fallback : fallbacks) {
            Path candidate = Path.of(fallback);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** NIST sclite ({@code sclite} on the PATH, else Debian's {@code /usr/lib/sctk/bin/sclite}). */
    public static Optional<Path> sclite() {
        return find(List.of("sclite"), List.of("/usr/lib/sctk/bin/sclite", "/usr/local/bin/sclite"));
    }

    /** The pocketsphinx file decoder (5.x names it {@code pocketsphinx}, Debian's 0.8 {@code pocketsphinx_continuous}). */
    public static Optional<Path> pocketsphinxContinuous() {
        return find(List.of("pocketsphinx_continuous"), List.of());
    }

    public static Optional<Path> flite() {
        return find(List.of("flite"), List.of());
    }
}

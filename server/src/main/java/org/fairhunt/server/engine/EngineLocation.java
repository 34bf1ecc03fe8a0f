package org.fairhunt.server.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.bounty.store.BountyStore;
import org.fairhunt.core.table.Table;

/**
 * Where a program's engine record lives: a program directory (its own SQLite {@code program.db}, the
 * embedded default) or a named program in the bounty engine's shared store (PostgreSQL in production,
 * in a schema of its own beside the service's tables). Stored in the service's record as
 * {@link #reference}: a path, or {@code store:NAME}.
 */
public sealed interface EngineLocation {
    /** Opens the program on a connection of its own (a {@link Program} serves one thread). */
    Program open(List<AutoCloseable> resources);

    /** Creates the engine's record of a new program here. */
    void create(ProgramSettings settings, Table train, Table holdout, Table test, byte[] baseModel, String baseModelName);

    /** Removes what a failed creation left (best effort). */
    void discard();

    String reference();

    /** A program directory. */
    record Directory(Path dir) implements EngineLocation {
        @Override
        public Program open(List<AutoCloseable> resources) {
            return Program.open(dir);
        }

        @Override
        public void create(ProgramSettings settings, Table train, Table holdout, Table test, byte[] baseModel, String baseModelName) {
            Program.create(dir, settings, train, holdout, test, baseModel, baseModelName).close();
        }

        @Override
        public void discard() {
            try (var s = java.nio.file.Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException ignored) {
                // nothing was created, or leftovers that no record points to
            }
        }

        @Override
        public String reference() {
            return dir.toString();
        }
    }

    /** Program {@code name} of the shared store at {@code jdbcUrl}. */
    record Shared(String jdbcUrl, Properties properties, String name) implements EngineLocation {
        @Override
        public Program open(List<AutoCloseable> resources) {
            BountyStore s = BountyStore.open(jdbcUrl, properties);
            resources.add(s);
            return Program.open(s, name);
        }

        @Override
        public void create(ProgramSettings settings, Table train, Table holdout, Table test, byte[] baseModel, String baseModelName) {
            try (BountyStore s = BountyStore.open(jdbcUrl, properties)) {
                Program.create(s, name, settings, train, holdout, test, baseModel, baseModelName).close();
            }
        }

        @Override
        public void discard() {
            // the store creates a program in one transaction: a failed creation left nothing
        }

        @Override
        public String reference() {
            return "store:" + name;
        }
    }

    /** The location a service record's reference names. */
    public static EngineLocation of(String reference, String sharedUrl, Properties properties) {
        if (reference.startsWith("store:")) {
            return new Shared(sharedUrl, properties, reference.substring("store:".length()));
        }
        return new Directory(Path.of(reference));
    }
}

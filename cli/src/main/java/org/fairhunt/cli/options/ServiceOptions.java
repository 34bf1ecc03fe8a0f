package org.fairhunt.cli.options;

import java.nio.file.Path;
import org.fairhunt.core.UserInputException;
import org.fairhunt.server.ServerConfig;
import picocli.CommandLine.Option;

/** Where a bounty service keeps its record: shared by {@code serve} and {@code admin}. */
public final class ServiceOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep everything in DIR (embedded SQLite); or give --db.")
    Path dataDir;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "A jdbc:postgresql:// URL (default: SQLite in --data-dir).")
    String db;

    /** The service's configuration with these locations and the product's defaults. */
    public ServerConfig.Builder builder() {
        if ((dataDir == null) == (db == null)) {
            throw new UserInputException("give either --data-dir DIR (embedded SQLite) or --db jdbc:postgresql://… (not both)");
        }
        if (db != null && !db.startsWith("jdbc:postgresql:")) {
            throw new UserInputException("--db takes a jdbc:postgresql:// URL; for the embedded SQLite store give --data-dir DIR");
        }
        ServerConfig.Builder b = ServerConfig.builder(dataDir);
        if (db != null) {
            b.database(db, null, null);
        }
        return b;
    }
}

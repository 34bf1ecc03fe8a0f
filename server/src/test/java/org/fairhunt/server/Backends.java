package org.fairhunt.server;

import java.nio.file.Path;
import org.fairhunt.core.testing.TestPostgres;

/**
 * The two databases every service test runs on. PostgreSQL runs when core's {@link TestPostgres} names a server
 * (a JDBC URL with user and password, e.g. {@code jdbc:postgresql://localhost/fairhunt_test?user=u&password=p});
 * each test works in a schema of its own (and the engine's store in {@code <schema>_engine}), dropped afterwards.
 * Without it the PostgreSQL tests skip with that message.
 */
public final class Backends {
    private Backends() {
    }

    /** A database URL for one test and the cleanup that removes it. */
    public record Db(String url, Runnable cleanup) {
    }

    public static Db sqlite(Path dir) {
        return new Db("jdbc:sqlite:" + dir.toAbsolutePath().resolve("service.db"), () -> { });
    }

    public static Db postgres() throws Exception {
        // the engine's shared store lives in <schema>_engine beside the service's schema
        TestPostgres.Schema schema = TestPostgres.schema("fh_srv_", "_engine");
        return new Db(schema.url(), schema.cleanup());
    }
}

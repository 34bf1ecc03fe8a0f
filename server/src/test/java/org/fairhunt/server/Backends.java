package org.fairhunt.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The two databases every service test runs on. PostgreSQL runs when a server is given by the system
 * property {@code fairhunt.test.postgres.url} or the environment variable {@code FAIRHUNT_TEST_POSTGRES_URL}
 * (a JDBC URL with user and password, e.g. {@code jdbc:postgresql://localhost/fairhunt_test?user=u&password=p});
 * each test works in a schema of its own (and the engine's store in {@code <schema>_engine}), dropped afterwards. Without it the PostgreSQL tests skip
 * with that message.
 */
public final class Backends {
    private Backends() {
    }

    public static String postgresUrl() {
        String url = System.getProperty("fairhunt.test.postgres.url");
        return url != null && !url.isBlank() ? url : System.getenv("FAIRHUNT_TEST_POSTGRES_URL");
    }

    /** A database URL for one test and the cleanup that removes it. */
    public record Db(String url, Runnable cleanup) {
    }

    public static Db sqlite(Path dir) {
        return new Db("jdbc:sqlite:" + dir.toAbsolutePath().resolve("service.db"), () -> { });
    }

    public static Db postgres() throws Exception {
        String base = postgresUrl();
        Assumptions.assumeTrue(base != null, "PostgreSQL tests skipped: set FAIRHUNT_TEST_POSTGRES_URL (or -Dfairhunt.test.postgres.url) "
                + "to a JDBC URL of a server the tests may create schemas in");
        String schema = "fh_srv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Db(url, () -> {
            try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
                st.execute("DROP SCHEMA IF EXISTS " + schema + "_engine CASCADE");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}

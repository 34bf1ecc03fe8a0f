package org.fairhunt.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The one locator of the PostgreSQL server that tests may use: a JDBC URL with user and password in the system
 * property {@code fairhunt.test.postgres.url} or the environment variable {@code FAIRHUNT_TEST_POSTGRES_URL}
 * ({@code .ci/run} starts Debian's server and sets it). Each test works in a fresh schema of its own, dropped by
 * its cleanup; without a server the test is skipped with a message that says how to give one. The consuming
 * module brings the JDBC driver.
 */
public final class TestPostgres {
    private TestPostgres() {
    }

    /** A fresh schema: the URL to use ({@code currentSchema} set), its name, and the cleanup that drops it. */
    public record Schema(String url, String name, Runnable cleanup) {
    }

    /** The configured server's JDBC URL, or null. */
    public static String url() {
        String url = System.getProperty("fairhunt.test.postgres.url");
        return url != null && !url.isBlank() ? url : System.getenv("FAIRHUNT_TEST_POSTGRES_URL");
    }

    /**
     * Creates schema {@code <prefix><random>}; the cleanup drops it and the schemas {@code <name><suffix>} for each of
     * {@code alsoDrop} (schemas the code under test derives from its own, when they exist). Skips the test without a server.
     */
    public static Schema schema(String prefix, String... alsoDrop) throws SQLException {
        String base = url();
        Assumptions.assumeTrue(base != null, "PostgreSQL tests skipped: set FAIRHUNT_TEST_POSTGRES_URL (or -Dfairhunt.test.postgres.url) "
                + "to a JDBC URL of a server the tests may create schemas in");
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + name);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new Schema(url, name, () -> {
            try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + name + " CASCADE");
                for (String suffix : alsoDrop) {
                    st.execute("DROP SCHEMA IF EXISTS " + name + suffix + " CASCADE");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}

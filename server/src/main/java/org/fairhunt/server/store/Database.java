package org.fairhunt.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.fairhunt.core.FairhuntException;
import org.fairhunt.core.UserInputException;
import org.flywaydb.core.Flyway;

/**
 * The service's database: embedded SQLite (WAL, one writer) or PostgreSQL, migrated by Flyway from
 * {@code db/server/sqlite} or {@code db/server/postgresql} on open. {@link #write} runs a transaction; on SQLite every write takes one
 * JVM-wide lock first, so SQLite never answers "database is locked" to a request (one writer), while
 * readers run concurrently on their own pooled connections (WAL).
 */
public final class Database implements AutoCloseable {
    /** A unit of work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource pool;
    private final boolean sqlite;
    private final ReentrantLock writer = new ReentrantLock(true);
    private final String description;

    private Database(HikariDataSource pool, boolean sqlite, String description) {
        this.pool = pool;
        this.sqlite = sqlite;
        this.description = description;
    }

    /** The embedded store {@code dir/fairhunt.db}. */
    public static Database sqlite(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new UserInputException(dir + ": cannot create the data directory: " + e.getMessage());
        }
        return open("jdbc:sqlite:" + dir.toAbsolutePath().resolve("fairhunt.db"), null, null);
    }

    /**
     * Opens and migrates the database at {@code jdbcUrl} ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…});
     * user and password may be {@code null} (then the URL or the driver's defaults apply).
     */
    public static Database open(String jdbcUrl, String user, String password) {
        boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
        if (!sqlite && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new UserInputException("--db must be a jdbc:postgresql:// URL (or jdbc:sqlite:FILE), got " + redact(jdbcUrl));
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (user != null) {
            hc.setUsername(user);
        }
        if (password != null) {
            hc.setPassword(password);
        }
        hc.setPoolName("fairhunt-db");
        hc.setMaximumPoolSize(sqlite ? 6 : 10);
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(-1);
        if (sqlite) {
            // WAL: readers never block the writer nor the writer them; NORMAL sync is durable across a process
            // kill (only an OS crash may lose the last commits, never corrupt); busy_timeout covers admin commands
            // writing while the server runs.
            hc.setConnectionInitSql("PRAGMA busy_timeout=30000");
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("busy_timeout", "30000");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
            try (Connection c = ds.getConnection()) {
                c.isValid(5);
            }
        } catch (SQLException | RuntimeException e) {
            throw new UserInputException("cannot open the database " + redact(jdbcUrl) + ": " + rootMessage(e));
        }
        // one folder of numbered migrations per database (the SQL differs only in identity columns and blob types)
        Flyway.configure().dataSource(ds).locations("classpath:db/server/" + (sqlite ? "sqlite" : "postgresql"))
                .failOnMissingLocations(true).table("server_schema_history").load().migrate();
        return new Database(ds, sqlite, redact(jdbcUrl));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The URL without a password parameter. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /**
     * PostgreSQL: the schema the bounty engine's shared store uses, {@code <current schema>_engine},
     * created when missing (the engine's tables share names with the service's, so they live apart).
     */
    public String engineSchema() {
        if (sqlite) {
            throw new IllegalStateException("the embedded store keeps each program's engine record in its own directory");
        }
        return write(c -> {
            String current;
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT current_schema()")) {
                rs.next();
                current = rs.getString(1);
            }
            String schema = current + "_engine";
            if (!schema.matches("[a-z_][a-z0-9_]*")) {
                throw new StorageException("unusual schema name '" + current + "': use a lower-case currentSchema", null);
            }
            try (var st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
            return schema;
        });
    }

    public boolean isSqlite() {
        return sqlite;
    }

    public String description() {
        return description;
    }

    /** Runs {@code work} in one transaction (committed on return, rolled back on any exception). */
    public <T> T write(Work<T> work) {
        if (sqlite) {
            writer.lock();
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("storage error in " + description + ": " + e.getMessage(), e);
        } finally {
            if (sqlite) {
                writer.unlock();
            }
        }
    }

    /** Runs read-only {@code work} on a pooled connection (autocommit). */
    public <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException("storage error in " + description + ": " + e.getMessage(), e);
        }
    }

    /** Whether a connection answers within two seconds (readiness). */
    public boolean ping() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A failure of the database itself (not of the request): reported as 503 with the store's message. */
    public static final class StorageException extends FairhuntException {
        private static final long serialVersionUID = 1L;

        public StorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

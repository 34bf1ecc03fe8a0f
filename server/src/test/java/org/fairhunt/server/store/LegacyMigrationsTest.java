package org.fairhunt.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.fairhunt.core.testing.MustRun;
import org.fairhunt.server.Backends;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databases created before the service's migrations had one owner — by the two dialect copies
 * {@code db/server/sqlite} and {@code db/server/postgresql}, kept verbatim under
 * {@code legacy-migrations/} in the test resources — must open with today's code, keep their rows,
 * and end up with the same schema and history as a database created today. The legacy checksums are
 * Flyway's own (recorded by running the old files), not the constants under test.
 */
class LegacyMigrationsTest {
    @TempDir
    Path tmp;

    @Test
    @MustRun
    void sqliteDatabaseOfTheDialectCopiesOpens() throws Exception {
        Backends.Db legacy = Backends.sqlite(tmp.resolve("legacy"));
        Backends.Db fresh = Backends.sqlite(tmp.resolve("fresh"));
        java.nio.file.Files.createDirectories(tmp.resolve("legacy"));
        java.nio.file.Files.createDirectories(tmp.resolve("fresh"));
        check(legacy, fresh, "sqlite", Database.LEGACY_V1_SQLITE);
    }

    @Test
    void postgresqlDatabaseOfTheDialectCopiesOpens() throws Exception {
        Backends.Db legacy = Backends.postgres();
        try {
            Backends.Db fresh = Backends.postgres();
            try {
                check(legacy, fresh, "postgresql", Database.LEGACY_V1_POSTGRESQL);
            } finally {
                fresh.cleanup().run();
            }
        } finally {
            legacy.cleanup().run();
        }
    }

    private static void check(Backends.Db legacy, Backends.Db fresh, String dialect, int legacyChecksum) throws Exception {
        Flyway.configure(LegacyMigrationsTest.class.getClassLoader()).dataSource(legacy.url(), null, null)
                .locations("classpath:org/fairhunt/server/legacy-migrations/" + dialect).table(Database.HISTORY_TABLE)
                .failOnMissingLocations(true).load().migrate();
        assertEquals(legacyChecksum, checksum(legacy.url()), "the constant must be Flyway's checksum of the old " + dialect + " V1");
        try (Connection c = DriverManager.getConnection(legacy.url()); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO organizers(name, created_at) VALUES ('admin', 1)");
            st.executeUpdate("INSERT INTO blobs(hash, bytes) VALUES ('h', X'00ff')".replace("X'00ff'", "sqlite".equals(dialect) ? "X'00ff'" : "'\\x00ff'::bytea"));
            st.executeUpdate("INSERT INTO programs(name, engine_dir, state, created_at, created_by) VALUES ('p', 'd', 'open', 1, 'admin')");
            st.executeUpdate("INSERT INTO teams(program_id, name, created_at) VALUES (1, 'red', 1)");
            // one submission per way the old layout ended one; V3 derives each outcome from these columns
            String columns = "INSERT INTO submissions(program_id, team_id, received_at, group_kind, group_text, model_blob, model_name, "
                    + "state, accepted, charged, engine_submission_id, operator_note) VALUES (1, 1, 1, 'cel', 'true', 'h', 'h.onnx', ";
            st.executeUpdate(columns + "'decided', 1, 1, 1, 'accepted: accepted; |g|=40')");
            st.executeUpdate(columns + "'decided', 0, 1, 2, 'rejected: too small a gain; |g|=40')");
            st.executeUpdate(columns + "'refused', NULL, 0, NULL, 'model: h.onnx: input zip')");
            st.executeUpdate(columns + "'refused', NULL, 1, NULL, 'java.lang.IllegalStateException: x')");
            st.executeUpdate(columns + "'refused', NULL, 1, 3, 'failed: model output has 1 values; |g|=40')");
            st.executeUpdate(columns + "'refused', NULL, 1, 4, 'refused: near-duplicate; |g|=40')");
            st.executeUpdate(columns + "'queued', NULL, 1, NULL, NULL)");
        }

        try (Database db = Database.open(legacy.url(), null, null)) {
            assertEquals(List.of("admin"), db.read(c -> strings(c, "SELECT name FROM organizers")));
            assertEquals(1L, db.read(c -> strings(c, "SELECT COUNT(*) FROM blobs WHERE hash = 'h'")).stream().mapToLong(Long::parseLong).sum());
            assertEquals(List.of("accepted", "rejected", "invalid", "error", "failed", "refused", "-"),
                    db.read(c -> strings(c, "SELECT COALESCE(outcome, '-') FROM submissions ORDER BY id")), "V3's outcome of the old rows");
            long next = db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO organizers(name, created_at) VALUES ('second', 2)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.executeUpdate();
                    ResultSet keys = ps.getGeneratedKeys();
                    keys.next();
                    return keys.getLong(1);
                }
            });
            assertEquals(2L, next, "the database keeps generating keys after the old rows");
        }
        try (Database db = Database.open(fresh.url(), null, null)) {
            assertTrue(db.ping());
        }
        assertEquals(checksum(fresh.url()), checksum(legacy.url()), "V1's recorded checksum is realigned with the one set of migrations");
        assertNotEquals(legacyChecksum, checksum(legacy.url()));
        assertEquals(schema(fresh.url(), dialect), schema(legacy.url(), dialect), "placeholders expand V1 to the old copy's DDL");
        try (Database db = Database.open(legacy.url(), null, null)) {
            assertTrue(db.ping(), "a realigned database opens again without repair");
        }

        // any other mismatch (here: an edited V1) still fails validation, with a storage error
        try (Connection c = DriverManager.getConnection(legacy.url()); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + Database.HISTORY_TABLE + " SET checksum = 12345 WHERE version = '1'");
        }
        Database.StorageException e = assertThrows(Database.StorageException.class, () -> Database.open(legacy.url(), null, null));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertEquals(12345, checksum(legacy.url()), "a foreign checksum is not repaired");
    }

    private static int checksum(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT checksum FROM " + Database.HISTORY_TABLE + " WHERE version = '1'")) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    /** The schema's text, history table excluded, in a form that does not name the PostgreSQL schema. */
    private static List<String> schema(String url, String dialect) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            if ("sqlite".equals(dialect)) {
                return strings(c, "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE '"
                        + Database.HISTORY_TABLE + "%' AND name <> 'sqlite_sequence' ORDER BY type, name");
            }
            List<String> out = new ArrayList<>(strings(c, "SELECT table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable"
                    + " || ' default=' || COALESCE(column_default, '') || ' identity=' || is_identity || COALESCE(identity_generation, '')"
                    + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '" + Database.HISTORY_TABLE
                    + "' ORDER BY table_name, ordinal_position"));
            out.addAll(strings(c, "SELECT conrelid::regclass::text || ' ' || contype::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text NOT LIKE '" + Database.HISTORY_TABLE
                    + "%' ORDER BY 1"));
            out.addAll(strings(c, "SELECT tablename || ' ' || replace(indexdef, current_schema() || '.', '') FROM pg_indexes"
                    + " WHERE schemaname = current_schema() AND tablename <> '" + Database.HISTORY_TABLE + "' ORDER BY 1"));
            return out;
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}

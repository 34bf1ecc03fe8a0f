package org.fairhunt.bounty.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.fairhunt.core.StorageException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.AtomicFiles;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The bounty record in a relational database: SQLite (one file; a program directory's
 * {@code program.db}) or PostgreSQL (the web service), with the same numbered Flyway migrations
 * ({@code org/fairhunt/bounty/store/migration}, history table {@value #HISTORY_TABLE}) and plain JDBC.
 * One database may hold many programs, each named and numbered.
 *
 * <p><b>Threading.</b> A store wraps one JDBC connection and is used by one thread at a time. Readers
 * may run in other processes or on other stores. Writes to a program go through {@link #write}, which
 * takes the database's write lock for that program before reading anything ({@code BEGIN IMMEDIATE} on
 * SQLite; a row lock on the program on PostgreSQL), so decisions on one program are sequential even
 * across processes, and each is one transaction: all of its rows or none.
 *
 * <p><b>Failures.</b> Every database failure is a {@link StorageException} naming the database, what
 * could not be done, that nothing was changed (a failed transaction is rolled back), and what to do
 * (free disk space, restore a damaged file from a backup, check permissions).
 */
public final class BountyStore implements AutoCloseable {
    /** Flyway's history table; named apart so that other components' migrations can share a database. */
    public static final String HISTORY_TABLE = "bounty_schema_history";
    /** The newest migration this code ships; a database at this version opens without starting Flyway. */
    static final int SCHEMA_VERSION = 3;
    private static final String MIGRATIONS = "classpath:org/fairhunt/bounty/store/migration";

    private final Connection db;
    private final String location;
    private final boolean sqlite;

    private BountyStore(Connection db, String location, boolean sqlite) {
        this.db = db;
        this.location = location;
        this.sqlite = sqlite;
    }

    /**
     * Opens (with {@code create}, creates) the SQLite database {@code file} and brings its schema up to
     * date. A new file is created readable and writable by its owner only (0600): it holds the holdout.
     */
    public static BountyStore openSqlite(Path file, boolean create) {
        String location = file.toString();
        if (!create && !Files.isRegularFile(file)) {
            throw new UserInputException(location + ": no such bounty database");
        }
        if (create && !Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                createPlain(file);
            } catch (IOException e) {
                throw new StorageException("cannot create " + location + ": " + AtomicFiles.describe(e), e);
            }
        }
        return connect("jdbc:sqlite:" + file.toAbsolutePath(), new Properties(), location, true);
    }

    private static void createPlain(Path file) {
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new StorageException("cannot create " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    /**
     * Opens a database by JDBC URL ({@code jdbc:postgresql://host/db} or {@code jdbc:sqlite:file}) and
     * brings its schema up to date; {@code properties} carry user and password. Messages name the URL
     * without its query string (which may hold a password).
     */
    public static BountyStore open(String jdbcUrl, Properties properties) {
        String location = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) : jdbcUrl;
        boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
        if (!sqlite && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new UserInputException(location + ": unsupported database; expected jdbc:postgresql://... or jdbc:sqlite:FILE");
        }
        return connect(jdbcUrl, properties, location, sqlite);
    }

    private static BountyStore connect(String url, Properties properties, String location, boolean sqlite) {
        if (sqlite && !url.contains("transaction_mode=")) {
            // A transaction takes SQLite's write lock when it begins, before it reads the state it decides on.
            url += (url.contains("?") ? "&" : "?") + "transaction_mode=IMMEDIATE";
        }
        Connection c;
        try {
            c = DriverManager.getConnection(url, properties);
            if (sqlite) {
                try (Statement st = c.createStatement()) {
                    // Rollback journal with full sync: a commit is durable, a crash mid-transaction rolls back on next open.
                    st.execute("PRAGMA synchronous=FULL");
                    st.execute("PRAGMA foreign_keys=ON");
                    st.execute("PRAGMA busy_timeout=30000");
                }
            }
        } catch (SQLException e) {
            throw failure(location, "open the database", e);
        }
        BountyStore s = new BountyStore(c, location, sqlite);
        s.migrate(url, properties);
        return s;
    }

    /** Runs the migrations unless the history already records the newest one (Flyway's start-up costs ~0.2 s). */
    private void migrate(String url, Properties properties) {
        if (schemaVersion() == SCHEMA_VERSION) {
            return;
        }
        try {
            Flyway.configure(BountyStore.class.getClassLoader())
                    .dataSource(url, properties == null ? null : properties.getProperty("user"),
                            properties == null ? null : properties.getProperty("password"))
                    .locations(MIGRATIONS)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(false)
                    .loggers(QuietFlywayLog.class.getName())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            close();
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof SQLException)) {
                cause = cause.getCause();
            }
            if (cause instanceof SQLException sql) {
                throw failure(location, "create or upgrade the database schema", sql);
            }
            throw new StorageException(location + ": cannot create or upgrade the database schema: " + firstLine(e.getMessage()), e);
        }
    }

    /** The newest applied migration, 0 for a database without our history table. */
    int schemaVersion() {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM " + HISTORY_TABLE + " WHERE success = " + (sqlite ? "1" : "true"))) {
            int max = 0;
            while (rs.next()) {
                String v = rs.getString(1);
                if (v != null) {
                    max = Math.max(max, Integer.parseInt(v.split("\\.")[0]));
                }
            }
            if (max > SCHEMA_VERSION) {
                close();
                throw new StorageException(location + ": the database schema is version " + max + ", newer than this Fairhunt knows ("
                        + SCHEMA_VERSION + "); use the Fairhunt release that wrote it");
            }
            return max;
        } catch (SQLException e) {
            // No history table yet (a new database), or not ours: let Flyway decide.
            rollbackQuietly();
            return 0;
        }
    }

    /** Where the database is (a file, or a URL without its query string), for messages. */
    public String location() {
        return location;
    }

    /** Work inside a write transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction holding the write lock of program {@code programId} (0: the
     * whole database, for creating programs), commits, and returns its result. On any exception the
     * transaction is rolled back; an {@link SQLException} becomes a {@link StorageException} saying that
     * nothing was changed, other exceptions pass unchanged.
     */
    public <T> T write(long programId, String what, Work<T> work) {
        try {
            db.setAutoCommit(false);
            if (!sqlite) {
                // SQLite took its write lock at BEGIN (transaction_mode=IMMEDIATE); PostgreSQL locks the program's row.
                try (PreparedStatement ps = db.prepareStatement(programId == 0 ? "LOCK TABLE programs IN EXCLUSIVE MODE"
                        : "SELECT id FROM programs WHERE id = ? FOR UPDATE")) {
                    if (programId != 0) {
                        ps.setLong(1, programId);
                    }
                    ps.execute();
                }
            }
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure(location, what, e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is unusable; the next call reports it
            }
        }
    }

    private void rollbackQuietly() {
        try {
            if (!db.getAutoCommit()) {
                db.rollback();
            }
        } catch (SQLException ignored) {
            // nothing was committed
        }
    }

    // ---- programs ----

    /** A program's row: settings, feature schema and original column order as JSON text. */
    public record ProgramRow(long id, String name, String settingsJson, String schemaJson, String columnsJson, String baseModel,
            String created) {
    }

    /**
     * Creates a program with its splits (bytes in {@code SplitFormat}) and base model, in one transaction.
     *
     * @throws UserInputException when a program of that name exists
     */
    public long createProgram(String name, String settingsJson, String schemaJson, String columnsJson, Map<String, byte[]> splits,
            Map<String, Integer> rowCounts, int splitFormat, String baseHash, byte[] baseModel, double[] baseHoldoutPredictions) {
        return write(0, "create program " + name, () -> {
            if (programId(name).isPresent()) {
                throw new UserInputException(location + ": already holds a bounty program named '" + name + "'");
            }
            long id;
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM programs")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO programs(id, name, settings, feature_schema, columns, base_model, "
                    + "created, base_holdout_predictions) VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, id);
                ps.setString(2, name);
                ps.setString(3, settingsJson);
                ps.setString(4, schemaJson);
                ps.setString(5, columnsJson);
                ps.setString(6, baseHash);
                ps.setString(7, java.time.Instant.now().toString());
                ps.setBytes(8, encodeDoubles(baseHoldoutPredictions));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO splits(program_id, split, row_count, format, data) VALUES (?,?,?,?,?)")) {
                for (Map.Entry<String, byte[]> e : splits.entrySet()) {
                    ps.setLong(1, id);
                    ps.setString(2, e.getKey());
                    ps.setInt(3, rowCounts.get(e.getKey()));
                    ps.setInt(4, splitFormat);
                    ps.setBytes(5, e.getValue());
                    ps.executeUpdate();
                }
            }
            putModel(id, baseHash, "base", baseModel);
            return id;
        });
    }

    private Optional<Long> programId(String name) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM programs WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The program named {@code name}, if any. */
    public Optional<ProgramRow> program(String name) {
        return read("read program " + name, () -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT id, name, settings, feature_schema, columns, base_model, created "
                    + "FROM programs WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new ProgramRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7))) : Optional.empty();
                }
            }
        });
    }

    /** Names of every program, in creation order. */
    public List<String> programNames() {
        return read("list programs", () -> {
            List<String> out = new ArrayList<>();
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM programs ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** The base model's holdout predictions recorded at creation, or null (a program from schema version 1). */
    public double[] baseHoldoutPredictions(long programId) {
        return read("read the base model's holdout predictions", () -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT base_holdout_predictions FROM programs WHERE id = ?")) {
                ps.setLong(1, programId);
                try (ResultSet rs = ps.executeQuery()) {
                    byte[] b = rs.next() ? rs.getBytes(1) : null;
                    return b == null ? null : decodeDoubles(b);
                }
            }
        });
    }

    /** The seed of the program's Thresholdout noise, or null before its first answer. */
    public Long thresholdoutSeed(long programId) {
        return read("read the Thresholdout seed", () -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT thresholdout_seed FROM programs WHERE id = ?")) {
                ps.setLong(1, programId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                }
            }
        });
    }

    /** Records the seed of the program's Thresholdout noise; call inside {@link #write}. */
    public void setThresholdoutSeed(long programId, long seed) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE programs SET thresholdout_seed = ? WHERE id = ?")) {
            ps.setLong(1, seed);
            ps.setLong(2, programId);
            ps.executeUpdate();
        }
    }

    /** One Thresholdout query: the statistic on the public rows and on the holdout, and the value revealed. */
    public record ThresholdoutRow(long submissionId, double trainValue, double holdoutValue, double answer, boolean overThreshold) {
    }

    /** Records a Thresholdout answer; call inside {@link #write}. */
    public void insertThresholdoutAnswer(long programId, ThresholdoutRow r) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO thresholdout_answers(program_id, submission_id, train_value, "
                + "holdout_value, answer, over_threshold) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, programId);
            ps.setLong(2, r.submissionId());
            ps.setDouble(3, r.trainValue());
            ps.setDouble(4, r.holdoutValue());
            ps.setDouble(5, r.answer());
            ps.setInt(6, r.overThreshold() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    /** The program's Thresholdout answers in query (submission) order. */
    public List<ThresholdoutRow> thresholdoutAnswers(long programId) {
        return read("read the Thresholdout answers", () -> {
            List<ThresholdoutRow> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT submission_id, train_value, holdout_value, answer, over_threshold "
                    + "FROM thresholdout_answers WHERE program_id = ? ORDER BY submission_id")) {
                ps.setLong(1, programId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ThresholdoutRow(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getInt(5) != 0));
                    }
                }
            }
            return out;
        });
    }

    /** A split's stored bytes. */
    public byte[] split(long programId, String split) {
        return read("read the " + split + " split", () -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT data FROM splits WHERE program_id = ? AND split = ?")) {
                ps.setLong(1, programId);
                ps.setString(2, split);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StorageException(location + ": the " + split + " split of program " + programId
                                + " is missing; the database is damaged: restore it from a backup");
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    // ---- models ----

    /** Stores a model's bytes under its hash (idempotent); call inside {@link #write}. */
    public void putModel(long programId, String hash, String role, byte[] bytes) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM models WHERE program_id = ? AND hash = ?")) {
            ps.setLong(1, programId);
            ps.setString(2, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO models(program_id, hash, role, size, data) VALUES (?,?,?,?,?)")) {
            ps.setLong(1, programId);
            ps.setString(2, hash);
            ps.setString(3, role);
            ps.setLong(4, bytes.length);
            ps.setBytes(5, bytes);
            ps.executeUpdate();
        }
    }

    /** A stored model's bytes (the caller checks them against the hash). */
    public byte[] model(long programId, String hash) {
        return read("read model " + hash, () -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT data FROM models WHERE program_id = ? AND hash = ?")) {
                ps.setLong(1, programId);
                ps.setString(2, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StorageException(location + ": model " + hash + " is missing from the record; the database is damaged: "
                                + "restore it from a backup");
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    // ---- groups ----

    /** A submitted group as recorded. */
    public record GroupRow(long id, String kind, String expression, String modelHash, List<String> features, int[] holdoutRows) {
    }

    /** Records a group and returns its id; call inside {@link #write}. */
    public long insertGroup(long programId, String kind, String expression, String modelHash, List<String> features, int[] holdoutRows)
            throws SQLException {
        long id = nextId(programId, "submitted_groups");
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO submitted_groups(program_id, id, kind, expression, model_hash, "
                + "features, holdout_rows) VALUES (?,?,?,?,?,?,?)")) {
            ps.setLong(1, programId);
            ps.setLong(2, id);
            ps.setString(3, kind);
            ps.setString(4, expression);
            ps.setString(5, modelHash);
            ps.setString(6, String.join(",", features));
            if (holdoutRows == null) {
                ps.setNull(7, Types.BINARY);
            } else {
                ps.setBytes(7, encodeRows(holdoutRows));
            }
            ps.executeUpdate();
        }
        return id;
    }

    private long nextId(long programId, String table) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT coalesce(max(id), 0) + 1 FROM " + table + " WHERE program_id = ?")) {
            ps.setLong(1, programId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every group of a program, in id order, with holdout rows. */
    public List<GroupRow> groups(long programId) {
        return read("read the groups", () -> {
            List<GroupRow> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT id, kind, expression, model_hash, features, holdout_rows "
                    + "FROM submitted_groups WHERE program_id = ? ORDER BY id")) {
                ps.setLong(1, programId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(groupRow(rs));
                    }
                }
            }
            return out;
        });
    }

    /**
     * One group with its holdout rows, or null if the program has none with this id. A submission needs only
     * the accepted groups and those of its model version, not every group ever submitted, each decoded.
     */
    public GroupRow group(long programId, long groupId) {
        return read("read a group", () -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT id, kind, expression, model_hash, features, holdout_rows "
                    + "FROM submitted_groups WHERE program_id = ? AND id = ?")) {
                ps.setLong(1, programId);
                ps.setLong(2, groupId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? groupRow(rs) : null;
                }
            }
        });
    }

    private static GroupRow groupRow(ResultSet rs) throws SQLException {
        byte[] rows = rs.getBytes(6);
        String f = rs.getString(5);
        return new GroupRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), f.isEmpty() ? List.of() : List.of(f.split(",")),
                rows == null ? null : decodeRows(rows));
    }

    // ---- submissions ----

    /** A submission with every number behind its outcome (for the operator). */
    public record SubmissionRow(long id, String team, String at, long groupId, String modelHash, String outcome, String reason,
            Integer groupSize, Double groupShare, Double lossCurrent, Double lossCandidate, Double gain, Double alpha, Double pValue,
            double reportedImprovement, int versionBefore, int versionAfter, Double errorBefore, Double errorAfter) {
    }

    /** Records a submission (its {@code id} is assigned here) and returns the id; call inside {@link #write}. */
    public long insertSubmission(long programId, SubmissionRow r) throws SQLException {
        long id = nextId(programId, "submissions");
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO submissions(program_id, id, team, at, group_id, model_hash, outcome, "
                + "reason, group_size, group_share, loss_current, loss_candidate, gain, alpha, p_value, reported_improvement, "
                + "version_before, version_after, error_before, error_after) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, programId);
            ps.setLong(2, id);
            ps.setString(3, r.team());
            ps.setString(4, r.at());
            ps.setLong(5, r.groupId());
            ps.setString(6, r.modelHash());
            ps.setString(7, r.outcome());
            ps.setString(8, r.reason());
            setInt(ps, 9, r.groupSize());
            setDouble(ps, 10, r.groupShare());
            setDouble(ps, 11, r.lossCurrent());
            setDouble(ps, 12, r.lossCandidate());
            setDouble(ps, 13, r.gain());
            setDouble(ps, 14, r.alpha());
            setDouble(ps, 15, r.pValue());
            ps.setDouble(16, r.reportedImprovement());
            ps.setInt(17, r.versionBefore());
            ps.setInt(18, r.versionAfter());
            setDouble(ps, 19, r.errorBefore());
            setDouble(ps, 20, r.errorAfter());
            ps.executeUpdate();
        }
        return id;
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        // NaN and infinities are not portable SQL values (PostgreSQL accepts them, SQLite stores NaN as NULL).
        if (v == null || !Double.isFinite(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static Double getDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    /** Submissions of a program in id order. */
    public List<SubmissionRow> submissions(long programId) {
        return read("read the submissions", () -> {
            List<SubmissionRow> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT id, team, at, group_id, model_hash, outcome, reason, group_size, "
                    + "group_share, loss_current, loss_candidate, gain, alpha, p_value, reported_improvement, version_before, "
                    + "version_after, error_before, error_after FROM submissions WHERE program_id = ? ORDER BY id")) {
                ps.setLong(1, programId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int size = rs.getInt(8);
                        Integer groupSize = rs.wasNull() ? null : size;
                        out.add(new SubmissionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), groupSize, getDouble(rs, 9), getDouble(rs, 10), getDouble(rs, 11),
                                getDouble(rs, 12), getDouble(rs, 13), getDouble(rs, 14), rs.getDouble(15), rs.getInt(16), rs.getInt(17),
                                getDouble(rs, 18), getDouble(rs, 19)));
                    }
                }
            }
            return out;
        });
    }

    /** Submissions team {@code team} has made to the program (every outcome counts). */
    public int submissionsBy(long programId, String team) {
        return read("count submissions", () -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM submissions WHERE program_id = ? AND team = ?")) {
                ps.setLong(1, programId);
                ps.setString(2, team);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    // ---- nodes ----

    /**
     * A node of the list: {@code kind} accept or catch; an accept node carries its model's holdout
     * predictions on its group's rows (in row order).
     */
    public record NodeRow(int version, String kind, long groupId, String modelHash, Integer targetVersion, long submissionId,
            double holdoutError, double[] predictions) {
    }

    /** Records nodes; call inside {@link #write}. */
    public void insertNodes(long programId, List<NodeRow> nodes) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO nodes(program_id, version, kind, group_id, model_hash, target_version, "
                + "submission_id, holdout_error, predictions) VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (NodeRow n : nodes) {
                ps.setLong(1, programId);
                ps.setInt(2, n.version());
                ps.setString(3, n.kind());
                ps.setLong(4, n.groupId());
                ps.setString(5, n.modelHash());
                setInt(ps, 6, n.targetVersion());
                ps.setLong(7, n.submissionId());
                ps.setDouble(8, n.holdoutError());
                if (n.predictions() == null) {
                    ps.setNull(9, Types.BINARY);
                } else {
                    ps.setBytes(9, encodeDoubles(n.predictions()));
                }
                ps.executeUpdate();
            }
        }
    }

    /** Nodes 1..current of a program; {@code withPredictions} also reads the accept nodes' holdout predictions. */
    public List<NodeRow> nodes(long programId, boolean withPredictions) {
        return read("read the list's nodes", () -> {
            List<NodeRow> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT version, kind, group_id, model_hash, target_version, submission_id, "
                    + "holdout_error" + (withPredictions ? ", predictions" : "") + " FROM nodes WHERE program_id = ? ORDER BY version")) {
                ps.setLong(1, programId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int t = rs.getInt(5);
                        Integer target = rs.wasNull() ? null : t;
                        byte[] p = withPredictions ? rs.getBytes(8) : null;
                        out.add(new NodeRow(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4), target, rs.getLong(6),
                                rs.getDouble(7), p == null ? null : decodeDoubles(p)));
                    }
                }
            }
            return out;
        });
    }

    private <T> T read(String what, Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw failure(location, what, e);
        }
    }

    // ---- blobs ----

    /** Ascending row indices as LEB128 varints of their gaps: a few bytes per row. */
    static byte[] encodeRows(int[] rows) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(rows.length + 8);
        int prev = -1;
        for (int r : rows) {
            int gap = r - prev - 1;
            while ((gap & ~0x7f) != 0) {
                out.write((gap & 0x7f) | 0x80);
                gap >>>= 7;
            }
            out.write(gap);
            prev = r;
        }
        return out.toByteArray();
    }

    static int[] decodeRows(byte[] bytes) {
        int[] rows = new int[bytes.length];
        int n = 0;
        int prev = -1;
        int i = 0;
        while (i < bytes.length) {
            int gap = 0;
            int shift = 0;
            int b;
            do {
                b = bytes[i++];
                gap |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            prev = prev + 1 + gap;
            rows[n++] = prev;
        }
        return java.util.Arrays.copyOf(rows, n);
    }

    static byte[] encodeDoubles(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(v);
        return b.array();
    }

    static double[] decodeDoubles(byte[] bytes) {
        double[] v = new double[bytes.length / 8];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
        return v;
    }

    // ---- errors ----

    /** A database failure in words: what could not be done, that nothing changed, and what to do. */
    static StorageException failure(String location, String what, SQLException e) {
        String advice;
        String reason = firstLine(e.getMessage());
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            String name = code == null ? "" : code.name();
            if (name.startsWith("SQLITE_CORRUPT") || name.startsWith("SQLITE_NOTADB")) {
                reason = "the database file is damaged (" + name + ")";
                advice = "restore " + location + " from a backup";
            } else if (name.startsWith("SQLITE_FULL")) {
                reason = "the disk holding it is full";
                advice = "free some space and run the command again";
            } else if (name.startsWith("SQLITE_READONLY") || name.startsWith("SQLITE_CANTOPEN") || name.startsWith("SQLITE_PERM")
                    || name.startsWith("SQLITE_AUTH")) {
                reason = "it cannot be opened for writing (" + name + ")";
                advice = "check that the file and its folder are writable by you";
            } else if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")) {
                reason = "another process held its lock for over 30 s";
                advice = "run the command again when the other one has finished";
            } else if (name.startsWith("SQLITE_IOERR")) {
                reason = "the disk reported an input/output error (" + name + ")";
                advice = "check the disk (and free space), then run the command again";
            } else {
                advice = "check the database file, then run the command again";
            }
        } else {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08")) {
                advice = "check that the database server is running and reachable";
            } else if (state.equals("53100")) {
                advice = "the database server's disk is full: free some space and run the command again";
            } else if (state.startsWith("28")) {
                advice = "check the database user and password";
            } else {
                advice = "check the database server's log, then run the command again";
            }
        }
        return new StorageException(location + ": cannot " + what + ": " + reason + "; nothing was changed; " + advice, e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim().toLowerCase(Locale.ROOT).startsWith("[sqlite") ? s.replaceAll("\\s+", " ")
                : nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}

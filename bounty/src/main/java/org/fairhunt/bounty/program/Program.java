package org.fairhunt.bounty.program;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairhunt.bounty.group.CelGroup;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.group.OnnxGroup;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.pdl.Decision;
import org.fairhunt.bounty.pdl.PdlEngine;
import org.fairhunt.bounty.pdl.PdlNode;
import org.fairhunt.bounty.pdl.PdlPredictor;
import org.fairhunt.bounty.schema.Feature;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.core.FairhuntException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.table.ColumnType;
import org.fairhunt.core.table.Table;
import org.fairhunt.core.table.TableBuilder;

/**
 * A bounty program in a directory: {@code program.db} (SQLite) and {@code models/} (ONNX files by
 * SHA-256). Opening is cheap; the holdout state (every version's predictions) is rebuilt from the
 * record on first use and checked against the holdout errors recorded with each node.
 *
 * <p>A submission takes SQLite's write lock first ({@code BEGIN IMMEDIATE}), so two processes
 * submitting to one program are serialized and the second sees the first's nodes.
 */
public final class Program implements AutoCloseable {
    public static final String DB_FILE = "program.db";
    static final String FORMAT = "fairhunt-bounty-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SPLITS = {"train", "holdout", "test"};

    private final Path dir;
    private final Connection db;
    private final ProgramSettings settings;
    private final FeatureSchema schema;
    private final ModelStore store;
    private final String baseModelHash;
    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, FeatureData> encoded = new HashMap<>();
    private final Map<String, OnnxModel> models = new HashMap<>();
    private final Map<Long, GroupPredicate> groups = new HashMap<>();
    private PdlEngine engine;

    private Program(Path dir, Connection db, ProgramSettings settings, FeatureSchema schema, String baseModelHash) {
        this.dir = dir;
        this.db = db;
        this.settings = settings;
        this.schema = schema;
        this.store = new ModelStore(dir.resolve("models"));
        this.baseModelHash = baseModelHash;
    }

    /**
     * Creates a program in {@code dir} (which must not hold one yet). The base model is checked
     * against the schema inferred from the three splits before anything is written.
     */
    public static Program create(Path dir, ProgramSettings settings, Table train, Table holdout, Table test, byte[] baseModel,
            String baseModelSource) {
        FeatureSchema schema = FeatureSchema.infer(settings.label(), settings.loss().task(), train, holdout, test);
        if (Files.exists(dir.resolve(DB_FILE))) {
            throw new UserInputException(dir + ": already holds a bounty program (" + DB_FILE + ")");
        }
        FeatureData holdoutData = schema.encode(holdout, true);
        if (holdout.rowCount() == 0 || train.rowCount() == 0 || test.rowCount() == 0) {
            throw new UserInputException("train, holdout and test must each have at least one row (they have " + train.rowCount()
                    + ", " + holdout.rowCount() + ", " + test.rowCount() + ")");
        }
        schema.encode(train, true);
        schema.encode(test, true);
        try (OnnxModel base = OnnxModel.load(baseModelSource, baseModel, schema, OnnxModel.Role.PREDICTOR,
                settings.maxModelBytes(), settings.modelTimeoutMs())) {
            base.predict(holdoutData);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot create the program directory: " + e.getMessage());
        }
        String baseHash = new ModelStore(dir.resolve("models")).put(baseModel);
        Path tmpDb = dir.resolve(DB_FILE + ".creating");
        try {
            Files.deleteIfExists(tmpDb);
            try (Connection c = connect(tmpDb)) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                    st.execute("CREATE TABLE split_rows(split TEXT NOT NULL, row INTEGER NOT NULL, fields TEXT NOT NULL, "
                            + "PRIMARY KEY(split, row))");
                    st.execute("CREATE TABLE models(hash TEXT PRIMARY KEY, role TEXT NOT NULL, bytes INTEGER NOT NULL)");
                    st.execute("CREATE TABLE groups(id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, expression TEXT, "
                            + "model_hash TEXT, features TEXT NOT NULL)");
                    st.execute("CREATE TABLE submissions(id INTEGER PRIMARY KEY AUTOINCREMENT, team TEXT NOT NULL, at TEXT NOT NULL, "
                            + "group_id INTEGER NOT NULL REFERENCES groups(id), model_hash TEXT NOT NULL, accepted INTEGER NOT NULL, "
                            + "reason TEXT NOT NULL, group_size INTEGER, group_share REAL, loss_current REAL, loss_candidate REAL, "
                            + "gain REAL, alpha REAL, reported_improvement REAL, version_before INTEGER, version_after INTEGER, "
                            + "error_before REAL, error_after REAL)");
                    st.execute("CREATE TABLE nodes(version INTEGER PRIMARY KEY, kind TEXT NOT NULL, group_id INTEGER NOT NULL, "
                            + "model_hash TEXT, target_version INTEGER, submission_id INTEGER NOT NULL REFERENCES submissions(id), "
                            + "holdout_error REAL NOT NULL)");
                }
                putMeta(c, "format", FORMAT);
                putMeta(c, "settings", JSON.writeValueAsString(settings.toMap()));
                putMeta(c, "schema", JSON.writeValueAsString(schema.toManifest()));
                putMeta(c, "columns", JSON.writeValueAsString(train.columnNames()));
                putMeta(c, "base_model", baseHash);
                putMeta(c, "created", Instant.now().toString());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO models(hash, role, bytes) VALUES (?, 'base', ?)")) {
                    ps.setString(1, baseHash);
                    ps.setLong(2, baseModel.length);
                    ps.executeUpdate();
                }
                Table[] split = {train, holdout, test};
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO split_rows(split, row, fields) VALUES (?, ?, ?)")) {
                    for (int s = 0; s < 3; s++) {
                        Table t = split[s];
                        List<org.fairhunt.core.table.Column> cols = t.columns();
                        String[] fields = new String[cols.size()];
                        for (int i = 0; i < t.rowCount(); i++) {
                            for (int j = 0; j < fields.length; j++) {
                                fields[j] = cols.get(j).text(i);
                            }
                            ps.setString(1, SPLITS[s]);
                            ps.setInt(2, i);
                            ps.setString(3, JSON.writeValueAsString(fields));
                            ps.addBatch();
                            if (i % 5000 == 4999) {
                                ps.executeBatch();
                            }
                        }
                        ps.executeBatch();
                    }
                }
                c.commit();
            }
            // The database appears under its real name only once complete, so a killed init leaves no half program.
            Files.move(tmpDb, dir.resolve(DB_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new FairhuntException("cannot write the program database in " + dir + ": " + e.getMessage(), e);
        }
        return open(dir);
    }

    /** Opens the program in {@code dir}. */
    public static Program open(Path dir) {
        Path file = dir.resolve(DB_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(dir + ": not a bounty program (no " + DB_FILE + "); create one with 'fairhunt bounty init'");
        }
        try {
            Connection c = connect(file);
            Map<String, String> meta = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM meta")) {
                while (rs.next()) {
                    meta.put(rs.getString(1), rs.getString(2));
                }
            }
            if (!FORMAT.equals(meta.get("format"))) {
                c.close();
                throw new UserInputException(file + ": unknown program format '" + meta.get("format") + "', expected " + FORMAT);
            }
            ProgramSettings settings = ProgramSettings.fromMap(JSON.readValue(meta.get("settings"), new TypeReference<>() { }));
            FeatureSchema schema = FeatureSchema.fromManifest(JSON.readValue(meta.get("schema"), new TypeReference<>() { }));
            return new Program(dir, c, settings, schema, meta.get("base_model"));
        } catch (SQLException e) {
            throw new FairhuntException("cannot read the program database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FairhuntException("damaged program settings in " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath() + "?transaction_mode=IMMEDIATE");
        try (Statement st = c.createStatement()) {
            // Rollback journal with full sync: a commit is durable and a crash mid-transaction rolls back on next open.
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA foreign_keys=ON");
            st.execute("PRAGMA busy_timeout=30000");
        }
        return c;
    }

    private static void putMeta(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    public Path dir() {
        return dir;
    }

    public ProgramSettings settings() {
        return settings;
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** The public training split (hunters may see it). */
    public Table train() {
        return table("train");
    }

    /** A split as stored; {@code holdout} and {@code test} are for the program's decisions and report only. */
    public Table table(String split) {
        return tables.computeIfAbsent(split, this::readSplit);
    }

    /** A split encoded by the schema, with labels. */
    public FeatureData data(String split) {
        return encoded.computeIfAbsent(split, s -> schema.encode(table(s), true));
    }

    private Table readSplit(String split) {
        try {
            List<String> columns;
            try (PreparedStatement ps = db.prepareStatement("SELECT value FROM meta WHERE key = 'columns'")) {
                ResultSet rs = ps.executeQuery();
                rs.next();
                columns = JSON.readValue(rs.getString(1), new TypeReference<List<String>>() { });
            }
            Map<String, ColumnType> hints = new HashMap<>();
            for (Feature f : schema.features()) {
                hints.put(f.name(), f.categorical() ? ColumnType.CATEGORICAL : ColumnType.NUMERIC);
            }
            hints.put(schema.label(), schema.task() == org.fairhunt.bounty.schema.Task.CLASSIFICATION
                    ? ColumnType.CATEGORICAL : ColumnType.NUMERIC);
            TableBuilder b = new TableBuilder(dir.getFileName() + ":" + split, columns, hints, Set.of());
            try (PreparedStatement ps = db.prepareStatement("SELECT fields FROM split_rows WHERE split = ? ORDER BY row")) {
                ps.setString(1, split);
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    b.addRow(JSON.readValue(rs.getString(1), String[].class));
                }
            }
            return b.build();
        } catch (SQLException | IOException e) {
            throw new FairhuntException("cannot read split " + split + " from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The base model f0. */
    public OnnxModel baseModel() {
        return model(baseModelHash, OnnxModel.Role.PREDICTOR);
    }

    public String baseModelHash() {
        return baseModelHash;
    }

    private OnnxModel model(String hash, OnnxModel.Role role) {
        // Keyed by role too: one file may serve as a group (0/1 output) and as a two-class predictor.
        return models.computeIfAbsent(role + ":" + hash, k -> OnnxModel.load("model " + hash.substring(0, 12), store.get(hash),
                schema, role, Long.MAX_VALUE, settings.modelTimeoutMs()));
    }

    /** The group with id {@code id} as recorded. */
    public GroupPredicate group(long id) {
        return groups.computeIfAbsent(id, this::readGroup);
    }

    private GroupPredicate readGroup(long id) {
        try (PreparedStatement ps = db.prepareStatement("SELECT kind, expression, model_hash FROM groups WHERE id = ?")) {
            ps.setLong(1, id);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                throw new FairhuntException("group " + id + " is missing from the program record");
            }
            return "cel".equals(rs.getString(1)) ? CelGroup.compile(rs.getString(2), schema, settings.celLimits())
                    : new OnnxGroup(model(rs.getString(3), OnnxModel.Role.GROUP), "learned group " + rs.getString(3).substring(0, 12));
        } catch (SQLException e) {
            throw new FairhuntException("cannot read group " + id + ": " + e.getMessage(), e);
        }
    }

    /** Compiles and checks a submitted group (no state changes). */
    public GroupPredicate compileGroup(GroupSpec spec) {
        if (spec.isCel()) {
            return CelGroup.compile(spec.celExpression(), schema, settings.celLimits());
        }
        OnnxModel m = OnnxModel.load(spec.source(), spec.onnxModel(), schema, OnnxModel.Role.GROUP, settings.maxModelBytes(),
                settings.modelTimeoutMs());
        return new OnnxGroup(m, "learned group from " + spec.source());
    }

    /** Loads and checks a submitted model (no state changes). */
    public OnnxModel loadCandidate(byte[] bytes, String source) {
        return OnnxModel.load(source, bytes, schema, OnnxModel.Role.PREDICTOR, settings.maxModelBytes(), settings.modelTimeoutMs());
    }

    /** The recorded nodes 1..current, with model hashes. */
    public List<PdlNode> nodes() {
        List<PdlNode> out = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, kind, group_id, model_hash, target_version FROM nodes ORDER BY version")) {
            while (rs.next()) {
                out.add("accept".equals(rs.getString(2)) ? PdlNode.accept(rs.getInt(1), rs.getLong(3), rs.getString(4))
                        : PdlNode.catchNode(rs.getInt(1), rs.getLong(3), rs.getInt(5)));
            }
        } catch (SQLException e) {
            throw new FairhuntException("cannot read the list's nodes: " + e.getMessage(), e);
        }
        return out;
    }

    /** A resolver of the record's groups and models, for {@link PdlPredictor}. */
    public PdlPredictor.Resolver resolver() {
        return new PdlPredictor.Resolver() {
            @Override
            public GroupPredicate group(long groupId) {
                return Program.this.group(groupId);
            }

            @Override
            public OnnxModel model(String hash) {
                return Program.this.model(hash, OnnxModel.Role.PREDICTOR);
            }
        };
    }

    /** Predictions of the current model (or of every version) on {@code data}. */
    public List<double[]> predictAllVersions(FeatureData data) {
        return PdlPredictor.allVersions(data, baseModel(), nodes(), resolver());
    }

    /**
     * The holdout state, rebuilt from the record when missing or stale; every replayed node's holdout
     * error must equal the one recorded with it.
     */
    public PdlEngine engine() {
        List<PdlNode> recorded = nodes();
        if (engine != null && engine.currentVersion() == recorded.size()) {
            return engine;
        }
        FeatureData holdout = data("holdout");
        PdlEngine e = new PdlEngine(holdout.labels(), baseModel().predict(holdout), settings.loss(), settings.alpha(),
                settings.minGroupSize());
        Map<Integer, Double> errors = new HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT version, holdout_error FROM nodes")) {
            while (rs.next()) {
                errors.put(rs.getInt(1), rs.getDouble(2));
            }
        } catch (SQLException ex) {
            throw new FairhuntException("cannot read the list's nodes: " + ex.getMessage(), ex);
        }
        for (PdlNode n : recorded) {
            if (n.kind() == PdlNode.Kind.ACCEPT) {
                int[] rows = GroupPredicate.rows(group(n.groupId()).members(holdout));
                e.applyAccept(n.groupId(), rows, model(n.modelHash(), OnnxModel.Role.PREDICTOR).predict(holdout.subset(rows)));
            } else {
                e.applyCatch(n.groupId(), n.targetVersion());
            }
            if (Double.compare(e.error(n.version()), errors.get(n.version())) != 0) {
                throw new FairhuntException("program record is inconsistent: version " + n.version() + " has holdout error "
                        + e.error(n.version()) + " when rebuilt but " + errors.get(n.version()) + " as recorded");
            }
        }
        engine = e;
        return e;
    }

    /**
     * What a (group, model) pair would do against the current model on the public training rows:
     * no holdout row is read and no budget is spent.
     */
    public record CheckResult(int groupRows, int rows, double groupShare, double lossCurrent, double lossCandidate, double gain,
            double alpha, int minGroupSize) {
        /** Whether the same numbers on the holdout would be accepted. */
        public boolean wouldPass() {
            return groupRows >= minGroupSize && gain >= alpha;
        }
    }

    public CheckResult check(GroupSpec groupSpec, byte[] modelBytes, String modelSource) {
        GroupPredicate g = compileGroup(groupSpec);
        OnnxModel h = loadCandidate(modelBytes, modelSource);
        try {
            return check(g, h);
        } finally {
            h.close();
        }
    }

    public CheckResult check(GroupPredicate g, OnnxModel h) {
        FeatureData train = data("train");
        List<double[]> versions = predictAllVersions(train);
        double[] cur = versions.get(versions.size() - 1);
        int[] rows = GroupPredicate.rows(g.members(train));
        if (rows.length == 0) {
            throw new UserInputException("the group selects no rows of the training data");
        }
        double[] cand = h.predict(train.subset(rows));
        double[] y = train.labels();
        double lf = 0;
        double lh = 0;
        for (int k = 0; k < rows.length; k++) {
            lf += settings.loss().of(y[rows[k]], cur[rows[k]]);
            lh += settings.loss().of(y[rows[k]], cand[k]);
        }
        lf /= rows.length;
        lh /= rows.length;
        double mu = (double) rows.length / train.rowCount();
        return new CheckResult(rows.length, train.rowCount(), mu, lf, lh, mu * (lf - lh), settings.alpha(), settings.minGroupSize());
    }

    /** Submissions team {@code team} has made. */
    public int submissionsBy(String team) {
        try (PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM submissions WHERE team = ?")) {
            ps.setString(1, team);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new FairhuntException("cannot count submissions: " + e.getMessage(), e);
        }
    }

    /**
     * Decides a submission on the holdout and records it in one transaction. Bad input (group, model,
     * team over budget, group empty on the holdout) throws {@link UserInputException} and changes nothing.
     */
    public SubmissionResult submit(String team, GroupSpec groupSpec, byte[] modelBytes, String modelSource) {
        if (team == null || team.isBlank() || team.length() > 100) {
            throw new UserInputException("--team must name the submitting team (1 to 100 characters)");
        }
        GroupPredicate g = compileGroup(groupSpec);
        OnnxModel h = loadCandidate(modelBytes, modelSource);
        String modelHash = store.put(modelBytes);
        String groupModelHash = groupSpec.isCel() ? null : store.put(groupSpec.onnxModel());
        int before = -1;
        try {
            // The connection begins IMMEDIATE transactions: the write lock is taken here, before reading the state.
            db.setAutoCommit(false);
            int used = submissionsBy(team);
            if (used >= settings.budget()) {
                throw new UserInputException("team " + team + " has used its budget of " + settings.budget() + " submissions");
            }
            PdlEngine e = engine();
            before = e.currentVersion();
            FeatureData holdout = data("holdout");
            int[] rows = GroupPredicate.rows(g.members(holdout));
            if (rows.length == 0) {
                throw new UserInputException("the group selects no rows of the holdout; nothing to decide (no budget used)");
            }
            double[] candidate = h.predict(holdout.subset(rows));
            long groupId = insertGroup(groupSpec, groupModelHash, g);
            insertModel(modelHash, "candidate", modelBytes.length);
            if (groupModelHash != null) {
                insertModel(groupModelHash, "group", groupSpec.onnxModel().length);
            }
            Decision d = e.decide(groupId, rows, candidate);
            double reported = d.accepted() ? settings.reported(d.gain()) : 0;
            long submissionId;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO submissions(team, at, group_id, model_hash, accepted, reason, "
                    + "group_size, group_share, loss_current, loss_candidate, gain, alpha, reported_improvement, version_before, "
                    + "version_after, error_before, error_after) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, team);
                ps.setString(2, Instant.now().toString());
                ps.setLong(3, groupId);
                ps.setString(4, modelHash);
                ps.setInt(5, d.accepted() ? 1 : 0);
                ps.setString(6, d.reason());
                ps.setInt(7, d.groupSize());
                ps.setDouble(8, d.groupShare());
                ps.setDouble(9, d.lossCurrent());
                ps.setDouble(10, d.lossCandidate());
                ps.setDouble(11, d.gain());
                ps.setDouble(12, d.alpha());
                ps.setDouble(13, reported);
                ps.setInt(14, d.versionBefore());
                ps.setInt(15, d.versionAfter());
                ps.setDouble(16, d.errorBefore());
                ps.setDouble(17, d.errorAfter());
                ps.executeUpdate();
                ResultSet keys = ps.getGeneratedKeys();
                keys.next();
                submissionId = keys.getLong(1);
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO nodes(version, kind, group_id, model_hash, target_version, "
                    + "submission_id, holdout_error) VALUES (?,?,?,?,?,?,?)")) {
                for (PdlNode n : d.nodesAdded()) {
                    ps.setInt(1, n.version());
                    ps.setString(2, n.kind() == PdlNode.Kind.ACCEPT ? "accept" : "catch");
                    ps.setLong(3, n.groupId());
                    ps.setString(4, n.kind() == PdlNode.Kind.ACCEPT ? modelHash : null);
                    if (n.kind() == PdlNode.Kind.CATCH) {
                        ps.setInt(5, n.targetVersion());
                    } else {
                        ps.setNull(5, java.sql.Types.INTEGER);
                    }
                    ps.setLong(6, submissionId);
                    ps.setDouble(7, e.error(n.version()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            db.commit();
            return new SubmissionResult(submissionId, team, d.accepted(), reported, settings.budget() - used - 1, d);
        } catch (SQLException ex) {
            rollback(before);
            throw new FairhuntException("cannot record the submission (nothing was changed): " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            rollback(before);
            throw ex;
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is unusable; the next call reports it
            }
        }
    }

    private void rollback(int versionBefore) {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // nothing was committed
        }
        if (engine != null && versionBefore >= 0) {
            engine.truncate(versionBefore);
        }
    }

    private long insertGroup(GroupSpec spec, String modelHash, GroupPredicate g) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO groups(kind, expression, model_hash, features) VALUES (?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, spec.isCel() ? "cel" : "onnx");
            ps.setString(2, spec.celExpression());
            ps.setString(3, modelHash);
            ps.setString(4, String.join(",", g.featuresUsed()));
            ps.executeUpdate();
            ResultSet keys = ps.getGeneratedKeys();
            keys.next();
            return keys.getLong(1);
        }
    }

    private void insertModel(String hash, String role, long bytes) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO models(hash, role, bytes) VALUES (?,?,?)")) {
            ps.setString(1, hash);
            ps.setString(2, role);
            ps.setLong(3, bytes);
            ps.executeUpdate();
        }
    }

    /** One row of the leaderboard. */
    public record TeamStanding(String team, int submissions, int accepted, double reportedImprovement, int budgetLeft,
            Map<String, Integer> featuresUsed) {
    }

    /** Teams ordered by reported improvement, then by fewer submissions. */
    public List<TeamStanding> leaderboard() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Double> improvement = new HashMap<>();
        Map<String, Map<String, Integer>> features = new HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT s.team, s.accepted, s.reported_improvement, g.features FROM submissions s JOIN groups g ON g.id = s.group_id "
                        + "ORDER BY s.id")) {
            while (rs.next()) {
                String team = rs.getString(1);
                int[] c = counts.computeIfAbsent(team, t -> new int[2]);
                c[0]++;
                c[1] += rs.getInt(2);
                improvement.merge(team, rs.getDouble(3), Double::sum);
                Map<String, Integer> f = features.computeIfAbsent(team, t -> new java.util.TreeMap<>());
                for (String name : rs.getString(4).split(",")) {
                    if (!name.isEmpty()) {
                        f.merge(name, 1, Integer::sum);
                    }
                }
            }
        } catch (SQLException e) {
            throw new FairhuntException("cannot read submissions: " + e.getMessage(), e);
        }
        List<TeamStanding> out = new ArrayList<>();
        for (Map.Entry<String, int[]> en : counts.entrySet()) {
            String t = en.getKey();
            out.add(new TeamStanding(t, en.getValue()[0], en.getValue()[1], improvement.get(t),
                    settings.budget() - en.getValue()[0], features.get(t)));
        }
        out.sort((a, b) -> a.reportedImprovement() != b.reportedImprovement()
                ? Double.compare(b.reportedImprovement(), a.reportedImprovement()) : Integer.compare(a.submissions(), b.submissions()));
        return out;
    }

    /** A recorded submission as the program's log shows it (exact numbers: for the operator). */
    public record SubmissionRecord(long id, String team, String group, boolean accepted, String reason, int groupSize,
            double gain, double reportedImprovement, int versionBefore, int versionAfter) {
    }

    public List<SubmissionRecord> submissions() {
        List<SubmissionRecord> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT s.id, s.team, coalesce(g.expression, 'learned group ' || substr(g.model_hash, 1, 12)), s.accepted, s.reason, "
                        + "s.group_size, s.gain, s.reported_improvement, s.version_before, s.version_after "
                        + "FROM submissions s JOIN groups g ON g.id = s.group_id ORDER BY s.id")) {
            while (rs.next()) {
                out.add(new SubmissionRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1, rs.getString(5),
                        rs.getInt(6), rs.getDouble(7), rs.getDouble(8), rs.getInt(9), rs.getInt(10)));
            }
        } catch (SQLException e) {
            throw new FairhuntException("cannot read submissions: " + e.getMessage(), e);
        }
        return out;
    }

    /** Stored bytes of a model. */
    public byte[] modelBytes(String hash) {
        return store.get(hash);
    }

    /** Expression (CEL) or model hash (learned) of a recorded group. */
    public Map<String, Object> groupRecord(long id) {
        try (PreparedStatement ps = db.prepareStatement("SELECT kind, expression, model_hash, features FROM groups WHERE id = ?")) {
            ps.setLong(1, id);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                throw new FairhuntException("group " + id + " is missing from the program record");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("kind", rs.getString(1));
            if (rs.getString(2) != null) {
                m.put("expression", rs.getString(2));
            }
            if (rs.getString(3) != null) {
                m.put("model", rs.getString(3));
            }
            m.put("features", new ArrayList<>(new LinkedHashSet<>(Arrays.asList(rs.getString(4).split(",")))));
            return m;
        } catch (SQLException e) {
            throw new FairhuntException("cannot read group " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (OnnxModel m : models.values()) {
            m.close();
        }
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing
        }
    }
}

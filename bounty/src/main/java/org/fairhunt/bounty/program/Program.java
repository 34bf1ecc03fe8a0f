package org.fairhunt.bounty.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fairhunt.bounty.group.CelGroup;
import org.fairhunt.bounty.group.GroupPredicate;
import org.fairhunt.bounty.group.OnnxGroup;
import org.fairhunt.bounty.onnx.ModelHash;
import org.fairhunt.bounty.onnx.OnnxModel;
import org.fairhunt.bounty.pdl.AcceptanceRule;
import org.fairhunt.bounty.pdl.Decision;
import org.fairhunt.bounty.pdl.PdlEngine;
import org.fairhunt.bounty.pdl.PdlNode;
import org.fairhunt.bounty.pdl.PdlPredictor;
import org.fairhunt.bounty.pdl.Thresholdout;
import org.fairhunt.bounty.schema.FeatureData;
import org.fairhunt.bounty.schema.FeatureSchema;
import org.fairhunt.bounty.schema.PublicProbe;
import org.fairhunt.bounty.schema.SplitFormat;
import org.fairhunt.bounty.store.BountyStore;
import org.fairhunt.core.StorageException;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.AtomicFiles;
import org.fairhunt.core.json.JsonValues;
import org.fairhunt.core.table.Table;

/**
 * One bounty program: the service the command line and the web service call. It creates a program,
 * checks a pair on public rows, decides submissions on the holdout, and reads the status, the
 * leaderboard and the decisions; the record lives in a {@link BountyStore} (a program directory's
 * SQLite {@code program.db}, or a shared PostgreSQL database).
 *
 * <p><b>Threading.</b> A {@code Program} is used by one thread at a time (it caches decoded splits,
 * loaded models and the holdout state). Decisions are sequential by definition: {@link #submit} takes
 * the store's write lock for this program before it reads the state, so two processes (or two
 * {@code Program} objects on one database) submitting to one program are serialized and the second
 * decides against the first's nodes. One writer; any number of readers on their own stores.
 *
 * <p><b>The holdout.</b> A submitted group and model are validated on public rows (the training split
 * and a synthetic probe of the schema) before they touch the holdout; anything that goes wrong on the
 * holdout afterwards is recorded as a failed submission, charged to the team's budget and reported
 * without numbers. See the threat model in the module's README.
 */
public final class Program implements AutoCloseable {
    /** The database file of a program directory. */
    public static final String DB_FILE = "program.db";
    /** The name of the one program a directory's database holds. */
    public static final String DIRECTORY_PROGRAM = "program";
    /** For writing a new program's settings only: opening one reads them with {@link JsonValues}, without a mapper. */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper();
    }
    private static final String[] SPLITS = {"train", "holdout", "test"};

    private final BountyStore store;
    private final boolean ownsStore;
    private final long id;
    private final String name;
    private final Path dir;
    private final ProgramSettings settings;
    private final FeatureSchema schema;
    private final String baseModelHash;
    private final List<String> columns;
    private final Map<String, FeatureData> encoded = new HashMap<>();
    private final Map<String, OnnxModel> models = new HashMap<>();
    private final Map<Long, GroupPredicate> groups = new HashMap<>();
    private final Map<Long, BountyStore.GroupRow> groupRows = new HashMap<>();
    private PdlEngine engine;

    private Program(BountyStore store, boolean ownsStore, BountyStore.ProgramRow row, Path dir) {
        this.store = store;
        this.ownsStore = ownsStore;
        this.id = row.id();
        this.name = row.name();
        this.dir = dir;
        try {
            this.settings = ProgramSettings.fromMap(JsonValues.readObject(row.settingsJson()));
            this.schema = FeatureSchema.fromManifest(JsonValues.readObject(row.schemaJson()));
            this.columns = JsonValues.readStrings(row.columnsJson());
        } catch (IOException | RuntimeException e) {
            throw new StorageException(store.location() + ": the settings of program '" + row.name() + "' are damaged ("
                    + e.getMessage() + "); restore the database from a backup", e);
        }
        this.baseModelHash = row.baseModel();
    }

    // ---- creating and opening ----

    /**
     * Creates a program in directory {@code dir} (created owner-only, 0700; it must not hold a program
     * yet). The database is built under a temporary name and renamed when complete, so a killed
     * {@code init} leaves no half program.
     */
    public static Program create(Path dir, ProgramSettings settings, Table train, Table holdout, Table test, byte[] baseModel,
            String baseModelSource) {
        Prepared prepared = prepare(settings, train, holdout, test, baseModel, baseModelSource);
        Path file = dir.resolve(DB_FILE);
        if (Files.exists(file)) {
            throw new UserInputException(dir + ": already holds a bounty program (" + DB_FILE + ")");
        }
        createPrivateDirectory(dir);
        Path tmp = dir.resolve(DB_FILE + ".creating");
        try {
            Files.deleteIfExists(tmp);
            deleteQuietly(dir.resolve(DB_FILE + ".creating-journal"));
        } catch (IOException e) {
            throw new StorageException("cannot remove " + tmp + ": " + AtomicFiles.describe(e), e);
        }
        try (BountyStore s = BountyStore.openSqlite(tmp, true)) {
            prepared.insert(s, DIRECTORY_PROGRAM);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StorageException("cannot rename " + tmp + " to " + file + ": " + AtomicFiles.describe(e), e);
        }
        return open(dir);
    }

    /** Creates program {@code name} in a shared store (the web service); the caller keeps the store. */
    public static Program create(BountyStore store, String name, ProgramSettings settings, Table train, Table holdout, Table test,
            byte[] baseModel, String baseModelSource) {
        prepare(settings, train, holdout, test, baseModel, baseModelSource).insert(store, name);
        return open(store, name);
    }

    /** A program checked and encoded, ready to be stored. */
    private record Prepared(ProgramSettings settings, FeatureSchema schema, List<String> columns, Map<String, byte[]> splits,
            Map<String, Integer> rows, byte[] baseModel, double[] baseOnHoldout) {
        void insert(BountyStore s, String name) {
            try {
                s.createProgram(name, Writer.JSON.writeValueAsString(settings.toMap()), Writer.JSON.writeValueAsString(schema.toManifest()),
                        Writer.JSON.writeValueAsString(columns), splits, rows, SplitFormat.VERSION, ModelHash.sha256(baseModel), baseModel,
                        baseOnHoldout);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Prepared prepare(ProgramSettings requested, Table train, Table holdout, Table test, byte[] baseModel,
            String baseModelSource) {
        FeatureSchema schema = FeatureSchema.infer(requested.label(), requested.loss().task(), train, holdout, test);
        if (holdout.rowCount() == 0 || train.rowCount() == 0 || test.rowCount() == 0) {
            throw new UserInputException("train, holdout and test must each have at least one row (they have " + train.rowCount()
                    + ", " + holdout.rowCount() + ", " + test.rowCount() + ")");
        }
        ProgramSettings settings = requested.resolveAlpha(holdout.rowCount());
        Table[] tables = {train, holdout, test};
        Map<String, byte[]> splits = new LinkedHashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        FeatureData holdoutData = null;
        for (int s = 0; s < 3; s++) {
            FeatureData d = schema.encode(tables[s], true);
            splits.put(SPLITS[s], SplitFormat.write(d));
            rows.put(SPLITS[s], d.rowCount());
            if (s == 1) {
                holdoutData = d;
            }
        }
        try (OnnxModel base = OnnxModel.load(baseModelSource, baseModel, schema, OnnxModel.Role.PREDICTOR, settings.maxModelBytes(),
                settings.modelTimeoutMs())) {
            // The operator's own model: its errors may quote the holdout.
            return new Prepared(settings, schema, train.columnNames(), splits, rows, baseModel, base.predict(holdoutData));
        }
    }

    /** Opens the program in directory {@code dir}, removing what a killed process left behind. */
    public static Program open(Path dir) {
        Path file = dir.resolve(DB_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(dir + ": not a bounty program (no " + DB_FILE + "); create one with 'fairhunt bounty init'");
        }
        cleanLeftovers(dir);
        BountyStore s = BountyStore.openSqlite(file, false);
        try {
            BountyStore.ProgramRow row = s.program(DIRECTORY_PROGRAM).orElseThrow(() -> new StorageException(file
                    + ": holds no program; the file is damaged or not a program directory's database: restore it from a backup"));
            return new Program(s, true, row, dir);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Opens program {@code name} of a shared store (the caller keeps and closes the store). */
    public static Program open(BountyStore store, String name) {
        BountyStore.ProgramRow row = store.program(name)
                .orElseThrow(() -> new UserInputException(store.location() + ": no bounty program named '" + name + "'"));
        return new Program(store, false, row, null);
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(dir);
                }
            } else {
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException ignored) {
                    // not POSIX: the platform's defaults apply
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot create the program directory " + dir + ": " + AtomicFiles.describe(e), e);
        }
    }

    /** A killed {@code init} leaves {@code program.db.creating}; a killed atomic write leaves {@code .name.*.tmp}. */
    private static void cleanLeftovers(Path dir) {
        deleteQuietly(dir.resolve(DB_FILE + ".creating"));
        deleteQuietly(dir.resolve(DB_FILE + ".creating-journal"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (AtomicFiles.isTemporary(f)) {
                    deleteQuietly(f);
                }
            }
        } catch (IOException ignored) {
            // reading the program reports a real problem
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a leftover that stays is harmless
        }
    }

    // ---- what a program is ----

    /** The program's directory, or null for a program in a shared store. */
    public Path dir() {
        return dir;
    }

    public String name() {
        return name;
    }

    /** Where the record is: the database file or URL. */
    public String location() {
        return store.location();
    }

    public ProgramSettings settings() {
        return settings;
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** The splits' columns in their files' order (features and label). */
    public List<String> columns() {
        return columns;
    }

    /**
     * A split encoded by the schema, with labels: {@code train} is public; {@code holdout} and
     * {@code test} are for the program's decisions and report only.
     */
    public FeatureData data(String split) {
        return encoded.computeIfAbsent(split, s -> SplitFormat.read(schema, name + ":" + s, store.split(id, s)));
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
        return models.computeIfAbsent(role + ":" + hash, k -> OnnxModel.load("model " + hash.substring(0, 12), modelBytes(hash),
                schema, role, Long.MAX_VALUE, settings.modelTimeoutMs()));
    }

    /** Stored bytes of a model, checked against their hash. */
    public byte[] modelBytes(String hash) {
        byte[] bytes = store.model(id, hash);
        if (!ModelHash.sha256(bytes).equals(hash)) {
            throw new StorageException(store.location() + ": model " + hash + " does not match its SHA-256; the record is damaged: "
                    + "restore it from a backup");
        }
        return bytes;
    }

    /** The group with id {@code groupId} as recorded. */
    public GroupPredicate group(long groupId) {
        return groups.computeIfAbsent(groupId, gid -> {
            BountyStore.GroupRow g = groupRow(gid);
            return "cel".equals(g.kind()) ? CelGroup.compile(g.expression(), schema, settings.celLimits())
                    : new OnnxGroup(model(g.modelHash(), OnnxModel.Role.GROUP), "learned group " + g.modelHash().substring(0, 12));
        });
    }

    /** A recorded group, read once (by id: a submission needs only a few of the program's groups), or null. */
    private BountyStore.GroupRow findGroup(long groupId) {
        BountyStore.GroupRow g = groupRows.get(groupId);
        if (g == null) {
            g = store.group(id, groupId);
            if (g != null) {
                groupRows.put(groupId, g);
            }
        }
        return g;
    }

    private BountyStore.GroupRow groupRow(long groupId) {
        BountyStore.GroupRow g = findGroup(groupId);
        if (g == null) {
            throw new StorageException(store.location() + ": group " + groupId + " is missing from the record; restore it from a backup");
        }
        return g;
    }

    /** Expression (CEL) or model hash (learned) and features of a recorded group. */
    public Map<String, Object> groupRecord(long groupId) {
        BountyStore.GroupRow g = groupRow(groupId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", groupId);
        m.put("kind", g.kind());
        if (g.expression() != null) {
            m.put("expression", g.expression());
        }
        if (g.modelHash() != null) {
            m.put("model", g.modelHash());
        }
        m.put("features", g.features());
        return m;
    }

    /** Compiles and checks a submitted group (no state changes); the caller closes a learned group's model. */
    public GroupPredicate compileGroup(GroupSpec spec) {
        return compileGroup(spec, schema, settings);
    }

    static GroupPredicate compileGroup(GroupSpec spec, FeatureSchema schema, ProgramSettings settings) {
        if (spec.isCel()) {
            return CelGroup.compile(spec.celExpression(), schema, settings.celLimits());
        }
        OnnxModel m = OnnxModel.load(spec.source(), spec.onnxModel(), schema, OnnxModel.Role.GROUP, settings.maxModelBytes(),
                settings.modelTimeoutMs());
        return new OnnxGroup(m, "learned group from " + spec.source());
    }

    /** Loads and checks a submitted model (no state changes); the caller closes it. */
    public OnnxModel loadCandidate(byte[] bytes, String source) {
        return OnnxModel.load(source, bytes, schema, OnnxModel.Role.PREDICTOR, settings.maxModelBytes(), settings.modelTimeoutMs());
    }

    /** The recorded nodes 1..current, with model hashes. */
    public List<PdlNode> nodes() {
        List<PdlNode> out = new ArrayList<>();
        for (BountyStore.NodeRow n : store.nodes(id, false)) {
            out.add(toNode(n));
        }
        return out;
    }

    private static PdlNode toNode(BountyStore.NodeRow n) {
        return "accept".equals(n.kind()) ? PdlNode.accept(n.version(), n.groupId(), n.modelHash())
                : PdlNode.catchNode(n.version(), n.groupId(), n.targetVersion());
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

    /** Predictions of every version on {@code data} (index 0 is the base model). */
    public List<double[]> predictAllVersions(FeatureData data) {
        return PdlPredictor.allVersions(data, baseModel(), nodes(), resolver());
    }

    /**
     * The holdout state, rebuilt from the record when missing or stale. The replay runs no submitted
     * model: accept nodes carry their holdout predictions and groups their holdout rows. Every replayed
     * node's holdout error must equal the one recorded with it.
     */
    public PdlEngine engine() {
        List<BountyStore.NodeRow> recorded = store.nodes(id, engine == null);
        if (engine != null && engine.currentVersion() == recorded.size()) {
            return engine;
        }
        if (engine != null) {
            recorded = store.nodes(id, true);
        }
        FeatureData holdout = data("holdout");
        double[] base = store.baseHoldoutPredictions(id);
        if (base == null || base.length != holdout.rowCount()) {
            base = baseModel().predict(holdout);
        }
        PdlEngine e = new PdlEngine(holdout.labels(), base, settings.rule());
        for (BountyStore.NodeRow n : recorded) {
            if ("accept".equals(n.kind())) {
                int[] rows = groupRow(n.groupId()).holdoutRows();
                if (rows == null || n.predictions() == null || n.predictions().length != rows.length) {
                    throw inconsistent("node " + n.version() + " lacks its group's holdout rows or predictions");
                }
                e.applyAccept(n.groupId(), rows, n.predictions());
            } else {
                e.applyCatch(n.groupId(), n.targetVersion());
            }
            if (Double.compare(e.error(n.version()), n.holdoutError()) != 0) {
                throw inconsistent("version " + n.version() + " has holdout error " + e.error(n.version()) + " when rebuilt but "
                        + n.holdoutError() + " as recorded");
            }
        }
        thresholdoutAnswersLeft(); // replays Thresholdout's answers from the seed and checks them against the record
        engine = e;
        return e;
    }

    private StorageException inconsistent(String what) {
        return new StorageException(store.location() + ": the program record is inconsistent: " + what + "; restore it from a backup");
    }

    // ---- hunters: the free check on public rows ----

    /**
     * What a (group, model) pair would do against the current model on the public training rows: the
     * same {@link AcceptanceRule} as on the holdout, no holdout row read and no budget spent.
     */
    public record CheckResult(AcceptanceRule.Verdict verdict, int rows, double alpha, int minGroupSize) {
        public int groupRows() {
            return verdict.groupSize();
        }

        public double groupShare() {
            return verdict.groupShare();
        }

        public double lossCurrent() {
            return verdict.lossCurrent();
        }

        public double lossCandidate() {
            return verdict.lossCandidate();
        }

        public double gain() {
            return verdict.gain();
        }

        /** Whether the same numbers on the holdout would be accepted. */
        public boolean wouldPass() {
            return verdict.passed();
        }
    }

    public CheckResult check(GroupSpec groupSpec, byte[] modelBytes, String modelSource) {
        GroupPredicate g = compileGroup(groupSpec);
        try (OnnxModel h = loadCandidate(modelBytes, modelSource)) {
            return check(g, h);
        } finally {
            closeGroup(g);
        }
    }

    public CheckResult check(GroupPredicate g, OnnxModel h) {
        FeatureData train = data("train");
        List<double[]> versions = predictAllVersions(train);
        return check(settings, train, versions.get(versions.size() - 1), g, h);
    }

    /** The check on given public rows and the current model's predictions on them (also used by a hunter's kit). */
    public static CheckResult check(ProgramSettings settings, FeatureData train, double[] current, GroupPredicate g, OnnxModel h) {
        int[] rows = GroupPredicate.rows(g.members(train));
        if (rows.length == 0) {
            throw new UserInputException("the group selects no rows of the training data");
        }
        double[] cand = h.predict(train.subset(rows));
        AcceptanceRule.Verdict v = settings.rule().judge(train.labels(), current, rows, cand, train.rowCount());
        return new CheckResult(v, train.rowCount(), settings.alpha(), settings.minGroupSize());
    }

    static void closeGroup(GroupPredicate g) {
        if (g instanceof OnnxGroup og) {
            og.close();
        }
    }

    // ---- submissions ----

    /** Submissions team {@code team} has made (every outcome counts against the budget). */
    public int submissionsBy(String team) {
        return store.submissionsBy(id, team);
    }

    /**
     * Decides a submission on the holdout and records it in one transaction.
     *
     * <p>Before anything touches the holdout, the group and the model are validated on public rows (the
     * training split and a synthetic probe of the schema): a mistake there is a {@link UserInputException}
     * whose message may quote those public rows, nothing is recorded and no budget is spent. Then, holding
     * the program's write lock: a team over budget is refused (nothing recorded); a group that nearly
     * coincides on the holdout with one already submitted against the same model version is refused
     * without an answer; a group or model that fails on the holdout is recorded as failed, without
     * numbers; otherwise the {@link AcceptanceRule} decides. Refused, failed, rejected and accepted
     * submissions are all recorded and charged to the team's budget.
     */
    public SubmissionResult submit(String team, GroupSpec groupSpec, byte[] modelBytes, String modelSource) {
        if (team == null || team.isBlank() || team.length() > 100) {
            throw new UserInputException("--team must name the submitting team (1 to 100 characters)");
        }
        if (submissionsBy(team) >= settings.budget()) {
            throw new UserInputException("team " + team + " has used its budget of " + settings.budget() + " submissions");
        }
        Integer answersLeft = thresholdoutAnswersLeft();
        if (answersLeft != null && answersLeft <= 0) {
            throw new UserInputException(thresholdoutExhausted());
        }
        GroupPredicate g = compileGroup(groupSpec);
        try (OnnxModel h = loadCandidate(modelBytes, modelSource)) {
            FeatureData probe = PublicProbe.of(data("train"));
            g.members(probe);
            h.predict(probe);
            return decide(team, groupSpec, g, h, modelBytes);
        } finally {
            closeGroup(g);
        }
    }

    private SubmissionResult decide(String team, GroupSpec groupSpec, GroupPredicate g, OnnxModel h, byte[] modelBytes) {
        String modelHash = ModelHash.sha256(modelBytes);
        String groupModelHash = groupSpec.isCel() ? null : ModelHash.sha256(groupSpec.onnxModel());
        int[] before = {-1};
        try {
            return store.write(id, "record the submission", () -> {
                int used = store.submissionsBy(id, team);
                if (used >= settings.budget()) {
                    throw new UserInputException("team " + team + " has used its budget of " + settings.budget() + " submissions");
                }
                Thresholdout reuse = thresholdout();
                if (reuse != null && reuse.exhausted()) {
                    throw new UserInputException(thresholdoutExhausted());
                }
                PdlEngine e = engine();
                before[0] = e.currentVersion();
                FeatureData holdout = data("holdout");
                int[] rows = null;
                double[] candidate = null;
                String failure = null;
                try {
                    rows = GroupPredicate.rows(g.members(holdout));
                    candidate = h.predict(holdout.subset(rows));
                } catch (UserInputException ex) {
                    // Its message may quote holdout values or sizes: recorded for the operator, never shown.
                    failure = ex.getMessage();
                }
                store.putModel(id, modelHash, "candidate", modelBytes);
                if (groupModelHash != null) {
                    store.putModel(id, groupModelHash, "group", groupSpec.onnxModel());
                }
                long groupId = store.insertGroup(id, groupSpec.isCel() ? "cel" : "onnx", groupSpec.celExpression(), groupModelHash,
                        List.copyOf(g.featuresUsed()), failure == null ? rows : null);
                String at = Instant.now().toString();
                int v = e.currentVersion();
                if (failure != null) {
                    long sid = store.insertSubmission(id, new BountyStore.SubmissionRow(0, team, at, groupId, modelHash, "failed",
                            "failed on the holdout: " + failure, null, null, null, null, null, settings.alpha(), null, 0, v, v, null, null));
                    return SubmissionResult.failed(sid, team, settings.budget() - used - 1);
                }
                if (nearDuplicate(rows, v)) {
                    long sid = store.insertSubmission(id, new BountyStore.SubmissionRow(0, team, at, groupId, modelHash, "refused",
                            "group's holdout rows differ in fewer than " + settings.minGroupDifference() + " rows from a group already "
                                    + "submitted against model version " + v, rows.length, null, null, null, null, settings.alpha(), null, 0,
                            v, v, null, null));
                    return SubmissionResult.refused(sid, team, settings.budget() - used - 1);
                }
                Thresholdout.Answer answer = null;
                double trainValue = Double.NaN;
                Decision d;
                if (reuse != null) {
                    // The statistic is the gain; Thresholdout decides what is revealed of it and gates the accept.
                    trainValue = trainGain(g, h);
                    AcceptanceRule.Verdict exact = settings.rule().judge(holdout.labels(), e.predictions(v), rows, candidate,
                            holdout.rowCount());
                    answer = reuse.query(trainValue, exact.gain());
                    d = exact.passed() && !(answer.value() >= settings.alpha())
                            ? new Decision(false, "improvement below the program's threshold alpha = " + settings.alpha()
                                    + " (Thresholdout answer)", exact.groupSize(), exact.groupShare(), exact.lossCurrent(),
                                    exact.lossCandidate(), exact.gain(), settings.alpha(), exact.pValue(), v, v, e.error(v), e.error(v), List.of())
                            : e.decide(groupId, rows, candidate);
                } else {
                    d = e.decide(groupId, rows, candidate);
                }
                double reported = d.accepted() ? settings.reported(answer != null ? answer.value() : d.gain()) : 0;
                long sid = store.insertSubmission(id, new BountyStore.SubmissionRow(0, team, at, groupId, modelHash,
                        d.accepted() ? "accepted" : "rejected", d.reason(), d.groupSize(), d.groupShare(), d.lossCurrent(),
                        d.lossCandidate(), d.gain(), d.alpha(), d.pValue(), reported, d.versionBefore(), d.versionAfter(), d.errorBefore(),
                        d.errorAfter()));
                List<BountyStore.NodeRow> nodeRows = new ArrayList<>();
                for (PdlNode n : d.nodesAdded()) {
                    boolean accept = n.kind() == PdlNode.Kind.ACCEPT;
                    nodeRows.add(new BountyStore.NodeRow(n.version(), accept ? "accept" : "catch", n.groupId(), accept ? modelHash : null,
                            accept ? null : n.targetVersion(), sid, e.error(n.version()), accept ? candidate : null));
                }
                store.insertNodes(id, nodeRows);
                if (answer != null) {
                    store.insertThresholdoutAnswer(id, new BountyStore.ThresholdoutRow(sid, trainValue, d.gain(), answer.value(),
                            answer.overThreshold()));
                }
                groupRows.remove(groupId);
                return new SubmissionResult(sid, team, SubmissionResult.Outcome.of(d.accepted()), reported, settings.budget() - used - 1, d);
            });
        } catch (RuntimeException ex) {
            if (engine != null && before[0] >= 0) {
                engine.truncate(before[0]);
            }
            groupRows.clear();
            throw ex;
        }
    }

    /**
     * The gain μ̂(g)·(L̂(f,g) − L̂(h,g)) of the pair on the public training rows against the current model: the
     * statistic Thresholdout compares with the holdout's (0 when g selects no training row).
     */
    private double trainGain(GroupPredicate g, OnnxModel h) {
        FeatureData train = data("train");
        List<double[]> versions = predictAllVersions(train);
        int[] rows = GroupPredicate.rows(g.members(train));
        double[] cand = rows.length == 0 ? new double[0] : h.predict(train.subset(rows));
        return settings.rule().judge(train.labels(), versions.get(versions.size() - 1), rows, cand, train.rowCount()).gain();
    }

    private String thresholdoutExhausted() {
        return "the program's Thresholdout budget of " + settings.thresholdout().budget() + " holdout answers is used up: it answers "
                + "no more submissions (the operator may start a new program with a fresh holdout)";
    }

    /**
     * The program's Thresholdout replayed from its recorded seed and answers (null when the setting is off);
     * a recorded answer that the replay does not reproduce means the record was altered. Inside a write, the
     * seed is drawn and recorded on first use.
     */
    private Thresholdout thresholdout() throws java.sql.SQLException {
        if (settings.thresholdout() == null) {
            return null;
        }
        Long seed = store.thresholdoutSeed(id);
        if (seed == null) {
            seed = new java.security.SecureRandom().nextLong();
            store.setThresholdoutSeed(id, seed);
        }
        return replayThresholdout(seed);
    }

    private Thresholdout replayThresholdout(long seed) {
        Thresholdout t = new Thresholdout(settings.thresholdout(), seed);
        Map<Long, Double> gains = new HashMap<>();
        for (BountyStore.SubmissionRow s : store.submissions(id)) {
            gains.put(s.id(), s.gain());
        }
        for (BountyStore.ThresholdoutRow r : store.thresholdoutAnswers(id)) {
            Double gain = gains.get(r.submissionId());
            if (gain == null || Double.compare(gain, r.holdoutValue()) != 0) {
                throw inconsistent("Thresholdout's holdout gain for submission " + r.submissionId() + " is " + r.holdoutValue()
                        + " but the submission records " + gain);
            }
            if (t.exhausted()) {
                throw inconsistent("Thresholdout answered submission " + r.submissionId() + " after its budget was used up");
            }
            Thresholdout.Answer a = t.query(r.trainValue(), r.holdoutValue());
            if (Double.compare(a.value(), r.answer()) != 0 || a.overThreshold() != r.overThreshold()) {
                throw inconsistent("Thresholdout's answer to submission " + r.submissionId() + " is " + a.value() + " when replayed but "
                        + r.answer() + " as recorded");
            }
        }
        return t;
    }

    /** Holdout answers Thresholdout may still give (null when the setting is off); replays and checks the record. */
    public Integer thresholdoutAnswersLeft() {
        if (settings.thresholdout() == null) {
            return null;
        }
        Long seed = store.thresholdoutSeed(id);
        return settings.thresholdout().budget() - (seed == null ? 0 : replayThresholdout(seed).spent());
    }

    /** Whether {@code rows} differ in fewer than k rows from a group already decided against model version {@code version}. */
    private boolean nearDuplicate(int[] rows, int version) {
        int k = settings.minGroupDifference();
        if (k == 0) {
            return false;
        }
        Set<Long> sameVersion = new java.util.HashSet<>();
        for (BountyStore.SubmissionRow s : store.submissions(id)) {
            if (s.versionBefore() == version && !"failed".equals(s.outcome())) {
                sameVersion.add(s.groupId());
            }
        }
        if (sameVersion.isEmpty()) {
            return false;
        }
        for (long gid : new java.util.TreeSet<>(sameVersion)) {
            BountyStore.GroupRow g = findGroup(gid);
            if (g != null && g.holdoutRows() != null && symmetricDifference(rows, g.holdoutRows(), k) < k) {
                return true;
            }
        }
        return false;
    }

    /** |a Δ b| for ascending arrays, counting no further than {@code limit}. */
    static int symmetricDifference(int[] a, int[] b, int limit) {
        int i = 0;
        int j = 0;
        int d = 0;
        while ((i < a.length || j < b.length) && d < limit) {
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                i++;
                d++;
            } else if (i >= a.length || b[j] < a[i]) {
                j++;
                d++;
            } else {
                i++;
                j++;
            }
        }
        return d;
    }

    // ---- status, leaderboard, decisions ----

    /** One row of the leaderboard. */
    public record TeamStanding(String team, int submissions, int accepted, double reportedImprovement, int budgetLeft,
            Map<String, Integer> featuresUsed) {
    }

    /** Teams ordered by reported improvement, then by fewer submissions. */
    public List<TeamStanding> leaderboard() {
        Map<Long, List<String>> features = new HashMap<>();
        for (BountyStore.GroupRow g : store.groups(id)) {
            features.put(g.id(), g.features());
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Double> improvement = new HashMap<>();
        Map<String, Map<String, Integer>> used = new HashMap<>();
        for (BountyStore.SubmissionRow s : store.submissions(id)) {
            int[] c = counts.computeIfAbsent(s.team(), t -> new int[2]);
            c[0]++;
            c[1] += "accepted".equals(s.outcome()) ? 1 : 0;
            improvement.merge(s.team(), s.reportedImprovement(), Double::sum);
            Map<String, Integer> f = used.computeIfAbsent(s.team(), t -> new TreeMap<>());
            for (String name : features.getOrDefault(s.groupId(), List.of())) {
                f.merge(name, 1, Integer::sum);
            }
        }
        List<TeamStanding> out = new ArrayList<>();
        for (Map.Entry<String, int[]> en : counts.entrySet()) {
            String t = en.getKey();
            out.add(new TeamStanding(t, en.getValue()[0], en.getValue()[1], improvement.get(t), settings.budget() - en.getValue()[0],
                    used.get(t)));
        }
        out.sort((a, b) -> a.reportedImprovement() != b.reportedImprovement()
                ? Double.compare(b.reportedImprovement(), a.reportedImprovement()) : Integer.compare(a.submissions(), b.submissions()));
        return out;
    }

    /** A recorded submission as the program's log shows it (exact numbers: for the operator). */
    public record SubmissionRecord(long id, String team, String group, String outcome, String reason, Integer groupSize, Double gain,
            Double pValue, double reportedImprovement, int versionBefore, int versionAfter) {
        public boolean accepted() {
            return "accepted".equals(outcome);
        }
    }

    /** Every submission with the numbers behind its outcome: for the operator, never for hunters. */
    public List<SubmissionRecord> submissions() {
        List<SubmissionRecord> out = new ArrayList<>();
        for (BountyStore.SubmissionRow s : store.submissions(id)) {
            out.add(new SubmissionRecord(s.id(), s.team(), describeGroup(s.groupId()), s.outcome(), s.reason(), s.groupSize(), s.gain(), s.pValue(),
                    s.reportedImprovement(), s.versionBefore(), s.versionAfter()));
        }
        return out;
    }

    /**
     * The status: rules, versions, the test split's improvement, the leaderboard and, with
     * {@code withDecisions}, every decision's exact numbers (for the operator only).
     */
    public ProgramStatus status(boolean withDecisions) {
        List<PdlNode> list = nodes();
        List<ProgramStatus.Node> out = new ArrayList<>();
        for (PdlNode n : list) {
            String group = n.groupId() == PdlNode.POPULATION ? "everyone" : describeGroup(n.groupId());
            out.add(n.kind() == PdlNode.Kind.ACCEPT ? new ProgramStatus.Node(n.version(), "accept", group, n.modelHash(), null)
                    : new ProgramStatus.Node(n.version(), "repair", group, null, n.targetVersion()));
        }
        FeatureData test = data("test");
        List<double[]> versions = PdlPredictor.allVersions(test, baseModel(), list, resolver());
        ProgramStatus.TestSplit t = new ProgramStatus.TestSplit(test.rowCount(), error(test, versions.get(0)),
                error(test, versions.get(versions.size() - 1)));
        Thresholdout.Settings reuse = settings.thresholdout();
        return new ProgramStatus(name, ProgramStatus.Rules.of(settings), list.size(), out, t, leaderboard(),
                withDecisions ? submissions() : null, reuse == null ? null
                        : new ProgramStatus.Reuse(reuse.threshold(), reuse.sigma(), reuse.budget(), thresholdoutAnswersLeft()));
    }

    private String describeGroup(long groupId) {
        BountyStore.GroupRow g = groupRow(groupId);
        return g.expression() != null ? g.expression() : "learned group " + g.modelHash().substring(0, 12);
    }

    /** Mean loss of {@code predictions} against {@code data}'s labels. */
    public double error(FeatureData data, double[] predictions) {
        double s = 0;
        for (int i = 0; i < predictions.length; i++) {
            s += settings.loss().of(data.labels()[i], predictions[i]);
        }
        return s / predictions.length;
    }

    @Override
    public void close() {
        for (OnnxModel m : models.values()) {
            m.close();
        }
        models.clear();
        if (ownsStore) {
            store.close();
        }
    }
}

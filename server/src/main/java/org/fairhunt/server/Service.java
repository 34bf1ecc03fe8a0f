package org.fairhunt.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.fairhunt.bounty.pdl.Loss;
import org.fairhunt.bounty.program.GroupSpec;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.bounty.program.ProgramSettings;
import org.fairhunt.core.UserInputException;
import org.fairhunt.core.io.TableReaders;
import org.fairhunt.core.table.Table;
import org.fairhunt.server.engine.EngineHandle;
import org.fairhunt.server.engine.EngineLocation;
import org.fairhunt.server.http.Problem;
import org.fairhunt.server.store.Store;

/**
 * What the service does, independent of HTTP: the REST API, the pages and {@code fairhunt admin} all
 * call these methods, so a rule (who may do what, which field is valid) is written once.
 */
public final class Service implements AutoCloseable {
    /** Names of programs and teams: letters, digits, space, dot, dash, underscore; 1 to 64 characters. */
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}");
    private static final Pattern DATA_EXT = Pattern.compile("(?i).*(\\.(csv|tsv|tab|jsonl|ndjson|arff))(\\.gz)?$");

    private final Store store;
    private final ServerConfig config;
    private final Map<Long, EngineHandle> engines = new ConcurrentHashMap<>();

    private final String engineUrl;

    Service(Store store, ServerConfig config) {
        this.store = store;
        this.config = config;
        this.engineUrl = store.database().isSqlite() ? null : engineUrl(config.effectiveJdbcUrl(), store.database().engineSchema());
    }

    /** The service's URL with {@code currentSchema} set to the engine's schema. */
    static String engineUrl(String url, String schema) {
        String u = url.replaceAll("([?&])currentSchema=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return u + (u.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public Store store() {
        return store;
    }

    public ServerConfig config() {
        return config;
    }

    long now() {
        return config.clock().millis();
    }

    Long tokenExpiry() {
        return config.tokenTtl() == null ? null : now() + config.tokenTtl().toMillis();
    }

    /** The engine of a program, opened on first use. */
    public EngineHandle engine(long programId) {
        return engines.computeIfAbsent(programId, id -> EngineHandle.open(engineLocation(id)));
    }

    /** Where a program's engine record is. */
    public EngineLocation engineLocation(long programId) {
        return EngineLocation.of(store.program(programId).engineDir(), engineUrl, engineProperties());
    }

    /**
     * Where new programs' engine records go: on SQLite a program directory under the data directory; on
     * PostgreSQL the bounty engine's shared store in the same database, in the schema {@code <service
     * schema>_engine} (the engine has tables of the same names as the service's).
     */
    EngineLocation newEngineLocation() {
        String name = UUID.randomUUID().toString();
        if (engineUrl == null) {
            return new EngineLocation.Directory(config.dataDir().resolve("programs").resolve(name));
        }
        return new EngineLocation.Shared(engineUrl, engineProperties(), name);
    }

    private java.util.Properties engineProperties() {
        java.util.Properties p = new java.util.Properties();
        if (config.dbUser() != null) {
            p.setProperty("user", config.dbUser());
        }
        if (config.dbPassword() != null) {
            p.setProperty("password", config.dbPassword());
        }
        return p;
    }

    // ---- organizer actions -----------------------------------------------------------------------

    /** A data split as given: uploaded bytes with the uploader's file name, or a server-side path under the import directory. */
    public record DataInput(String field, byte[] bytes, String fileName, String serverPath) {
        boolean present() {
            return (bytes != null && bytes.length > 0) || (serverPath != null && !serverPath.isBlank());
        }
    }

    /** Program settings as submitted in a form or JSON (strings, validated here with the field's name). */
    public record ProgramForm(String name, String label, String loss, String alpha, String minGroupSize, String budget,
            String reportStep, String opensAt, String closesAt) {
    }

    public long createProgram(Principal who, ProgramForm f, DataInput train, DataInput holdout, DataInput test, DataInput baseModel) {
        String name = name("name", f.name());
        if (store.programNameTaken(name)) {
            throw new Problem(409, "Conflict", "a program named '" + name + "' exists already", "name");
        }
        String label = required("label", f.label());
        Loss loss;
        try {
            loss = Loss.parse(f.loss() == null || f.loss().isBlank() ? "zero-one" : f.loss().trim());
        } catch (UserInputException e) {
            throw Problem.badRequest("loss", "loss: " + e.getMessage());
        }
        ProgramSettings defaults = ProgramSettings.defaults(label, loss);
        // α left empty: the engine's floor (a few rows' worth of gain on the holdout), never a single row's
        double alpha = number("alpha", f.alpha(), Double.NaN);
        int minGroup = integer("min_group_size", f.minGroupSize(), defaults.minGroupSize());
        int budget = integer("budget", f.budget(), defaults.budget());
        double step = number("report_step", f.reportStep(), defaults.reportStep());
        Long opens = instant("opens_at", f.opensAt());
        Long closes = instant("closes_at", f.closesAt());
        if (opens != null && closes != null && closes <= opens) {
            throw Problem.badRequest("closes_at", "closes_at must be after opens_at");
        }
        ProgramSettings settings;
        try {
            settings = defaults.withAlpha(alpha).withMinGroupSize(minGroup).withBudget(budget).withReportStep(step);
        } catch (UserInputException e) {
            throw Problem.badRequest(settingField(e.getMessage()), e.getMessage().replace("--", "").replace('-', '_'));
        }
        Table tr = table(train);
        Table ho = table(holdout);
        Table te = table(test);
        byte[] base = bytes(baseModel);
        EngineLocation where = newEngineLocation();
        EngineHandle engine;
        try {
            engine = EngineHandle.create(where, settings, tr, ho, te, base, "base model");
        } catch (UserInputException e) {
            where.discard();
            String field = settingField(e.getMessage());
            throw Problem.badRequest(field, field == null ? e.getMessage() : e.getMessage().replace("--", "").replace('-', '_'));
        }
        try {
            long id = store.insertProgram(who.auditName(), name, where.reference(), opens, closes);
            engines.put(id, engine);
            return id;
        } catch (RuntimeException e) {
            engine.close();
            where.discard();
            throw e;
        }
    }

    private static String settingField(String message) {
        for (String f : List.of("alpha", "min-group-size", "budget", "report-step")) {
            if (message.contains("--" + f)) {
                return f.replace('-', '_');
            }
        }
        return null;
    }

    private Table table(DataInput in) {
        Path file = file(in, DATA_EXT, "a data file (.csv, .tsv, .jsonl, .arff, optionally .gz)");
        try {
            return TableReaders.read(file);
        } catch (UserInputException e) {
            String where = in.serverPath() != null && !in.serverPath().isBlank() ? in.serverPath() : "uploaded file";
            throw Problem.badRequest(in.field(), in.field() + ": " + e.getMessage().replace(file.toString(), where));
        } finally {
            if (in.serverPath() == null || in.serverPath().isBlank()) {
                deleteQuietly(file.getParent());
            }
        }
    }

    /** An upload goes to a private temporary file whose name we choose (only a known extension is kept from the client's name). */
    private Path file(DataInput in, Pattern allowed, String what) {
        if (!in.present()) {
            throw Problem.badRequest(in.field(), in.field() + ": upload " + what + " or give a server-side path");
        }
        if (in.serverPath() != null && !in.serverPath().isBlank()) {
            return serverPath(in.field(), in.serverPath());
        }
        var m = allowed.matcher(in.fileName() == null ? "" : in.fileName());
        if (!m.matches()) {
            throw Problem.badRequest(in.field(), in.field() + ": expected " + what);
        }
        String ext = (m.group(1) + (m.groupCount() >= 3 && m.group(3) != null ? m.group(3) : "")).toLowerCase(Locale.ROOT);
        try {
            Path dir = Files.createTempDirectory("fairhunt-upload");
            Path f = dir.resolve("upload" + ext);
            Files.write(f, in.bytes());
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server-side path must resolve (after following links) inside the configured import directory. */
    Path serverPath(String field, String given) {
        if (config.importDir() == null) {
            throw Problem.badRequest(field, field + ": server-side paths are off (start the server with --import-dir DIR); upload the file");
        }
        try {
            Path root = config.importDir().toRealPath();
            Path p = root.resolve(given).normalize();
            if (!p.startsWith(root) || !Files.isRegularFile(p)) {
                throw Problem.badRequest(field, field + ": '" + given + "' is not a file inside the import directory");
            }
            Path real = p.toRealPath();
            if (!real.startsWith(root)) {
                throw Problem.badRequest(field, field + ": '" + given + "' leads outside the import directory");
            }
            return real;
        } catch (IOException e) {
            throw Problem.badRequest(field, field + ": '" + given + "' cannot be read inside the import directory");
        }
    }

    private byte[] bytes(DataInput in) {
        if (in.serverPath() != null && !in.serverPath().isBlank()) {
            try {
                return Files.readAllBytes(serverPath(in.field(), in.serverPath()));
            } catch (IOException e) {
                throw Problem.badRequest(in.field(), in.field() + ": cannot read: " + e.getMessage());
            }
        }
        if (in.bytes() == null || in.bytes().length == 0) {
            throw Problem.badRequest(in.field(), in.field() + ": upload an ONNX model or give a server-side path");
        }
        return in.bytes();
    }

    public String inviteTeam(Principal who, long programId, String teamName) {
        store.program(programId);
        return store.createTeam(who.auditName(), programId, name("name", teamName), tokenExpiry());
    }

    public String rotateToken(Principal who, long programId, String teamName) {
        return store.rotateTeamToken(who.auditName(), programId, required("name", teamName), tokenExpiry());
    }

    public void setState(Principal who, long programId, String state) {
        store.setProgramState(who.auditName(), programId, state);
    }

    // ---- team actions ----------------------------------------------------------------------------

    /** A submission or a check as received: CEL text or a group model, and a model. */
    public record Pair(String group, byte[] groupModel, String groupModelName, byte[] model, String modelName) {
    }

    GroupSpec spec(EngineHandle e, Pair p) {
        boolean hasCel = p.group() != null && !p.group().isBlank();
        boolean hasModel = p.groupModel() != null && p.groupModel().length > 0;
        if (hasCel == hasModel) {
            throw Problem.badRequest("group", "give the group either as CEL text in 'group' or as an ONNX file in 'group_model', not "
                    + (hasCel ? "both" : "neither"));
        }
        if (hasCel && p.group().length() > e.settings().celLimits().maxChars()) {
            throw Problem.badRequest("group", "group: " + p.group().length() + " characters, the program allows "
                    + e.settings().celLimits().maxChars());
        }
        if (p.model() == null || p.model().length == 0) {
            throw Problem.badRequest("model", "model: upload the candidate model as an ONNX file");
        }
        return EngineHandle.group(hasCel ? p.group() : null, hasModel ? p.groupModel() : null, safeName(p.groupModelName()));
    }

    /** Client file names are only ever shown, never used as paths: keep printable characters, cut to 80. */
    static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "upload.onnx";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return base.isEmpty() ? "upload.onnx" : base.length() > 80 ? base.substring(0, 80) : base;
    }

    /**
     * Queues a submission after the receipt's cheap, bounded checks (program state, CEL parse and
     * type-check, ONNX structure; the budget in {@link Store#enqueue}'s transaction); returns the
     * receipt's id. No model runs here: running the pair on the public rows is the verification
     * worker's first step, still before the holdout (issue 11 §1).
     */
    public long submit(Principal team, long programId, Pair pair) {
        Store.ProgramRow program = store.program(programId);
        if (!program.acceptsSubmissions(now())) {
            throw Problem.conflict("program " + programId + " does not take submissions now (" + stateText(program) + ")");
        }
        EngineHandle e = engine(programId);
        GroupSpec spec = spec(e, pair);
        try {
            e.inspect(spec, pair.model(), safeName(pair.modelName()));
        } catch (EngineHandle.InvalidSubmission ex) {
            throw invalid(ex);
        }
        return store.enqueue(team, e.settings().budget(), new Store.NewSubmission(spec.isCel() ? "cel" : "onnx", spec.celExpression(),
                spec.onnxModel(), pair.model(), safeName(pair.modelName())));
    }

    private static Problem invalid(EngineHandle.InvalidSubmission ex) {
        return Problem.badRequest(ex.field(), ex.field() + ": " + ex.getMessage());
    }

    /** The free check on public rows. */
    public Program.CheckResult check(long programId, Pair pair) {
        EngineHandle e = engine(programId);
        GroupSpec spec = spec(e, pair);
        try {
            e.validate(spec, pair.model(), safeName(pair.modelName()));
        } catch (EngineHandle.InvalidSubmission ex) {
            throw invalid(ex);
        }
        try {
            return e.check(spec, pair.model(), safeName(pair.modelName()));
        } catch (UserInputException ex) {
            throw Problem.badRequest("group", ex.getMessage());
        }
    }

    static String stateText(Store.ProgramRow p) {
        return switch (p.state()) {
            case "paused" -> "paused by the organizer";
            case "closed" -> "closed";
            default -> "open from " + (p.opensAt() == null ? "creation" : java.time.Instant.ofEpochMilli(p.opensAt()))
                    + (p.closesAt() == null ? "" : " until " + java.time.Instant.ofEpochMilli(p.closesAt()));
        };
    }

    // ---- field parsing ----------------------------------------------------------------------------

    static String required(String field, String v) {
        if (v == null || v.isBlank()) {
            throw Problem.badRequest(field, field + ": required");
        }
        if (v.length() > 200) {
            throw Problem.badRequest(field, field + ": at most 200 characters");
        }
        return v.trim();
    }

    static String name(String field, String v) {
        String s = required(field, v);
        if (!NAME.matcher(s).matches()) {
            throw Problem.badRequest(field, field + ": 1 to 64 letters, digits, spaces, '.', '-' or '_', starting with a letter or digit");
        }
        return s;
    }

    static double number(String field, String v, double dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(field, field + ": expected a number, got '" + clip(v) + "'");
        }
    }

    static int integer(String field, String v, int dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw Problem.badRequest(field, field + ": expected a whole number, got '" + clip(v) + "'");
        }
    }

    static Long instant(String field, String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            String s = v.trim();
            // <input type="datetime-local"> sends no zone: read it as UTC, which the form says
            if (s.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?")) {
                s = s + (s.length() == 16 ? ":00Z" : "Z");
            }
            return java.time.Instant.parse(s).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw Problem.badRequest(field, field + ": expected a time like 2026-01-31T12:00:00Z, got '" + clip(v) + "'");
        }
    }

    static String clip(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    private static void deleteQuietly(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // leftovers of a refused upload are harmless
        }
    }

    @Override
    public void close() {
        engines.values().forEach(EngineHandle::close);
        engines.clear();
    }
}

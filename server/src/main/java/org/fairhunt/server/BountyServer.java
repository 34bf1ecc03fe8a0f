package org.fairhunt.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.core.UserInputException;
import org.fairhunt.server.engine.EngineHandle;
import org.fairhunt.server.engine.Views;
import org.fairhunt.server.http.OpenApi;
import org.fairhunt.server.http.Problem;
import org.fairhunt.server.http.RateLimiter;
import org.fairhunt.server.http.Route;
import org.fairhunt.server.store.Database;
import org.fairhunt.server.store.Store;
import org.fairhunt.server.store.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bias bounty web service. {@link #create} builds the whole app — database, migrations, engine
 * adapter, worker, routes, auth, limits, error mapping — and tests call the same factory.
 *
 * <p>Order of checks on every request: body size (from Content-Length, before any byte of the body is
 * read), then credentials and the route's roles, then CSRF for session-authenticated writes, then the
 * rate limit, then the handler. Every error, wherever thrown, becomes one RFC 9457 problem detail (API)
 * or an error page (pages) in {@link #problem}.
 */
public final class BountyServer implements AutoCloseable {
    private static final Logger HTTP_LOG = LoggerFactory.getLogger("fairhunt.http");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SESSION_COOKIE = "fh_session";
    static final String PRINCIPAL = "fairhunt.principal";
    static final long SMALL_BODY = 64 << 10;

    private final ServerConfig config;
    private final Database db;
    private final Store store;
    private final Service service;
    private final Metrics metrics;
    private final VerificationWorker worker;
    private final RateLimiter requests;
    private final RateLimiter submissions;
    private final RateLimiter checks;
    private final List<Route> routes = new ArrayList<>();
    private final Javalin app;
    private final Pages pages;

    private BountyServer(ServerConfig config) {
        this.config = config;
        this.db = config.openDatabase();
        this.store = new Store(db, config.clock());
        this.service = new Service(store, config);
        this.metrics = new Metrics(() -> store.queueDepth());
        this.worker = new VerificationWorker(service, metrics);
        Clock clock = config.clock();
        this.requests = new RateLimiter(config.requestsPerSecond(), 2 * config.requestsPerSecond(), clock);
        this.submissions = new RateLimiter(config.submissionsPerMinute() / 60.0, config.submissionsPerMinute(), clock);
        this.checks = new RateLimiter(config.checksPerMinute() / 60.0, config.checksPerMinute(), clock);
        this.pages = new Pages(service, this);
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = Math.max(config.maxUploadBytes(), config.maxSubmissionBytes());
            c.jetty.multipartConfig.maxFileSize(Math.max(config.maxUploadBytes(), config.maxSubmissionBytes()), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(Math.max(config.maxUploadBytes(), config.maxSubmissionBytes()), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            c.requestLogger.http((ctx, ms) -> logRequest(ctx, ms));
            c.jetty.modifyServer(server -> server.setStopTimeout(2000));
        });
        defineRoutes();
        wire();
    }

    /** Builds the service (opens and migrates the database). Call {@link #start} to listen and verify. */
    public static BountyServer create(ServerConfig config) {
        return new BountyServer(config);
    }

    /** Listens on {@code host:port} (0: a port the OS picks) and starts the worker. */
    public BountyServer start(String host, int port) {
        app.start(host, port);
        if (config.runWorker()) {
            worker.start();
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    public Service service() {
        return service;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Javalin app() {
        return app;
    }

    List<Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        worker.stop();
        app.stop();
        service.close();
        db.close();
    }

    // ---- routes ----------------------------------------------------------------------------------

    private void route(HandlerType m, String path, List<Role> roles, boolean api, String summary, String body, String produces,
            long limit, io.javalin.http.Handler h) {
        routes.add(new Route(m, path, roles, api, summary, body, produces, limit, h, null));
    }

    /** A JSON route of the API whose success response follows {@code $defs/<schema>} of the published service schema. */
    private void json(HandlerType m, String path, List<Role> roles, String schema, String summary, String body, long limit,
            io.javalin.http.Handler h) {
        routes.add(new Route(m, path, roles, true, summary, body, "application/json", limit, h, schema));
    }

    private void api(HandlerType m, String path, Role role, String schema, String summary, String body, long limit,
            io.javalin.http.Handler h) {
        json(m, path, List.of(role), schema, summary, body, limit, h);
    }

    private void defineRoutes() {
        HandlerType get = HandlerType.GET;
        HandlerType post = HandlerType.POST;
        long up = config.maxUploadBytes();
        long sub = config.maxSubmissionBytes();
        // operations
        json(get, "/health/live", List.of(Role.PUBLIC), "health_live", "Liveness: the process answers", null, 0,
                ctx -> ctx.json(Map.of("status", "up")));
        json(get, "/health/ready", List.of(Role.PUBLIC), "health_ready", "Readiness: database reachable and worker running", null, 0,
                this::ready);
        route(get, "/metrics", List.of(Role.PUBLIC), true, "Prometheus metrics", null, "text/plain", 0,
                ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
        route(get, "/openapi.json", List.of(Role.PUBLIC), true, "This document", null, "application/json", 0,
                ctx -> ctx.contentType("application/json").result(openApi().toString()));
        // browsers ask for it on every page; an empty answer keeps their consoles free of 404s
        route(get, "/favicon.ico", List.of(Role.PUBLIC), false, "icon", null, "image/x-icon", 0, ctx -> ctx.status(204));
        // public API
        api(get, "/api/programs", Role.PUBLIC, "program_list", "List programs", null, 0, ctx -> ctx.json(store.programs().stream().map(this::programJson).toList()));
        api(get, "/api/programs/{id}", Role.PUBLIC, "program_detail", "A program: state, public settings, current version", null, 0,
                ctx -> ctx.json(programDetail(pathId(ctx))));
        api(get, "/api/programs/{id}/leaderboard", Role.PUBLIC, "leaderboard", "Leaderboard: accepted updates, rounded reported gains, test-split improvement",
                null, 0, ctx -> ctx.json(views(pathId(ctx)).leaderboard()));
        api(get, "/api/programs/{id}/heatmap", Role.PUBLIC, "heatmap", "Teams x features: how often each team's groups used each feature", null, 0,
                ctx -> ctx.json(Map.of("features", views(pathId(ctx)).features(), "teams", views(pathId(ctx)).heatmap())));
        api(get, "/api/programs/{id}/decisions", Role.PUBLIC, "decision_log", "Decision log with rounded gains", null, 0,
                ctx -> ctx.json(views(pathId(ctx)).log()));
        api(get, "/api/programs/{id}/audit", Role.PUBLIC, "audit", "Per-group error with intervals on the test split, before and after each accepted update",
                null, 0, ctx -> ctx.json(views(pathId(ctx)).audit()));
        // team API
        route(get, "/api/programs/{id}/train.csv", List.of(Role.TEAM), true, "The public training rows (CSV)", null, "text/csv", 0,
                ctx -> ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"train.csv\"")
                        .result(service.engine(teamProgram(ctx)).trainCsv()));
        api(get, "/api/programs/{id}/schema", Role.TEAM, "feature_schema", "Feature schema: names, kinds, levels, label classes; and the settings hunters may know",
                null, 0, ctx -> {
                    EngineHandle e = service.engine(teamProgram(ctx));
                    ctx.json(Map.of("schema", e.schemaManifest(), "settings", e.publicSettings()));
                });
        api(post, "/api/programs/{id}/submissions", Role.TEAM, "receipt", "Submit a (group, model) pair; answers a receipt at once (202)",
                "multipart:group,group_model@,model@", sub, ctx -> {
                    long pid = teamProgram(ctx);
                    long id = submit(ctx, pid);
                    ctx.status(202).header("Location", "/api/submissions/" + id).json(receipt(id));
                });
        api(get, "/api/programs/{id}/submissions", Role.TEAM, "submission_list", "The calling team's submissions and verdicts", null, 0,
                ctx -> ctx.json(store.submissionsOfTeam(principal(ctx).teamId()).stream().map(this::submissionJson).toList()));
        api(get, "/api/submissions/{sid}", Role.TEAM, "submission", "One of the calling team's submissions: queued, decided or refused", null, 0,
                ctx -> ctx.json(submissionJson(ownSubmission(ctx))));
        api(post, "/api/programs/{id}/check", Role.TEAM, "check", "Free check on the public training rows (no holdout, no budget)",
                "multipart:group,group_model@,model@", sub, ctx -> ctx.json(checkJson(check(ctx, teamProgram(ctx)))));
        // organizer API
        api(post, "/api/programs", Role.ORGANIZER, "program_detail", "Create a program (uploads or server-side paths under --import-dir)",
                "multipart:name,label,loss,alpha,min_group_size,budget,report_step,opens_at,closes_at,train@,holdout@,test@,base_model@,"
                        + "train_path,holdout_path,test_path,base_model_path", up, ctx -> {
                    long id = createProgram(ctx);
                    ctx.status(201).header("Location", "/api/programs/" + id).json(programDetail(id));
                });
        api(post, "/api/programs/{id}/teams", Role.ORGANIZER, "team_token", "Invite a team; the token is in this answer only", "json:name", SMALL_BODY,
                ctx -> {
                    long pid = pathId(ctx);
                    String name = field(ctx, "name");
                    ctx.status(201).json(Map.of("program", pid, "team", name, "token", service.inviteTeam(principal(ctx), pid, name)));
                });
        api(post, "/api/programs/{id}/teams/{name}/token", Role.ORGANIZER, "team_token", "Rotate a team's token (old tokens and sessions stop working)",
                null, SMALL_BODY, ctx -> {
                    long pid = pathId(ctx);
                    String name = ctx.pathParam("name");
                    ctx.json(Map.of("program", pid, "team", name, "token", service.rotateToken(principal(ctx), pid, name)));
                });
        api(post, "/api/programs/{id}/state", Role.ORGANIZER, "program_detail", "Pause, resume or close a program", "json:state", SMALL_BODY, ctx -> {
            long pid = pathId(ctx);
            service.setState(principal(ctx), pid, state(field(ctx, "state")));
            ctx.json(programDetail(pid));
        });
        api(get, "/api/programs/{id}/decisions/full", Role.ORGANIZER, "full_submission_list", "Every submission with the exact numbers (organizer only)", null, 0,
                ctx -> ctx.json(store.submissionsOfProgram(pathId(ctx)).stream().map(this::fullSubmissionJson).toList()));
        route(get, "/api/programs/{id}/export", List.of(Role.ORGANIZER), true, "The current model as a zip (manifest.json and ONNX files)", null,
                "application/zip", 0, ctx -> {
            long pid = pathId(ctx);
            byte[] zip = service.engine(pid).exportZip();
            store.auditEvent(principal(ctx).auditName(), "export", "program:" + pid, zip.length + " bytes");
            ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"program-" + pid + "-model.zip\"")
                    .result(zip);
        });
        api(get, "/api/audit-log", Role.ORGANIZER, "audit_log", "The latest 500 writes: who, when, what", null, 0, ctx -> ctx.json(store.auditLog(500)));
        pages.define(routes, up, sub);
    }

    private void wire() {
        app.before(this::limits);
        app.beforeMatched(this::authorize);
        for (Route r : routes) {
            app.addHttpHandler(r.method(), r.path(), r.handler(), r.roles().toArray(new Role[0]));
        }
        app.exception(Problem.class, (e, ctx) -> problem(ctx, e));
        app.exception(EngineHandle.InvalidSubmission.class, (e, ctx) -> problem(ctx, Problem.badRequest(e.field(), e.getMessage())));
        app.exception(UserInputException.class, (e, ctx) -> problem(ctx, Problem.badRequest(null, e.getMessage())));
        app.exception(Database.StorageException.class, (e, ctx) -> {
            HTTP_LOG.error("event=storage_error error=\"{}\"", e.getMessage(), e);
            problem(ctx, Problem.unavailable("the database is not available; try again shortly"));
        });
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
                problem(ctx, new Problem(e.getStatus(), e.getMessage(), e.getMessage(), null)));
        app.exception(Exception.class, (e, ctx) -> {
            HTTP_LOG.error("event=internal_error path={} error=\"{}\"", ctx.path(), e.toString(), e);
            problem(ctx, new Problem(500, "Internal error", "internal error; the operator's log has the details", null));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                problem(ctx, Problem.notFound("no such page or endpoint: " + ctx.path()));
            }
        });
        app.error(405, ctx -> problem(ctx, new Problem(405, "Method not allowed", ctx.method() + " is not allowed on " + ctx.path(), null)));
    }

    // ---- filters ---------------------------------------------------------------------------------

    /** Security headers, then the size limit from Content-Length: nothing of the body has been read yet. */
    private void limits(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("Cache-Control", "no-store");
        HandlerType m = ctx.method();
        if (m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS) {
            return;
        }
        long limit = bodyLimit(ctx.method(), ctx.path());
        String length = ctx.header("Content-Length");
        if (length == null) {
            if (ctx.header("Transfer-Encoding") != null) {
                throw new Problem(411, "Length required", "send the request with a Content-Length (at most " + limit + " bytes)", null);
            }
            return;
        }
        long n;
        try {
            n = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw Problem.badRequest(null, "Content-Length is not a number");
        }
        if (n > limit) {
            throw Problem.tooLarge("the request body has " + n + " bytes; this endpoint takes at most " + limit);
        }
    }

    private long bodyLimit(HandlerType method, String path) {
        for (Route r : routes) {
            if (r.method() == method && matches(r.path(), path)) {
                return Math.max(r.bodyLimit(), 1024);
            }
        }
        return SMALL_BODY;
    }

    static boolean matches(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        if (t.length != p.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (!(t[i].startsWith("{") || t[i].equals(p[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Credentials, roles, CSRF and rate limits, before the matched route's handler runs. */
    private void authorize(Context ctx) {
        Principal who = authenticate(ctx);
        ctx.attribute(PRINCIPAL, who);
        var roles = ctx.routeRoles();
        if (!roles.contains(Role.PUBLIC)) {
            if (who.role() == Role.PUBLIC) {
                throw Problem.unauthorized("sign in or send 'Authorization: Bearer <token>'");
            }
            if (!roles.contains(who.role())) {
                throw Problem.forbidden("this needs the " + roles.stream().map(r -> ((Role) r).name().toLowerCase(Locale.ROOT)).sorted()
                        .reduce((a, b) -> a + " or " + b).orElse("") + " role");
            }
        }
        HandlerType m = ctx.method();
        boolean write = !(m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS);
        if (write && who.viaSession()) {
            String origin = ctx.header("Origin");
            if (origin != null && !origin.equals("null") && !sameOrigin(origin, ctx)) {
                throw Problem.forbidden("cross-site request refused (Origin " + origin + ")");
            }
            String sent = ctx.header("X-CSRF-Token");
            if (sent == null) {
                sent = ctx.formParam("csrf");
            }
            if (!Tokens.same(sent, who.csrf())) {
                throw Problem.forbidden("missing or wrong CSRF token; reload the page and try again");
            }
        }
        String key = who.tokenHash() != null ? who.tokenHash() : "ip:" + ctx.ip();
        requests.acquire(key, "requests");
    }

    private static boolean sameOrigin(String origin, Context ctx) {
        String host = ctx.header("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private Principal authenticate(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw Problem.unauthorized("the Authorization header must be 'Bearer <token>'");
            }
            return principalOfToken(Tokens.hash(auth.substring(7).trim()));
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie != null) {
            Optional<String[]> s = store.session(Tokens.hash(cookie));
            if (s.isPresent()) {
                Store.TokenCheck t = store.principalOfTokenHash(s.get()[0]);
                if (t.principal() != null) {
                    return t.principal().viaSession(s.get()[1]);
                }
            }
            // a stale cookie: forget it and carry on as the public
            ctx.removeCookie(SESSION_COOKIE, "/");
        }
        return Principal.ANONYMOUS;
    }

    Principal principalOfToken(String hash) {
        Store.TokenCheck t = store.principalOfTokenHash(hash);
        if (t.principal() == null) {
            throw Problem.unauthorized(switch (t.problem()) {
                case EXPIRED -> "the token has expired; ask the organizer for a new one";
                case REVOKED -> "the token was revoked (rotated); use the new one";
                default -> "unknown token";
            });
        }
        return t.principal();
    }

    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        return p == null ? Principal.ANONYMOUS : p;
    }

    // ---- handlers' helpers -------------------------------------------------------------------------

    static long pathId(Context ctx) {
        return longParam(ctx, "id");
    }

    static long longParam(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            long id = Long.parseLong(v);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw Problem.notFound("no such resource: '" + Service.clip(v) + "' is not an id");
        }
    }

    /** The program in the path, which must be the calling team's own. */
    long teamProgram(Context ctx) {
        long pid = pathId(ctx);
        Principal p = principal(ctx);
        if (p.role() == Role.TEAM && p.programId() != pid) {
            throw Problem.forbidden("your team belongs to program " + p.programId() + ", not " + pid);
        }
        store.program(pid);
        return pid;
    }

    Store.SubmissionRow ownSubmission(Context ctx) {
        long sid = longParam(ctx, "sid");
        Store.SubmissionRow s = store.submission(sid).orElseThrow(() -> Problem.notFound("no submission " + sid));
        if (s.teamId() != principal(ctx).teamId()) {
            throw Problem.forbidden("submission " + sid + " belongs to another team");
        }
        return s;
    }

    Views views(long programId) {
        store.program(programId);
        return service.engine(programId).views();
    }

    /** A text field from a JSON body or a form. */
    static String field(Context ctx, String name) {
        String ct = ctx.contentType();
        if (ct != null && ct.startsWith("application/json")) {
            JsonNode n;
            try {
                n = JSON.readTree(ctx.body());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw Problem.badRequest(null, "the body is not valid JSON: " + e.getOriginalMessage());
            }
            if (n == null || !n.isObject()) {
                throw Problem.badRequest(null, "the body must be a JSON object");
            }
            JsonNode v = n.get(name);
            if (v != null && !v.isTextual()) {
                throw Problem.badRequest(name, name + ": expected a string");
            }
            return v == null ? null : v.asText();
        }
        return ctx.formParam(name);
    }

    static byte[] file(Context ctx, String name) {
        UploadedFile f = ctx.uploadedFile(name);
        if (f == null) {
            return null;
        }
        try (InputStream in = f.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fileName(Context ctx, String name) {
        UploadedFile f = ctx.uploadedFile(name);
        return f == null ? null : f.filename();
    }

    static String state(String action) {
        if (action == null) {
            throw Problem.badRequest("state", "state: required (open, paused or closed)");
        }
        return switch (action.trim()) {
            case "open", "resume" -> "open";
            case "paused", "pause" -> "paused";
            case "closed", "close" -> "closed";
            default -> throw Problem.badRequest("state", "state: expected open, paused or closed, got '" + Service.clip(action) + "'");
        };
    }

    long createProgram(Context ctx) {
        Service.ProgramForm f = new Service.ProgramForm(ctx.formParam("name"), ctx.formParam("label"), ctx.formParam("loss"),
                ctx.formParam("alpha"), ctx.formParam("min_group_size"), ctx.formParam("budget"), ctx.formParam("report_step"),
                ctx.formParam("opens_at"), ctx.formParam("closes_at"));
        return service.createProgram(principal(ctx), f, input(ctx, "train"), input(ctx, "holdout"), input(ctx, "test"), input(ctx, "base_model"));
    }

    private static Service.DataInput input(Context ctx, String name) {
        return new Service.DataInput(name, file(ctx, name), fileName(ctx, name), ctx.formParam(name + "_path"));
    }

    static Service.Pair pair(Context ctx) {
        return new Service.Pair(ctx.formParam("group"), file(ctx, "group_model"), fileName(ctx, "group_model"), file(ctx, "model"),
                fileName(ctx, "model"));
    }

    long submit(Context ctx, long pid) {
        Principal p = principal(ctx);
        submissions.acquire(p.tokenHash() + ":submit", "submissions");
        long id = service.submit(p, pid, pair(ctx));
        metrics.received.inc();
        worker.signal();
        return id;
    }

    Program.CheckResult check(Context ctx, long pid) {
        checks.acquire(principal(ctx).tokenHash() + ":check", "checks");
        return service.check(pid, pair(ctx));
    }

    private void ready(Context ctx) {
        boolean dbOk = db.ping();
        boolean workerOk = !config.runWorker() || worker.alive();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", dbOk && workerOk ? "ready" : "not ready");
        m.put("database", dbOk ? "ok" : "unreachable");
        m.put("worker", !config.runWorker() ? "off" : worker.alive() ? "running" : Optional.ofNullable(worker.fault()).orElse("stopped"));
        ctx.status(dbOk && workerOk ? 200 : 503).json(m);
    }

    ObjectNode openApi() {
        return OpenApi.document(routes, "1");
    }

    // ---- JSON shapes -------------------------------------------------------------------------------

    Map<String, Object> programJson(Store.ProgramRow p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("state", p.state());
        m.put("accepting_submissions", p.acceptsSubmissions(config.clock().millis()));
        m.put("opens_at", p.opensAt() == null ? null : java.time.Instant.ofEpochMilli(p.opensAt()).toString());
        m.put("closes_at", p.closesAt() == null ? null : java.time.Instant.ofEpochMilli(p.closesAt()).toString());
        return m;
    }

    Map<String, Object> programDetail(long id) {
        Store.ProgramRow p = store.program(id);
        EngineHandle e = service.engine(id);
        Views v = e.views();
        Map<String, Object> m = programJson(p);
        m.put("settings", e.publicSettings());
        m.put("version", v.version());
        m.put("accepted_updates", v.accepts());
        m.put("repairs", v.repairs());
        m.put("test_error_base", v.testErrors().get(0));
        m.put("test_error_now", v.testErrors().get(v.testErrors().size() - 1));
        return m;
    }

    Map<String, Object> receipt(long id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("status", "queued");
        m.put("url", "/api/submissions/" + id);
        return m;
    }

    /** What a team sees of its submission: never the group size on the holdout, never the exact gain. */
    Map<String, Object> submissionJson(Store.SubmissionRow s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("program", s.programId());
        m.put("team", s.teamName());
        m.put("received_at", java.time.Instant.ofEpochMilli(s.receivedAt()).toString());
        m.put("status", s.state());
        m.put("group", s.groupKind().equals("cel") ? s.groupText() : "learned group (ONNX)");
        m.put("model", s.modelName());
        if (s.outcome() != null) {
            m.put("outcome", s.outcome());
        }
        if (s.accepted() != null) {
            m.put("verdict", s.accepted() ? "accepted" : "rejected");
            m.put("reported_improvement", s.reportedImprovement());
        }
        if (s.budgetLeft() != null) {
            m.put("budget_left", s.budgetLeft());
        }
        if (s.message() != null) {
            m.put("message", s.message());
        }
        if (s.decidedAt() != null) {
            m.put("decided_at", java.time.Instant.ofEpochMilli(s.decidedAt()).toString());
        }
        return m;
    }

    Map<String, Object> fullSubmissionJson(Store.SubmissionRow s) {
        Map<String, Object> m = submissionJson(s);
        m.put("operator_note", s.operatorNote());
        m.put("engine_submission_id", s.engineSubmissionId());
        m.put("verify_ms", s.verifyMs());
        return m;
    }

    static Map<String, Object> checkJson(Program.CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("public_rows", r.rows());
        m.put("group_rows", r.groupRows());
        m.put("group_share", r.groupShare());
        m.put("loss_current", r.lossCurrent());
        m.put("loss_candidate", r.lossCandidate());
        m.put("gain", r.gain());
        m.put("alpha", r.alpha());
        m.put("min_group_size", r.minGroupSize());
        m.put("would_pass_on_these_rows", r.wouldPass());
        m.put("note", "computed on the public training rows only; the holdout decides");
        return m;
    }

    // ---- errors and logs ---------------------------------------------------------------------------

    /** The one place errors become responses: problem+json for the API, an error page for browsers. */
    void problem(Context ctx, Problem p) {
        ctx.status(p.status());
        p.headers().forEach(ctx::header);
        boolean page = !ctx.path().startsWith("/api/") && !ctx.path().equals("/openapi.json") && !ctx.path().startsWith("/health")
                && !ctx.path().equals("/metrics") && acceptsHtml(ctx);
        if (page) {
            pages.error(ctx, p);
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("type", p.type());
        n.put("title", p.title());
        n.put("status", p.status());
        n.put("detail", p.getMessage());
        n.put("instance", ctx.path());
        if (p.field() != null) {
            n.put("field", p.field());
        }
        ctx.contentType("application/problem+json").result(n.toString());
    }

    private static boolean acceptsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    private void logRequest(Context ctx, float ms) {
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        if (route == null || route.isEmpty()) {
            route = "unmatched";
        }
        int status = ctx.statusCode();
        metrics.http.labelValues(ctx.method().name(), route, Integer.toString(status)).observe(ms / 1000.0);
        if (!route.equals("/metrics") && !route.startsWith("/health")) {
            HTTP_LOG.info("event=request method={} route={} status={} ms={} who={}", ctx.method().name(), route, status,
                    String.format(Locale.ROOT, "%.1f", ms), principal(ctx).auditName());
        }
    }

    /** Creates an organizer when none exists (first start) and returns its token, else empty. */
    public Optional<String> bootstrapOrganizer(String name) {
        if (store.organizerCount() > 0) {
            return Optional.empty();
        }
        return Optional.of(store.createOrganizer("bootstrap", name, null));
    }
}

package org.fairhunt.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.fairhunt.core.json.ResultKind;
import org.fairhunt.core.testing.SchemaAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint over real HTTP on a port the OS picks, run once per database by the subclasses.
 * Expected values come from the fixture's construction (the southern women's rule), from the issue's
 * rules (what a team may see), and from counting rows in the database, never from the code under test.
 */
abstract class ServiceContract {
    @TempDir
    static Path shared;
    static Fixtures fx;

    @TempDir
    Path tmp;
    final List<AutoCloseable> open = new ArrayList<>();
    Backends.Db db;
    BountyServer server;
    Http http;
    String organizer;
    final TestClock clock = new TestClock();

    abstract Backends.Db database(Path dir) throws Exception;

    @BeforeAll
    static void fixtures() throws Exception {
        fx = Fixtures.create(shared.resolve("fixtures"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (db != null) {
            db.cleanup().run();
        }
    }

    BountyServer start(ServerConfig.Builder b) throws Exception {
        if (db == null) {
            db = database(tmp);
        }
        server = BountyServer.create(b.database(db.url(), null, null).clock(clock).build()).start("127.0.0.1", 0);
        open.add(0, server);
        http = new Http(server.port());
        organizer = server.bootstrapOrganizer("alice").orElse(organizer);
        return server;
    }

    ServerConfig.Builder config() {
        return ServerConfig.builder(tmp.resolve("data")).importDir(fx.dir);
    }

    Http.Multipart programForm(String name, int budget) throws Exception {
        return programForm(name, budget, java.util.Map.of());
    }

    /** The fixture's program form, with some fields replaced. */
    Http.Multipart programForm(String name, int budget, java.util.Map<String, String> replace) throws Exception {
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("name", name);
        f.put("label", "deny");
        f.put("alpha", "0.003");
        f.put("min_group_size", "30");
        f.put("budget", Integer.toString(budget));
        f.putAll(replace);
        Http.Multipart m = new Http.Multipart();
        f.forEach(m::field);
        return m.file("train", "train.csv", Files.readAllBytes(fx.train)).file("holdout", "holdout.csv", Files.readAllBytes(fx.holdout))
                .file("test", "test.csv", Files.readAllBytes(fx.test)).file("base_model", "base.onnx", fx.baseModel);
    }

    /** Fails unless {@code json} follows {@code $defs/<def>} of the published service schema. */
    static JsonNode valid(String def, JsonNode json) {
        SchemaAssert.assertValidDefinition(ResultKind.SERVICE, def, json);
        return json;
    }

    long createProgram(String name, int budget) throws Exception {
        Http.Response r = http.postMultipart("/api/programs", organizer, programForm(name, budget));
        assertEquals(201, r.status(), r.body());
        return valid("program_detail", r.json()).get("id").asLong();
    }

    String invite(long program, String team) {
        Http.Response r = http.postJson("/api/programs/" + program + "/teams", organizer, "{\"name\":\"" + team + "\"}");
        assertEquals(201, r.status(), r.body());
        return valid("team_token", r.json()).get("token").asText();
    }

    Http.Multipart pair(String group, byte[] model) {
        return new Http.Multipart().field("group", group).file("model", "h.onnx", model);
    }

    long submit(long program, String token, String group, byte[] model) {
        Http.Response r = http.postMultipart("/api/programs/" + program + "/submissions", token, pair(group, model));
        assertEquals(202, r.status(), r.body());
        assertEquals("queued", valid("receipt", r.json()).get("status").asText());
        return r.json().get("id").asLong();
    }

    JsonNode awaitDecision(long submission, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = valid("submission", http.get("/api/submissions/" + submission, token).json());
            if (!s.get("status").asText().equals("queued")) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("submission " + submission + " was not decided within 60 s");
    }

    int rows(String table) {
        return server.service().store().database().read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    // ---- the whole flow ---------------------------------------------------------------------------

    @Test
    void organizer_creates_a_program_a_team_submits_and_everyone_sees_what_changed_for_whom() throws Exception {
        start(config());
        long pid = createProgram("lending", 5);
        assertEquals(db.url().startsWith("jdbc:postgresql:"), server.service().engineLocation(pid)
                instanceof org.fairhunt.server.engine.EngineLocation.Shared, "PostgreSQL keeps the engine's record in its shared store too");
        String red = invite(pid, "red");

        Http.Response train = http.get("/api/programs/" + pid + "/train.csv", red);
        assertEquals(200, train.status());
        assertEquals(Files.readAllLines(fx.train).size(), train.body().split("\n").length, "every public row, with the header");
        JsonNode schema = valid("feature_schema", http.get("/api/programs/" + pid + "/schema", red).json());
        assertEquals("deny", schema.at("/schema/label").asText());

        JsonNode check = valid("check", http.postMultipart("/api/programs/" + pid + "/check", red, pair(Fixtures.SOUTHERN_WOMEN, fx.candidate))
                .json());
        assertTrue(check.get("gain").asDouble() > 0.003, check.toString());
        assertEquals(0, rows("submissions"), "a check records nothing");

        long sid = submit(pid, red, Fixtures.SOUTHERN_WOMEN, fx.candidate);
        JsonNode verdict = awaitDecision(sid, red);
        assertEquals("decided", verdict.get("status").asText());
        assertEquals("accepted", verdict.get("verdict").asText(), verdict.toString());
        assertEquals("accepted", verdict.get("outcome").asText(), verdict.toString());
        assertEquals(4, verdict.get("budget_left").asInt());
        double reported = verdict.get("reported_improvement").asDouble();
        assertTrue(reported > 0 && Math.abs(reported / 0.001 - Math.rint(reported / 0.001)) < 1e-6, "rounded to the step: " + reported);
        // what a team must never see: the group's holdout size, the exact gain, the organizer's note
        for (String leak : List.of("group_size", "gain", "operator_note", "loss_current", "holdout")) {
            assertFalse(verdict.has(leak), leak + " in " + verdict);
        }

        JsonNode board = valid("leaderboard", http.get("/api/programs/" + pid + "/leaderboard", null).json());
        valid("program_list", http.get("/api/programs", null).json());
        valid("program_detail", http.get("/api/programs/" + pid, null).json());
        assertEquals("red", board.get(0).get("team").asText());
        assertEquals(1, board.get(0).get("accepted").asInt());
        assertTrue(board.get(0).get("testImprovement").asDouble() > 0, "the rule is real, so the test split improves: " + board);
        JsonNode heat = valid("heatmap", http.get("/api/programs/" + pid + "/heatmap", null).json());
        assertEquals(List.of("region", "sex"), List.of(heat.get("features").get(0).asText(), heat.get("features").get(1).asText()));
        assertEquals(1, heat.at("/teams/red/sex").asInt());
        JsonNode log = valid("decision_log", http.get("/api/programs/" + pid + "/decisions", null).json());
        assertEquals(1, log.size());
        assertFalse(log.get(0).toString().contains("groupSize"), log.toString());
        JsonNode audit = valid("audit", http.get("/api/programs/" + pid + "/audit", null).json());
        assertEquals(2, audit.get("columns").size(), "base model and the accepted update");
        JsonNode southF = null;
        for (JsonNode row : audit.get("rows")) {
            if (row.get("slice").asText().equals("bounty group #1=in")) {
                southF = row;
            }
        }
        assertNotNull(southF, audit.toString());
        assertTrue(southF.at("/cells/1/value").asDouble() < southF.at("/cells/0/value").asDouble(),
                "the accepted group's test error drops: " + southF);
        assertNotNull(southF.at("/cells/0/lo").numberValue(), "with an interval");

        JsonNode full = valid("full_submission_list", http.get("/api/programs/" + pid + "/decisions/full", organizer).json());
        assertTrue(full.get(0).get("operator_note").asText().contains("|g|="), full.toString());
        Http.Response zip = http.get("/api/programs/" + pid + "/export", organizer);
        assertEquals(200, zip.status());
        Set<String> names = new HashSet<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip.bytes()))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertTrue(names.contains("model/manifest.json"), names.toString());

        JsonNode mine = valid("submission_list", http.get("/api/programs/" + pid + "/submissions", red).json());
        assertEquals(1, mine.size());
        JsonNode auditLog = valid("audit_log", http.get("/api/audit-log", organizer).json());
        Set<String> actions = new HashSet<>();
        auditLog.forEach(e -> actions.add(e.get("action").asText()));
        assertTrue(actions.containsAll(List.of("create-program", "invite-team", "submit", "accepted", "export")), actions.toString());
        String metrics = http.get("/metrics", null).body();
        assertTrue(metrics.contains("fairhunt_decisions_total{verdict=\"accepted\"} 1.0"), metrics);
        assertTrue(metrics.contains("fairhunt_queue_depth 0.0"), metrics);
        assertTrue(metrics.contains("fairhunt_verification_duration_seconds_count 1"), metrics);
        assertTrue(metrics.contains("fairhunt_http_request_duration_seconds_count{method=\"POST\",route=\"/api/programs/{id}/submissions\""),
                metrics);
    }

    @Test
    void pages_render_for_the_public_the_organizer_and_a_team() throws Exception {
        start(config());
        long pid = createProgram("pages", 5);
        String red = invite(pid, "red");
        awaitDecision(submit(pid, red, Fixtures.SOUTHERN_WOMEN, fx.candidate), red);
        for (String path : List.of("/", "/programs/" + pid, "/programs/" + pid + "/audit", "/login")) {
            Http.Response r = http.get(path, null);
            assertEquals(200, r.status(), path);
            assertTrue(r.header("Content-Security-Policy").contains("script-src 'sha256-"), path);
        }
        assertTrue(http.get("/programs/" + pid, null).body().contains("class=\"fh-cell"), "the heatmap is server-rendered SVG");
        assertEquals(200, http.get("/organizer", organizer).status());
        assertEquals(200, http.get("/organizer/programs/" + pid, organizer).status());
        assertTrue(http.get("/team", red).body().contains("accepted"));
        assertEquals(401, http.send(http.request("/team", null).header("Accept", "text/html").GET()).status());
    }

    @Test
    void health_readiness_metrics_and_the_openapi_document_cover_every_api_route() throws Exception {
        start(config());
        assertEquals(200, http.get("/health/live", null).status());
        valid("health_live", http.get("/health/live", null).json());
        JsonNode ready = valid("health_ready", http.get("/health/ready", null).json());
        assertEquals("ready", ready.get("status").asText(), ready.toString());
        JsonNode doc = http.get("/openapi.json", null).json();
        assertEquals("3.1.0", doc.get("openapi").asText());
        int documented = 0;
        for (var it = doc.get("paths").fields(); it.hasNext(); ) {
            documented += it.next().getValue().size();
        }
        long apiRoutes = server.routes().stream().filter(r -> r.api()).count();
        assertEquals(apiRoutes, documented, "one operation per API route");
        assertTrue(doc.at("/paths/~1api~1programs~1{id}~1submissions/post/requestBody").isObject());
        // every JSON response names its definition in the published schema, and the definition exists there
        JsonNode defs = ResultKind.SERVICE.schema().get("$defs");
        int json = 0;
        for (var it = doc.get("paths").fields(); it.hasNext(); ) {
            var path = it.next();
            if (path.getKey().equals("/openapi.json")) {
                continue; // the document itself follows OpenAPI 3.1's own schema
            }
            for (var ops = path.getValue().fields(); ops.hasNext(); ) {
                JsonNode responses = ops.next().getValue().get("responses");
                for (var rs = responses.fields(); rs.hasNext(); ) {
                    var response = rs.next();
                    JsonNode content = response.getValue().get("content");
                    JsonNode media = content.has("application/json") ? content.get("application/json")
                            : content.get("application/problem+json");
                    if (media == null) {
                        continue; // CSV, zip, Prometheus text
                    }
                    String ref = media.at("/schema/$ref").asText();
                    assertTrue(ref.startsWith(ResultKind.SERVICE.uri() + "#/$defs/"), response.getKey() + ": " + media);
                    assertTrue(defs.has(ref.substring(ref.lastIndexOf('/') + 1)), ref);
                    json++;
                }
            }
        }
        assertTrue(json > documented, "success and problem responses: " + json);
    }

    @Test
    void a_bad_field_is_a_problem_detail_that_names_it_and_nothing_is_stored() throws Exception {
        start(config());
        int before = rows("programs");
        Http.Response r = http.postMultipart("/api/programs", organizer, programForm("bad", 5, java.util.Map.of("alpha", "lots")));
        assertEquals(400, r.status(), r.body());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals("alpha", valid("problem", r.json()).get("field").asText());
        assertTrue(r.json().get("detail").asText().contains("'lots'"));
        Http.Response neg = http.postMultipart("/api/programs", organizer, programForm("bad", 0));
        assertEquals(400, neg.status(), neg.body());
        assertEquals("budget", neg.json().get("field").asText());
        Http.Response label = http.postMultipart("/api/programs", organizer, programForm("bad", 5, java.util.Map.of("label", "nope")));
        assertEquals(400, label.status(), label.body());
        assertEquals(before, rows("programs"));
        assertFalse(Files.exists(tmp.resolve("data/programs")) && Files.list(tmp.resolve("data/programs")).findAny().isPresent(),
                "no half-created engine record");
    }

    // ---- security ---------------------------------------------------------------------------------

    @Test
    void requests_without_a_valid_token_or_with_the_wrong_role_are_refused() throws Exception {
        start(config().tokenTtl(Duration.ofHours(1)));
        long pid = createProgram("sec", 5);
        long other = createProgram("other", 5);
        String red = invite(pid, "red");
        String blue = invite(other, "blue");
        assertEquals(401, http.get("/api/programs/" + pid + "/train.csv", null).status());
        assertEquals(401, http.get("/api/programs/" + pid + "/train.csv", "fht_forged").status());
        assertEquals(401, http.send(http.request("/api/programs/" + pid + "/train.csv", null).header("Authorization", "Basic eDp5")).status());
        assertEquals(403, http.get("/api/programs/" + pid + "/train.csv", blue).status(), "another program's team");
        assertEquals(403, http.get("/api/programs/" + pid + "/decisions/full", red).status(), "a team is not an organizer");
        assertEquals(403, http.postJson("/api/programs/" + pid + "/teams", red, "{\"name\":\"x\"}").status());
        assertEquals(403, http.postMultipart("/api/programs/" + pid + "/submissions", organizer, pair(Fixtures.SOUTHERN_WOMEN,
                fx.candidate)).status(), "organizers do not submit");
        clock.advance(Duration.ofHours(2));
        Http.Response expired = http.get("/api/programs/" + pid + "/train.csv", red);
        assertEquals(401, expired.status());
        assertTrue(expired.json().get("detail").asText().contains("expired"));
        assertEquals(0, rows("submissions"));
    }

    @Test
    void a_team_cannot_read_another_teams_submission() throws Exception {
        start(config());
        long pid = createProgram("peek", 5);
        String red = invite(pid, "red");
        String green = invite(pid, "green");
        long sid = submit(pid, red, Fixtures.SOUTHERN_WOMEN, fx.candidate);
        assertEquals(403, http.get("/api/submissions/" + sid, green).status());
        assertEquals(0, http.get("/api/programs/" + pid + "/submissions", green).json().size());
        assertEquals(404, http.get("/api/submissions/999999", green).status());
    }

    @Test
    void a_rotated_token_stops_working_and_the_new_one_works() throws Exception {
        start(config());
        long pid = createProgram("rot", 5);
        String old = invite(pid, "red");
        Http.Response r = http.postJson("/api/programs/" + pid + "/teams/red/token", organizer, "{}");
        assertEquals(200, r.status(), r.body());
        String fresh = valid("team_token", r.json()).get("token").asText();
        Http.Response refused = http.get("/api/programs/" + pid + "/schema", old);
        assertEquals(401, refused.status());
        assertTrue(refused.json().get("detail").asText().contains("revoked"));
        assertEquals(200, http.get("/api/programs/" + pid + "/schema", fresh).status());
        int hashes = server.service().store().database().read(c -> {
            try (var ps = c.prepareStatement("SELECT count(*) FROM tokens WHERE hash = ? OR hash = ?")) {
                ps.setString(1, old);
                ps.setString(2, fresh);
                var rs = ps.executeQuery();
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(0, hashes, "tokens are stored only as hashes");
    }

    @Test
    void a_session_write_without_the_csrf_token_is_refused_and_stores_nothing() throws Exception {
        start(config());
        long pid = createProgram("csrf", 5);
        String red = invite(pid, "red");
        Http.Response login = http.send(http.request("/login", null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + red)));
        assertEquals(303, login.status(), login.body());
        String cookie = login.header("Set-Cookie");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        String session = cookie.substring(0, cookie.indexOf(';'));
        String page = http.send(http.request("/team", null).header("Cookie", session).GET()).body();
        String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        Http.Multipart form = pair(Fixtures.SOUTHERN_WOMEN, fx.candidate);
        Http.Response noToken = http.send(http.request("/team/submissions", null).header("Cookie", session)
                .header("Content-Type", form.contentType()).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
        assertEquals(403, noToken.status(), noToken.body());
        Http.Multipart wrong = pair(Fixtures.SOUTHERN_WOMEN, fx.candidate).field("csrf", "wrong");
        assertEquals(403, http.send(http.request("/team/submissions", null).header("Cookie", session)
                .header("Content-Type", wrong.contentType()).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(wrong.bytes()))).status());
        assertEquals(0, rows("submissions"));
        Http.Multipart right = pair(Fixtures.SOUTHERN_WOMEN, fx.candidate).field("csrf", csrf);
        Http.Response ok = http.send(http.request("/team/submissions", null).header("Cookie", session)
                .header("Content-Type", right.contentType()).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(right.bytes())));
        assertEquals(303, ok.status(), ok.body());
        assertEquals(1, rows("submissions"));
    }

    @Test
    void an_oversize_upload_is_refused_before_its_body_is_read() throws Exception {
        start(config().maxSubmissionBytes(100_000));
        long pid = createProgram("big", 5);
        String red = invite(pid, "red");
        Http.Response r = http.postMultipart("/api/programs/" + pid + "/submissions", red, pair(Fixtures.SOUTHERN_WOMEN, new byte[200_000]));
        assertEquals(413, r.status(), r.body());
        assertEquals(0, rows("submissions"));
        assertEquals(0, rows("blobs"));
    }

    @Test
    void path_traversal_in_file_names_and_server_paths_is_harmless() throws Exception {
        start(config());
        Http.Response outside = http.postMultipart("/api/programs", organizer, new Http.Multipart().field("name", "trav").field("label", "deny")
                .field("train_path", "../../../../etc/passwd").field("holdout_path", "holdout.csv").field("test_path", "test.csv")
                .field("base_model", "x"));
        assertEquals(400, outside.status(), outside.body());
        assertEquals("train", outside.json().get("field").asText());
        Path link = fx.dir.resolve("link.csv");
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, Path.of("/etc/hostname"));
        }
        Http.Response viaLink = http.postMultipart("/api/programs", organizer, new Http.Multipart().field("name", "trav").field("label", "deny")
                .field("train_path", "link.csv").field("holdout_path", "holdout.csv").field("test_path", "test.csv"));
        assertEquals(400, viaLink.status(), viaLink.body());
        assertEquals(0, rows("programs"));
        // server-side paths inside the import directory work
        Http.Response inside = http.postMultipart("/api/programs", organizer, new Http.Multipart().field("name", "paths").field("label", "deny")
                .field("train_path", "train.csv").field("holdout_path", "holdout.csv").field("test_path", "test.csv")
                .file("base_model", "base.onnx", fx.baseModel));
        assertEquals(201, inside.status(), inside.body());
        long pid = inside.json().get("id").asLong();
        String red = invite(pid, "red");
        Http.Response r = http.postMultipart("/api/programs/" + pid + "/submissions", red, new Http.Multipart()
                .field("group", Fixtures.SOUTHERN_WOMEN).file("model", "../../../etc/cron.d/evil\"<b>.onnx", fx.candidate));
        assertEquals(202, r.status(), r.body());
        JsonNode s = http.get("/api/submissions/" + r.json().get("id").asLong(), red).json();
        assertEquals("evil__b_.onnx", s.get("model").asText(), "only a sanitized base name is kept, for display");
        try (var files = Files.walk(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("evil")), "no file is named after the client");
        }
    }

    @Test
    void sql_metacharacters_in_every_text_field_are_data_or_refused() throws Exception {
        start(config());
        String sql = "x'); DROP TABLE teams; --";
        Http.Response p = http.postMultipart("/api/programs", organizer, programForm(sql, 5));
        assertEquals(400, p.status(), p.body());
        assertEquals("name", p.json().get("field").asText());
        for (String field : List.of("label", "loss", "alpha", "min_group_size", "budget", "report_step", "opens_at", "closes_at")) {
            Http.Response r = http.postMultipart("/api/programs", organizer, programForm("ok", 5, java.util.Map.of(field, sql)));
            assertEquals(400, r.status(), field + ": " + r.body());
        }
        long pid = createProgram("quotes", 5);
        assertEquals(400, http.postJson("/api/programs/" + pid + "/teams", organizer, "{\"name\":\"" + sql.replace("\"", "") + "\"}").status());
        assertEquals(400, http.postJson("/api/programs/" + pid + "/state", organizer, "{\"state\":\"" + sql + "\"}").status());
        String red = invite(pid, "red");
        Http.Response g = http.postMultipart("/api/programs/" + pid + "/submissions", red, pair("region == \"" + sql + "\"", fx.candidate));
        // a string literal is data for CEL: the group is valid (and empty); the text is stored verbatim
        assertEquals(202, g.status(), g.body());
        assertEquals("region == \"" + sql + "\"", http.get("/api/submissions/" + g.json().get("id").asLong(), red).json().get("group").asText());
        Http.Response bad = http.postMultipart("/api/programs/" + pid + "/submissions", red, pair(sql, fx.candidate));
        assertEquals(400, bad.status());
        assertEquals("group", bad.json().get("field").asText());
        assertEquals(1, rows("teams"));
        assertEquals(1, rows("submissions"));
        assertEquals(401, http.postMultipart("/api/programs/" + pid + "/submissions", "' OR '1'='1", pair("true", fx.candidate)).status());
    }

    @Test
    void malicious_groups_and_models_are_refused_and_nothing_is_stored() throws Exception {
        start(config());
        long pid = createProgram("evil", 5);
        String red = invite(pid, "red");
        String path = "/api/programs/" + pid + "/submissions";
        Http.Response huge = http.postMultipart(path, red, pair("sex == \"f\"" + " && sex == \"f\"".repeat(2000), fx.candidate));
        assertEquals(400, huge.status(), huge.body());
        Http.Response costly = http.postMultipart(path, red, pair(String.join(" || ", java.util.Collections.nCopies(200,
                "region.matches(\"(a+)+$\")")), fx.candidate));
        assertEquals(400, costly.status(), costly.body());
        Http.Response macro = http.postMultipart(path, red, pair("[1, 2].exists(x, x > 1)", fx.candidate));
        assertEquals(400, macro.status(), macro.body());
        byte[] pickle = {(byte) 0x80, 0x04, (byte) 0x95, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n'};
        Http.Response notOnnx = http.postMultipart(path, red, pair(Fixtures.SOUTHERN_WOMEN, pickle));
        assertEquals(400, notOnnx.status(), notOnnx.body());
        assertEquals("model", notOnnx.json().get("field").asText());
        Http.Response groupModel = http.postMultipart(path, red, new Http.Multipart().file("group_model", "g.onnx", pickle)
                .file("model", "h.onnx", fx.candidate));
        assertEquals(400, groupModel.status(), groupModel.body());
        assertEquals("group_model", groupModel.json().get("field").asText());
        Http.Response both = http.postMultipart(path, red, pair(Fixtures.SOUTHERN_WOMEN, fx.candidate).file("group_model", "g.onnx",
                fx.candidate));
        assertEquals(400, both.status());
        assertEquals(0, rows("submissions"));
        assertEquals(0, rows("blobs"));
    }

    /**
     * The receipt runs no model: a model that would run for minutes and one that ONNX Runtime cannot load
     * both get their 202 while no worker runs (had the receipt run them, it would have refused them). The
     * worker then refuses both on the public rows, before the holdout, with the reason; neither is charged.
     */
    @Test
    void a_receipt_runs_no_model_and_the_worker_refuses_a_bad_model_on_public_rows_without_charging() throws Exception {
        start(config().runWorker(false));
        long pid = createProgram("receipts", 2);
        String red = invite(pid, "red");
        long slow = submit(pid, red, Fixtures.SOUTHERN_WOMEN, Fixtures.slowModel());
        long zip = submit(pid, red, Fixtures.SOUTHERN_WOMEN, Fixtures.wrongInputModel());
        for (long sid : List.of(slow, zip)) {
            JsonNode s = http.get("/api/submissions/" + sid, red).json();
            assertEquals("queued", s.get("status").asText(), s.toString());
            assertNull(s.get("verdict"), s.toString());
        }
        assertTrue(http.get("/metrics", null).body().contains("fairhunt_queue_depth 2.0"));
        assertEquals(0, server.service().engine(pid).recorded().size(), "nothing reached the engine");
        server.close();
        open.remove(server);

        start(config());
        JsonNode a = awaitDecision(slow, red);
        valid("full_submission_list", http.get("/api/programs/" + pid + "/decisions/full", organizer).json());
        assertEquals("refused", a.get("status").asText(), a.toString());
        assertEquals("invalid", a.get("outcome").asText(), a.toString());
        assertNull(a.get("verdict"), a.toString());
        assertNull(a.get("budget_left"), a.toString());
        assertEquals("refused on the public rows (not charged to the budget): model: h.onnx: model ran longer than the program's limit "
                + "of 10000 ms", a.get("message").asText());
        JsonNode b = awaitDecision(zip, red);
        assertEquals("refused", b.get("status").asText(), b.toString());
        assertEquals("invalid", b.get("outcome").asText(), b.toString());
        assertTrue(b.get("message").asText().startsWith("refused on the public rows (not charged to the budget): model: h.onnx: model "
                + "input 'zip' is not a feature of the program"), b.toString());
        assertEquals(0, server.service().engine(pid).recorded().size(), "refused before the holdout: the engine recorded nothing");
        assertEquals(0, http.get("/api/programs/" + pid + "/decisions", null).json().size());
        // neither refusal was charged: the budget of 2 still takes two submissions, and then no more
        awaitDecision(submit(pid, red, Fixtures.SOUTHERN_WOMEN, fx.candidate), red);
        awaitDecision(submit(pid, red, "region == \"north\"", fx.everyoneModel), red);
        assertEquals(403, http.postMultipart("/api/programs/" + pid + "/submissions", red, pair("sex == \"m\"", fx.everyoneModel))
                .status());
    }

    @Test
    void budgets_and_rate_limits_are_enforced_on_the_server() throws Exception {
        start(config().submissionsPerMinute(3));
        long pid = createProgram("budget", 2);
        String red = invite(pid, "red");
        submit(pid, red, Fixtures.SOUTHERN_WOMEN, fx.candidate);
        submit(pid, red, "region == \"north\"", fx.everyoneModel);
        Http.Response third = http.postMultipart("/api/programs/" + pid + "/submissions", red, pair("sex == \"m\"", fx.everyoneModel));
        assertEquals(403, third.status(), third.body());
        assertTrue(third.json().get("detail").asText().contains("budget of 2"));
        Http.Response fourth = http.postMultipart("/api/programs/" + pid + "/submissions", red, pair("sex == \"m\"", fx.everyoneModel));
        assertEquals(429, fourth.status(), fourth.body());
        assertNotNull(fourth.header("Retry-After"));
        assertEquals(2, rows("submissions"));
    }

    @Test
    void a_paused_program_queues_nothing_and_a_closed_one_never_reopens() throws Exception {
        start(config());
        long pid = createProgram("state", 5);
        String red = invite(pid, "red");
        Http.Response paused = http.postJson("/api/programs/" + pid + "/state", organizer, "{\"state\":\"paused\"}");
        assertEquals(200, paused.status());
        assertEquals("paused", valid("program_detail", paused.json()).get("state").asText());
        Http.Response conflict = http.postMultipart("/api/programs/" + pid + "/submissions", red, pair(Fixtures.SOUTHERN_WOMEN, fx.candidate));
        assertEquals(409, conflict.status());
        valid("problem", conflict.json());
        assertEquals(200, http.postJson("/api/programs/" + pid + "/state", organizer, "{\"state\":\"open\"}").status());
        awaitDecision(submit(pid, red, Fixtures.SOUTHERN_WOMEN, fx.candidate), red);
        assertEquals(200, http.postJson("/api/programs/" + pid + "/state", organizer, "{\"state\":\"closed\"}").status());
        assertEquals(409, http.postJson("/api/programs/" + pid + "/state", organizer, "{\"state\":\"open\"}").status());
        assertEquals(409, http.postMultipart("/api/programs/" + pid + "/submissions", red, pair("true", fx.candidate)).status());
        assertEquals("closed", http.get("/api/programs/" + pid, null).json().get("state").asText());
    }

    @Test
    void security_headers_are_on_every_response() throws Exception {
        start(config());
        for (String path : List.of("/", "/api/programs", "/nope", "/api/programs/1/train.csv")) {
            Http.Response r = http.get(path, null);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("DENY", r.header("X-Frame-Options"), path);
            assertNotNull(r.header("Content-Security-Policy"), path);
            assertEquals("no-store", r.header("Cache-Control"), path);
        }
        assertNull(http.get("/", null).header("Server"));
    }

    // ---- the queue survives restarts ------------------------------------------------------------

    @Test
    void queued_submissions_survive_a_restart_and_a_decision_recorded_before_a_crash_is_adopted_not_repeated() throws Exception {
        start(config().runWorker(false));
        long pid = createProgram("restart", 5);
        String red = invite(pid, "red");
        long first = submit(pid, red, Fixtures.SOUTHERN_WOMEN, fx.candidate);
        long second = submit(pid, red, "region == \"north\"", fx.everyoneModel);
        // a crash between the engine's commit and the queue's: the engine decides the first job, the queue does not know
        var engine = server.service().engine(pid);
        var row = server.service().store().submission(first).orElseThrow();
        engine.submit(row.teamName(), org.fairhunt.bounty.program.GroupSpec.cel(row.groupText()),
                server.service().store().blob(row.modelBlob()), row.modelName());
        server.close();
        open.remove(server);
        start(config());
        JsonNode a = awaitDecision(first, red);
        JsonNode b = awaitDecision(second, red);
        assertEquals("accepted", a.get("verdict").asText());
        assertEquals("decided", b.get("status").asText());
        assertEquals(2, server.service().engine(pid).recorded().size(), "the first job was adopted, not decided twice");
        assertEquals(2, http.get("/api/programs/" + pid + "/decisions", null).json().size());
    }
}

package org.fairhunt.server;

import static org.fairhunt.report.html.Html.escape;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairhunt.bounty.program.Program;
import org.fairhunt.report.Formats;
import org.fairhunt.report.html.Html;
import org.fairhunt.report.html.Svg;
import org.fairhunt.server.engine.EngineHandle;
import org.fairhunt.server.engine.Views;
import org.fairhunt.server.http.Problem;
import org.fairhunt.server.http.Route;
import org.fairhunt.server.store.Store;
import org.fairhunt.server.store.Tokens;

/**
 * The server-rendered pages. Every form works without JavaScript (plain POST, redirect after a write);
 * the only script is a few lines that show a heatmap cell's numbers on click, allowed by its SHA-256 in
 * the Content-Security-Policy header (no CDN, nothing loaded from anywhere). Markup comes from the report
 * module's {@link Html} (escaping by type) and {@link Svg} (the heatmap).
 */
final class Pages {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String EXTRA_STYLE = """
            nav.fh-nav { display: flex; gap: 16px; align-items: baseline; margin: 0 0 12px; font-size: 14px; }
            nav.fh-nav a { color: var(--accent); text-decoration: none; }
            nav.fh-nav form { margin: 0 0 0 auto; }
            form.fh-form { display: grid; grid-template-columns: max-content minmax(240px, 520px); gap: 8px 14px; align-items: center;
              margin: 10px 0 18px; }
            form.fh-form .fh-wide { grid-column: 1 / span 2; }
            form.fh-inline { display: inline-block; margin: 0 6px 0 0; }
            input[type=text], input[type=password], textarea, select { font: inherit; padding: 4px 6px; width: 100%; }
            textarea { min-height: 64px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
            button { font: inherit; padding: 4px 14px; cursor: pointer; }
            .fh-token { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #fff8c5; padding: 8px;
              border: 1px solid #eac54f; border-radius: 6px; word-break: break-all; }
            .fh-error { border-left: 5px solid var(--fail); padding: 8px 14px; background: #ffebe9; }
            #fh-heat-detail { min-height: 1.5em; color: var(--muted); }
            """;
    /** Shows a heatmap cell's tooltip under the chart on click (the pages work without it). */
    private static final String HEATMAP_SCRIPT = """
            document.querySelectorAll('svg.fh-heatmap g.fh-cell').forEach(function (g) {
              g.addEventListener('click', function () {
                var t = g.querySelector('title');
                var out = document.getElementById('fh-heat-detail');
                if (t && out) { out.textContent = t.textContent; }
              });
            });
            """;

    private final Service service;
    private final BountyServer server;
    private final Store store;

    Pages(Service service, BountyServer server) {
        this.service = service;
        this.server = server;
        this.store = service.store();
    }

    private static void page(List<Route> routes, HandlerType m, String path, Role role, long limit, io.javalin.http.Handler h) {
        routes.add(new Route(m, path, List.of(role), false, path, null, HTML, limit, h, null));
    }

    void define(List<Route> routes, long upload, long submission) {
        HandlerType get = HandlerType.GET;
        HandlerType post = HandlerType.POST;
        page(routes, get, "/", Role.PUBLIC, 0, this::home);
        page(routes, get, "/programs/{id}", Role.PUBLIC, 0, this::program);
        page(routes, get, "/programs/{id}/audit", Role.PUBLIC, 0, this::audit);
        page(routes, get, "/login", Role.PUBLIC, 0, ctx -> send(ctx, loginPage(null)));
        page(routes, post, "/login", Role.PUBLIC, BountyServer.SMALL_BODY, this::login);
        routes.add(new Route(post, "/logout", List.of(Role.TEAM, Role.ORGANIZER), false, "/logout", null, HTML, BountyServer.SMALL_BODY,
                this::logout, null));
        page(routes, get, "/organizer", Role.ORGANIZER, 0, this::organizer);
        page(routes, post, "/organizer/programs", Role.ORGANIZER, upload, ctx -> {
            long id = server.createProgram(ctx);
            ctx.redirect("/organizer/programs/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
        });
        page(routes, get, "/organizer/programs/{id}", Role.ORGANIZER, 0, this::organizerProgram);
        page(routes, post, "/organizer/programs/{id}/teams", Role.ORGANIZER, BountyServer.SMALL_BODY, ctx -> {
            long pid = BountyServer.pathId(ctx);
            String name = ctx.formParam("name");
            String token = service.inviteTeam(BountyServer.principal(ctx), pid, name);
            send(ctx, tokenPage(ctx, pid, name, token, "Team invited"));
        });
        page(routes, post, "/organizer/programs/{id}/rotate", Role.ORGANIZER, BountyServer.SMALL_BODY, ctx -> {
            long pid = BountyServer.pathId(ctx);
            String name = ctx.formParam("name");
            String token = service.rotateToken(BountyServer.principal(ctx), pid, name);
            send(ctx, tokenPage(ctx, pid, name, token, "Token rotated"));
        });
        page(routes, post, "/organizer/programs/{id}/state", Role.ORGANIZER, BountyServer.SMALL_BODY, ctx -> {
            long pid = BountyServer.pathId(ctx);
            service.setState(BountyServer.principal(ctx), pid, BountyServer.state(ctx.formParam("state")));
            ctx.redirect("/organizer/programs/" + pid, io.javalin.http.HttpStatus.SEE_OTHER);
        });
        page(routes, get, "/team", Role.TEAM, 0, this::team);
        page(routes, post, "/team/submissions", Role.TEAM, submission, ctx -> {
            long pid = BountyServer.principal(ctx).programId();
            long id = server.submit(ctx, pid);
            ctx.redirect("/team?receipt=" + id, io.javalin.http.HttpStatus.SEE_OTHER);
        });
        page(routes, post, "/team/check", Role.TEAM, submission, this::checkPage);
        page(routes, get, "/team/train.csv", Role.TEAM, 0, ctx -> ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"train.csv\"")
                .result(service.engine(BountyServer.principal(ctx).programId()).trainCsv()));
    }

    // ---- rendering -------------------------------------------------------------------------------

    /** Sends a page with a CSP that allows exactly its inline script (by hash) and inline styles. */
    static void send(Context ctx, Html.Page page) {
        page.style(EXTRA_STYLE);
        String html = page.render();
        int open = html.lastIndexOf("<script>");
        int close = html.lastIndexOf("</script>");
        String script = open >= 0 && close > open ? html.substring(open + "<script>".length(), close) : "";
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
                + sha256Base64(script) + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        ctx.contentType(HTML).result(html);
    }

    private static String sha256Base64(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Html.Page base(Context ctx, String title) {
        Html.Page p = Html.page(title);
        Principal who = ctx == null ? Principal.ANONYMOUS : BountyServer.principal(ctx);
        StringBuilder nav = new StringBuilder("<nav class=\"fh-nav\"><a href=\"/\">Programs</a>");
        if (who.role() == Role.ORGANIZER) {
            nav.append("<a href=\"/organizer\">Organizer</a>");
        }
        if (who.role() == Role.TEAM) {
            nav.append("<a href=\"/team\">Team ").append(escape(who.displayName())).append("</a>");
        }
        nav.append("<a href=\"/openapi.json\">API</a>");
        if (who.viaSession()) {
            nav.append("<form method=\"post\" action=\"/logout\">").append(csrfField(who))
                    .append("<button type=\"submit\">Sign out</button></form>");
        } else if (who.role() == Role.PUBLIC) {
            nav.append("<a href=\"/login\">Sign in</a>");
        }
        p.add(Html.raw(nav.append("</nav>").toString()));
        return p;
    }

    private static String csrfField(Principal who) {
        return who.csrf() == null ? "" : "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(who.csrf()) + "\">";
    }

    void error(Context ctx, Problem p) {
        Html.Page page = base(ctx, p.status() + " " + p.title());
        page.add(Html.raw("<p class=\"fh-error\">" + escape(p.getMessage()) + (p.field() == null ? "" : " (field <code>"
                + escape(p.field()) + "</code>)") + "</p>"));
        if (p.status() == 401) {
            page.add(Html.raw("<p><a href=\"/login\">Sign in</a></p>"));
        }
        send(ctx, page);
        ctx.status(p.status());
    }

    // ---- public pages ----------------------------------------------------------------------------

    private void home(Context ctx) {
        Html.Page page = base(ctx, "Fairhunt bias bounties");
        page.subtitle("Outside teams find groups where the model fails and submit fixes; a protected holdout decides.");
        Html.Table t = Html.table().column("program").column("state").numericColumn("version").numericColumn("accepted updates");
        for (Store.ProgramRow p : store.programs()) {
            Views v = service.engine(p.id()).views();
            t.row(Html.raw("<a href=\"/programs/" + p.id() + "\">" + escape(p.name()) + "</a>"), p.state(), Integer.toString(v.version()),
                    Integer.toString(v.accepts()));
        }
        page.section("programs", "Programs", t.rowCount() == 0 ? Html.element("p", "fh-note", "No program yet.") : t.render());
        send(ctx, page);
    }

    private void program(Context ctx) {
        long id = BountyServer.pathId(ctx);
        Store.ProgramRow p = store.program(id);
        EngineHandle e = service.engine(id);
        Views v = e.views();
        Html.Page page = base(ctx, p.name());
        page.subtitle("Program " + id + " · " + Service.stateText(p) + " · model version " + v.version() + " (" + v.accepts()
                + " accepted updates, " + v.repairs() + " repairs)");
        double base = v.testErrors().get(0);
        double now = v.testErrors().get(v.testErrors().size() - 1);
        page.add(Html.raw("<div class=\"fh-cards\">" + card("Test error, base model", Formats.fixed(base, 4), "never used for decisions")
                + card("Test error now", Formats.fixed(now, 4), "version " + v.version())
                + card("True improvement", Formats.fixed(base - now, 4), "on the test split") + "</div>"));
        Html.Table board = Html.table().caption("Reported improvement is rounded down, as teams are told it; test improvement is measured "
                + "on the test split, which no decision used.").column("team").numericColumn("submissions").numericColumn("accepted")
                .numericColumn("reported improvement").numericColumn("test improvement");
        for (Views.Standing s : v.leaderboard()) {
            board.row(s.team(), Integer.toString(s.submissions()), Integer.toString(s.accepted()), Formats.fixed(s.reportedImprovement(), 4),
                    Formats.fixed(s.testImprovement(), 4));
        }
        page.section("leaderboard", "Leaderboard", board.rowCount() == 0 ? Html.element("p", "fh-note", "No decision yet.") : board.render());
        page.section("heatmap", "Teams × features", heatmap(v));
        Html.Table log = Html.table().column("#").column("team").column("verdict").numericColumn("reported improvement")
                .column("versions").column("group");
        for (Views.LogEntry l : v.log()) {
            log.row(Long.toString(l.engineId()), l.team(), Html.raw("<span class=\"fh-badge fh-" + (l.accepted() ? "pass" : "fail") + "\">"
                    + escape(l.outcome()) + "</span>"),
                    l.accepted() ? Formats.fixed(l.reportedImprovement(), 4) : Formats.UNDEFINED,
                    l.versionBefore() + " → " + l.versionAfter(), l.group() == null ? Html.raw("<span class=\"fh-note\">not shown</span>")
                            : Html.raw("<code>" + escape(l.group()) + "</code>"));
        }
        page.section("decisions", "Decision log", log.rowCount() == 0 ? Html.element("p", "fh-note", "No decision yet.") : log.render());
        page.add(Html.raw("<p><a href=\"/programs/" + id + "/audit\">Audit: per-group error before and after each accepted update</a></p>"));
        page.script(HEATMAP_SCRIPT);
        send(ctx, page);
    }

    private static String card(String label, String value, String sub) {
        return "<div class=\"fh-card\"><div class=\"fh-card-label\">" + escape(label) + "</div><div class=\"fh-card-value\">"
                + escape(value) + "</div><div class=\"fh-card-sub\">" + escape(sub) + "</div></div>";
    }

    private static Html.Fragment heatmap(Views v) {
        if (v.heatmap().isEmpty() || v.features().isEmpty()) {
            return Html.element("p", "fh-note", "No submission yet.");
        }
        List<String> teams = new ArrayList<>(v.heatmap().keySet());
        Svg.Heatmap h = Svg.heatmap("How often each team's groups used each feature").headers("team", "feature").rows(teams)
                .columns(v.features());
        for (int r = 0; r < teams.size(); r++) {
            Map<String, Integer> row = v.heatmap().get(teams.get(r));
            for (int c = 0; c < v.features().size(); c++) {
                int n = row.getOrDefault(v.features().get(c), 0);
                h.cell(r, c, (double) n, Integer.toString(n), teams.get(r) + " used " + v.features().get(c) + " in " + n + " group(s)", false);
            }
        }
        h.centre(0, "0");
        return Html.raw("<figure class=\"fh-figure\">" + h.render().html()
                + "<figcaption>Counts over every submitted group (accepted or not). Click a cell for its numbers.</figcaption>"
                + "<p id=\"fh-heat-detail\"></p></figure>");
    }

    private void audit(Context ctx) {
        long id = BountyServer.pathId(ctx);
        Store.ProgramRow p = store.program(id);
        Views.Audit a = service.engine(id).views().audit();
        Html.Page page = base(ctx, p.name() + ": for whom did the bounty improve the model?");
        page.subtitle("Per-group " + a.metric().replace('_', ' ') + " on the test split (never used for decisions), with 95% Wilson "
                + "intervals, for the base model and after each accepted update.");
        if (a.note() != null) {
            page.add(Html.element("p", "fh-note", a.note()));
            send(ctx, page);
            return;
        }
        Html.Table t = Html.table().column("group").numericColumn("rows");
        a.columns().forEach(t::numericColumn);
        for (Views.AuditRow r : a.rows()) {
            List<Object> cells = new ArrayList<>();
            cells.add(r.slice());
            cells.add(Long.toString(r.n()));
            for (Views.Cell c : r.cells()) {
                cells.add(Formats.estimate(c.value(), c.lo(), c.hi()));
            }
            t.row(null, cells);
        }
        page.section("groups", "Error by group and model version", t.render());
        page.add(Html.element("p", "fh-note", "'bounty group #k' is the group of accepted submission k, evaluated on the test rows."));
        send(ctx, page);
    }

    // ---- sign in ---------------------------------------------------------------------------------

    private Html.Page loginPage(String message) {
        Html.Page page = base(null, "Sign in");
        if (message != null) {
            page.add(Html.raw("<p class=\"fh-error\">" + escape(message) + "</p>"));
        }
        page.add(Html.raw("<form class=\"fh-form\" method=\"post\" action=\"/login\"><label for=\"token\">Token</label>"
                + "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"off\" required>"
                + "<div class=\"fh-wide\"><button type=\"submit\">Sign in</button></div></form>"
                + "<p class=\"fh-note\">Organizers and teams sign in with the token they were given (it was shown once).</p>"));
        return page;
    }

    private void login(Context ctx) {
        String token = ctx.formParam("token");
        if (token == null || token.isBlank()) {
            ctx.status(400);
            send(ctx, loginPage("token: required"));
            return;
        }
        Principal who;
        try {
            who = server.principalOfToken(Tokens.hash(token.trim()));
        } catch (Problem p) {
            ctx.status(401);
            send(ctx, loginPage(p.getMessage()));
            return;
        }
        String session = Tokens.newSecret("");
        String csrf = Tokens.newSecret("");
        long ttl = service.config().sessionTtl().toMillis();
        store.createSession(Tokens.hash(session), who.tokenHash(), csrf, service.now() + ttl);
        store.auditEvent(who.auditName(), "sign-in", "session", null);
        ctx.header("Set-Cookie", BountyServer.SESSION_COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + ttl / 1000 + (service.config().secureCookies() ? "; Secure" : ""));
        ctx.redirect(who.role() == Role.ORGANIZER ? "/organizer" : "/team", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        String cookie = ctx.cookie(BountyServer.SESSION_COOKIE);
        if (cookie != null) {
            store.deleteSession(Tokens.hash(cookie));
        }
        ctx.header("Set-Cookie", BountyServer.SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    // ---- organizer -------------------------------------------------------------------------------

    private void organizer(Context ctx) {
        Principal who = BountyServer.principal(ctx);
        Html.Page page = base(ctx, "Organizer");
        Html.Table t = Html.table().column("program").column("state").numericColumn("teams").numericColumn("version");
        for (Store.ProgramRow p : store.programs()) {
            t.row(Html.raw("<a href=\"/organizer/programs/" + p.id() + "\">" + escape(p.name()) + "</a>"), p.state(),
                    Integer.toString(store.teams(p.id()).size()), Integer.toString(service.engine(p.id()).views().version()));
        }
        page.section("programs", "Programs", t.rowCount() == 0 ? Html.element("p", "fh-note", "No program yet.") : t.render());
        String imp = service.config().importDir() == null ? "" : " or a path inside the import directory";
        StringBuilder f = new StringBuilder("<form class=\"fh-form\" id=\"create-program\" method=\"post\" action=\"/organizer/programs\" "
                + "enctype=\"multipart/form-data\">").append(csrfField(who));
        f.append(input("name", "Name", "text", true)).append(input("label", "Label column", "text", true));
        f.append("<label for=\"loss\">Loss</label><select id=\"loss\" name=\"loss\"><option>zero-one</option><option>squared</option>"
                + "<option>absolute</option></select>");
        f.append(input("alpha", "α (minimum gain)", "text", false).replace("<input", "<input placeholder=\"0.001\""));
        f.append(input("min_group_size", "Minimum group size", "text", false).replace("<input", "<input placeholder=\"30\""));
        f.append(input("budget", "Budget per team", "text", false).replace("<input", "<input placeholder=\"20\""));
        f.append(input("report_step", "Report step", "text", false).replace("<input", "<input placeholder=\"0.001\""));
        f.append(input("opens_at", "Opens (UTC)", "datetime-local", false)).append(input("closes_at", "Closes (UTC)", "datetime-local", false));
        for (String[] s : new String[][] {{"train", "Training split (public)"}, {"holdout", "Holdout split"}, {"test", "Test split"},
                {"base_model", "Base model (ONNX)"}}) {
            f.append("<label for=\"").append(s[0]).append("\">").append(escape(s[1])).append("</label><span><input type=\"file\" id=\"")
                    .append(s[0]).append("\" name=\"").append(s[0]).append("\">");
            if (!imp.isEmpty()) {
                f.append(" or path <input type=\"text\" name=\"").append(s[0]).append("_path\" style=\"width:14em\">");
            }
            f.append("</span>");
        }
        f.append("<div class=\"fh-wide\"><button type=\"submit\">Create program</button></div></form>");
        page.section("create", "Create a program", Html.raw(f.toString()));
        send(ctx, page);
    }

    private static String input(String name, String label, String type, boolean required) {
        return "<label for=\"" + name + "\">" + escape(label) + "</label><input type=\"" + type + "\" id=\"" + name + "\" name=\"" + name
                + "\"" + (required ? " required" : "") + ">";
    }

    private void organizerProgram(Context ctx) {
        Principal who = BountyServer.principal(ctx);
        long id = BountyServer.pathId(ctx);
        Store.ProgramRow p = store.program(id);
        Html.Page page = base(ctx, p.name() + " (organizer)");
        page.subtitle("Program " + id + " · " + Service.stateText(p));
        StringBuilder actions = new StringBuilder();
        for (String[] s : new String[][] {{"paused", "Pause"}, {"open", "Resume"}, {"closed", "Close"}}) {
            actions.append("<form class=\"fh-inline\" method=\"post\" action=\"/organizer/programs/").append(id).append("/state\">")
                    .append(csrfField(who)).append("<input type=\"hidden\" name=\"state\" value=\"").append(s[0])
                    .append("\"><button type=\"submit\">").append(s[1]).append("</button></form>");
        }
        actions.append("<a href=\"/api/programs/").append(id).append("/export\">Export the current model (zip)</a> · ")
                .append("<a href=\"/programs/").append(id).append("\">Public page</a>");
        page.section("state", "State", Html.raw(actions.toString()));
        Html.Table teams = Html.table().column("team").column("invited").column("rotate token");
        for (Store.TeamRow t : store.teams(id)) {
            teams.row(t.name(), Instant.ofEpochMilli(t.createdAt()).toString(), Html.raw("<form class=\"fh-inline\" method=\"post\" action=\""
                    + "/organizer/programs/" + id + "/rotate\">" + csrfField(who) + "<input type=\"hidden\" name=\"name\" value=\""
                    + escape(t.name()) + "\"><button type=\"submit\">Rotate</button></form>"));
        }
        String invite = "<form class=\"fh-form\" id=\"invite-team\" method=\"post\" action=\"/organizer/programs/" + id + "/teams\">"
                + csrfField(who) + input("team-name", "Team name", "text", true).replace("name=\"team-name\"", "name=\"name\"")
                + "<div class=\"fh-wide\"><button type=\"submit\">Invite team</button></div></form>";
        page.section("teams", "Teams", Html.raw(teams.render().html() + invite));
        Html.Table d = Html.table().caption("Exact numbers: for the organizer only.").column("#").column("team").column("received")
                .column("status").column("group").column("details").numericColumn("verify ms");
        for (Store.SubmissionRow s : store.submissionsOfProgram(id)) {
            d.row(Long.toString(s.id()), s.teamName(), Instant.ofEpochMilli(s.receivedAt()).toString(),
                    s.accepted() == null ? s.state() : s.accepted() ? "accepted" : "rejected",
                    s.groupKind().equals("cel") ? s.groupText() : "learned group", s.operatorNote() == null ? "" : s.operatorNote(),
                    s.verifyMs() == null ? "" : Formats.fixed(s.verifyMs(), 0));
        }
        page.section("decisions", "Decisions", d.rowCount() == 0 ? Html.element("p", "fh-note", "No submission yet.") : d.render());
        send(ctx, page);
    }

    private Html.Page tokenPage(Context ctx, long pid, String team, String token, String title) {
        Html.Page page = base(ctx, title);
        page.add(Html.raw("<p>Token for team <b>" + escape(team) + "</b> of program " + pid + ". It is shown <b>once</b>: only its hash "
                + "is stored. Send it to the team over a private channel.</p><p class=\"fh-token\" id=\"token\">" + escape(token) + "</p>"
                + "<p><a href=\"/organizer/programs/" + pid + "\">Back to the program</a></p>"));
        return page;
    }

    // ---- team ------------------------------------------------------------------------------------

    private void team(Context ctx) {
        Principal who = BountyServer.principal(ctx);
        long pid = who.programId();
        Store.ProgramRow p = store.program(pid);
        EngineHandle e = service.engine(pid);
        List<Store.SubmissionRow> mine = store.submissionsOfTeam(who.teamId());
        Html.Page page = base(ctx, "Team " + who.displayName() + " · " + p.name());
        boolean waiting = mine.stream().anyMatch(s -> s.state().equals("queued"));
        if (waiting) {
            // no script needed: the browser reloads until every verdict is in
            page.add(Html.raw("<meta http-equiv=\"refresh\" content=\"3\">"));
        }
        String receipt = ctx.queryParam("receipt");
        if (receipt != null && receipt.matches("\\d{1,18}")) {
            page.add(Html.raw("<p class=\"fh-verdict\" id=\"receipt\">Receipt: submission " + receipt + " is queued for verification.</p>"));
        }
        var s = e.settings();
        page.subtitle(String.format(Locale.ROOT, "%s · budget %d submissions (%d left) · α %s · minimum group %d holdout rows · gains "
                + "reported rounded down to %s", Service.stateText(p), s.budget(), s.budget() - store.usedBudget(who.teamId()),
                Formats.number(s.alpha()), s.minGroupSize(), Formats.number(s.reportStep())));
        page.add(Html.raw("<p><a href=\"/team/train.csv\">Download the public training rows (CSV)</a> · features: <code>"
                + escape(String.join(", ", e.schema().featureNames())) + "</code> · label <code>" + escape(e.schema().label())
                + "</code></p>"));
        String fields = csrfField(who) + "<label for=\"group\">Group (CEL)</label><textarea id=\"group\" name=\"group\" "
                + "placeholder='sex == \"f\" &amp;&amp; region == \"south\"'></textarea>"
                + "<label for=\"group_model\">or group model (ONNX)</label><input type=\"file\" id=\"group_model\" name=\"group_model\">"
                + "<label for=\"model\">Model (ONNX)</label><input type=\"file\" id=\"model\" name=\"model\" required>";
        page.section("submit", "Submit", Html.raw("<form class=\"fh-form\" id=\"submit-form\" method=\"post\" action=\"/team/submissions\" "
                + "enctype=\"multipart/form-data\">" + fields + "<div class=\"fh-wide\"><button type=\"submit\">Submit for verification"
                + "</button> <button type=\"submit\" formaction=\"/team/check\">Check on public rows (free)</button></div></form>"));
        Html.Table t = Html.table().column("#").column("received").column("group").column("status").numericColumn("reported improvement")
                .numericColumn("budget left");
        for (Store.SubmissionRow r : mine) {
            String status = r.accepted() != null ? (r.accepted() ? "accepted" : "rejected") : r.state();
            t.row("submission-" + r.id(), List.of(Long.toString(r.id()), Instant.ofEpochMilli(r.receivedAt()).toString(),
                    r.groupKind().equals("cel") ? r.groupText() : "learned group (ONNX)",
                    r.message() == null ? status : status + ": " + r.message(),
                    r.reportedImprovement() == null ? "" : Formats.fixed(r.reportedImprovement(), 4),
                    r.budgetLeft() == null ? "" : Integer.toString(r.budgetLeft())));
        }
        page.section("submissions", "Your submissions", t.rowCount() == 0 ? Html.element("p", "fh-note", "None yet.") : t.render());
        send(ctx, page);
    }

    private void checkPage(Context ctx) {
        Principal who = BountyServer.principal(ctx);
        Program.CheckResult r = server.check(ctx, who.programId());
        Html.Page page = base(ctx, "Check on the public rows");
        Html.Table t = Html.table().column("quantity").numericColumn("value");
        t.row("public rows in the group", r.groupRows() + " of " + r.rows());
        t.row("loss of the current model on the group", Formats.fixed(r.lossCurrent(), 4));
        t.row("loss of your model on the group", Formats.fixed(r.lossCandidate(), 4));
        t.row("gain μ(g)·(L(f,g) − L(h,g))", Formats.fixed(r.gain(), 5));
        t.row("α", Formats.number(r.alpha()));
        t.row("would pass on these rows", r.wouldPass() ? "yes" : "no");
        page.add(t.render());
        page.add(Html.element("p", "fh-note", "Computed on the public training rows only: nothing was recorded and no budget was spent. "
                + "The holdout decides."));
        page.add(Html.raw("<p><a href=\"/team\">Back</a></p>"));
        send(ctx, page);
    }
}

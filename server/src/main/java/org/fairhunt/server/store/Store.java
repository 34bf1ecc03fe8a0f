package org.fairhunt.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fairhunt.server.Principal;
import org.fairhunt.server.Role;
import org.fairhunt.server.http.Problem;

/**
 * The service's record, one method per question or change. Every change also appends to the audit
 * log inside the same transaction, so no write exists without its "who and when".
 */
public final class Store {
    private final Database db;
    private final java.time.Clock clock;

    public Store(Database db, java.time.Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Database database() {
        return db;
    }

    long now() {
        return clock.millis();
    }

    // ---- records -------------------------------------------------------------------------------

    /** A program as the service knows it; its data and decisions live in the engine's directory. */
    public record ProgramRow(long id, String name, String engineDir, String state, Long opensAt, Long closesAt, long createdAt,
            String createdBy) {
        /** Whether submissions are taken at {@code now}. */
        public boolean acceptsSubmissions(long now) {
            return "open".equals(state) && (opensAt == null || now >= opensAt) && (closesAt == null || now < closesAt);
        }
    }

    public record TeamRow(long id, long programId, String name, long createdAt) {
    }

    /** A queued or finished submission. */
    public record SubmissionRow(long id, long programId, long teamId, String teamName, long receivedAt, String state,
            String groupKind, String groupText, String groupBlob, String modelBlob, String modelName, Boolean accepted,
            Double reportedImprovement, Integer budgetLeft, String message, String operatorNote, Long engineSubmissionId,
            Long decidedAt, Double verifyMs, String outcome) {
    }

    public record AuditEntry(long id, long at, String actor, String action, String target, String detail) {
    }

    // ---- audit log -----------------------------------------------------------------------------

    void audit(Connection c, String actor, String action, String target, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log(at, actor, action, target, detail) VALUES (?,?,?,?,?)")) {
            ps.setLong(1, now());
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, detail);
            ps.executeUpdate();
        }
    }

    public List<AuditEntry> auditLog(int limit) {
        return db.read(c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        });
    }

    // ---- organizers and tokens ------------------------------------------------------------------

    public int organizerCount() {
        return db.read(c -> count(c, "SELECT count(*) FROM organizers"));
    }

    /** Creates an organizer and returns its token (shown once; only the hash is kept). */
    public String createOrganizer(String actor, String name, Long expiresAt) {
        String token = Tokens.newSecret("fho_");
        db.write(c -> {
            if (count(c, "SELECT count(*) FROM organizers WHERE name = ?", name) > 0) {
                throw Problem.conflict("an organizer named '" + name + "' exists already");
            }
            long id = insert(c, "INSERT INTO organizers(name, created_at) VALUES (?, ?)", name, now());
            insertToken(c, Tokens.hash(token), "organizer", id, null, expiresAt);
            audit(c, actor, "create-organizer", "organizer:" + name, null);
            return id;
        });
        return token;
    }

    private void insertToken(Connection c, String hash, String role, Long organizerId, Long teamId, Long expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tokens(hash, role, organizer_id, team_id, created_at, expires_at) VALUES (?,?,?,?,?,?)")) {
            ps.setString(1, hash);
            ps.setString(2, role);
            setLong(ps, 3, organizerId);
            setLong(ps, 4, teamId);
            ps.setLong(5, now());
            setLong(ps, 6, expiresAt);
            ps.executeUpdate();
        }
    }

    /** Why a token was refused, so the 401 can say so (without saying whose it was). */
    public enum TokenProblem { UNKNOWN, EXPIRED, REVOKED }

    /** The principal a token proves, or the reason it proves nothing. */
    public record TokenCheck(Principal principal, TokenProblem problem) {
    }

    public TokenCheck principalOfTokenHash(String hash) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT t.role, t.organizer_id, t.team_id, t.expires_at, t.revoked_at, o.name, tm.name, tm.program_id "
                            + "FROM tokens t LEFT JOIN organizers o ON o.id = t.organizer_id LEFT JOIN teams tm ON tm.id = t.team_id "
                            + "WHERE t.hash = ?")) {
                ps.setString(1, hash);
                ResultSet rs = ps.executeQuery();
                if (!rs.next()) {
                    return new TokenCheck(null, TokenProblem.UNKNOWN);
                }
                if (rs.getObject(5) != null) {
                    return new TokenCheck(null, TokenProblem.REVOKED);
                }
                if (rs.getObject(4) != null && rs.getLong(4) <= now()) {
                    return new TokenCheck(null, TokenProblem.EXPIRED);
                }
                if ("organizer".equals(rs.getString(1))) {
                    return new TokenCheck(new Principal(Role.ORGANIZER, rs.getLong(2), 0, 0, rs.getString(6), hash, false, null), null);
                }
                return new TokenCheck(new Principal(Role.TEAM, 0, rs.getLong(8), rs.getLong(3), rs.getString(7), hash, false, null), null);
            }
        });
    }

    // ---- sessions ------------------------------------------------------------------------------

    public void createSession(String sessionHash, String tokenHash, String csrf, long expiresAt) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions(hash, token_hash, csrf, created_at, expires_at) VALUES (?,?,?,?,?)")) {
                ps.setString(1, sessionHash);
                ps.setString(2, tokenHash);
                ps.setString(3, csrf);
                ps.setLong(4, now());
                ps.setLong(5, expiresAt);
                ps.executeUpdate();
            }
            // expired sessions are removed here rather than by a timer: sign-ins are rare and cheap
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
                ps.setLong(1, now());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The session's token hash and CSRF token, if the session exists and has not expired. */
    public Optional<String[]> session(String sessionHash) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash, csrf, expires_at FROM sessions WHERE hash = ?")) {
                ps.setString(1, sessionHash);
                ResultSet rs = ps.executeQuery();
                if (!rs.next() || rs.getLong(3) <= now()) {
                    return Optional.empty();
                }
                return Optional.of(new String[] {rs.getString(1), rs.getString(2)});
            }
        });
    }

    public void deleteSession(String sessionHash) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE hash = ?")) {
                ps.setString(1, sessionHash);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---- programs and teams --------------------------------------------------------------------

    public long insertProgram(String actor, String name, String engineDir, Long opensAt, Long closesAt) {
        return db.write(c -> {
            if (count(c, "SELECT count(*) FROM programs WHERE name = ?", name) > 0) {
                throw new Problem(409, "Conflict", "a program named '" + name + "' exists already", "name");
            }
            long id = insert(c, "INSERT INTO programs(name, engine_dir, state, opens_at, closes_at, created_at, created_by) "
                    + "VALUES (?,?,'open',?,?,?,?)", name, engineDir, opensAt, closesAt, now(), actor);
            audit(c, actor, "create-program", "program:" + id, name);
            return id;
        });
    }

    public boolean programNameTaken(String name) {
        return db.read(c -> count(c, "SELECT count(*) FROM programs WHERE name = ?", name) > 0);
    }

    public List<ProgramRow> programs() {
        return db.read(c -> {
            List<ProgramRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(PROGRAM_SELECT + " ORDER BY id")) {
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    out.add(program(rs));
                }
            }
            return out;
        });
    }

    public ProgramRow program(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(PROGRAM_SELECT + " WHERE id = ?")) {
                ps.setLong(1, id);
                ResultSet rs = ps.executeQuery();
                if (!rs.next()) {
                    throw Problem.notFound("no program " + id);
                }
                return program(rs);
            }
        });
    }

    private static final String PROGRAM_SELECT = "SELECT id, name, engine_dir, state, opens_at, closes_at, created_at, created_by FROM programs";

    private static ProgramRow program(ResultSet rs) throws SQLException {
        return new ProgramRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), (Long) longOrNull(rs, 5),
                (Long) longOrNull(rs, 6), rs.getLong(7), rs.getString(8));
    }

    public void setProgramState(String actor, long id, String state) {
        db.write(c -> {
            String current = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM programs WHERE id = ?")) {
                ps.setLong(1, id);
                ResultSet rs = ps.executeQuery();
                if (rs.next()) {
                    current = rs.getString(1);
                }
            }
            if (current == null) {
                throw Problem.notFound("no program " + id);
            }
            if ("closed".equals(current) && !"closed".equals(state)) {
                throw Problem.conflict("program " + id + " is closed; a closed program does not reopen");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE programs SET state = ? WHERE id = ?")) {
                ps.setString(1, state);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            audit(c, actor, "set-state", "program:" + id, current + " -> " + state);
            return null;
        });
    }

    /** Creates a team of a program and returns its token (shown once). */
    public String createTeam(String actor, long programId, String name, Long expiresAt) {
        String token = Tokens.newSecret("fht_");
        db.write(c -> {
            if (count(c, "SELECT count(*) FROM programs WHERE id = ?", programId) == 0) {
                throw Problem.notFound("no program " + programId);
            }
            if (count(c, "SELECT count(*) FROM teams WHERE program_id = ? AND name = ?", programId, name) > 0) {
                throw new Problem(409, "Conflict", "program " + programId + " has a team named '" + name + "' already", "name");
            }
            long id = insert(c, "INSERT INTO teams(program_id, name, created_at) VALUES (?,?,?)", programId, name, now());
            insertToken(c, Tokens.hash(token), "team", null, id, expiresAt);
            audit(c, actor, "invite-team", "program:" + programId + "/team:" + name, null);
            return id;
        });
        return token;
    }

    /** Revokes every token of a team and issues a new one (shown once). */
    public String rotateTeamToken(String actor, long programId, String name, Long expiresAt) {
        String token = Tokens.newSecret("fht_");
        db.write(c -> {
            TeamRow t = team(c, programId, name).orElseThrow(() -> Problem.notFound("program " + programId + " has no team '" + name + "'"));
            try (PreparedStatement ps = c.prepareStatement("UPDATE tokens SET revoked_at = ? WHERE team_id = ? AND revoked_at IS NULL")) {
                ps.setLong(1, now());
                ps.setLong(2, t.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM sessions WHERE token_hash IN (SELECT hash FROM tokens WHERE team_id = ?)")) {
                ps.setLong(1, t.id());
                ps.executeUpdate();
            }
            insertToken(c, Tokens.hash(token), "team", null, t.id(), expiresAt);
            audit(c, actor, "rotate-token", "program:" + programId + "/team:" + name, null);
            return null;
        });
        return token;
    }

    public List<TeamRow> teams(long programId) {
        return db.read(c -> {
            List<TeamRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, program_id, name, created_at FROM teams WHERE program_id = ? ORDER BY id")) {
                ps.setLong(1, programId);
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    out.add(new TeamRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    private Optional<TeamRow> team(Connection c, long programId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, program_id, name, created_at FROM teams WHERE program_id = ? AND name = ?")) {
            ps.setLong(1, programId);
            ps.setString(2, name);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(new TeamRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4))) : Optional.empty();
        }
    }

    // ---- blobs -----------------------------------------------------------------------------------

    private void putBlob(Connection c, String hash, byte[] bytes) throws SQLException {
        if (count(c, "SELECT count(*) FROM blobs WHERE hash = ?", hash) > 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO blobs(hash, bytes) VALUES (?, ?)")) {
            ps.setString(1, hash);
            ps.setBytes(2, bytes);
            ps.executeUpdate();
        }
    }

    public byte[] blob(String hash) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM blobs WHERE hash = ?")) {
                ps.setString(1, hash);
                ResultSet rs = ps.executeQuery();
                if (!rs.next()) {
                    throw new IllegalStateException("blob " + hash + " is missing from the record");
                }
                return rs.getBytes(1);
            }
        });
    }

    // ---- the verification queue --------------------------------------------------------------

    /** What a team sent, inspected at the receipt (CEL type-checked, ONNX structure); no model has run yet. */
    public record NewSubmission(String groupKind, String groupText, byte[] groupModel, byte[] model, String modelName) {
    }

    /**
     * Appends a submission to the queue in one transaction, after checking the team's budget (decided,
     * refused-on-holdout and queued submissions all count, so queueing cannot outrun the budget; only
     * those the worker refused on the public rows do not, see {@link #markRefused}).
     */
    public long enqueue(Principal team, int budget, NewSubmission s) {
        return db.write(c -> {
            if (!db.isSqlite()) {
                // PostgreSQL: lock the team's row so two concurrent submissions cannot both pass the budget check
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM teams WHERE id = ? FOR UPDATE")) {
                    ps.setLong(1, team.teamId());
                    ps.executeQuery().close();
                }
            }
            int used = count(c, CHARGED, team.teamId());
            if (used >= budget) {
                throw new Problem(403, "Budget used", "team " + team.displayName() + " has used its budget of " + budget
                        + " submissions", null);
            }
            String modelHash = Tokens.sha256(s.model());
            putBlob(c, modelHash, s.model());
            String groupHash = null;
            if (s.groupModel() != null) {
                groupHash = Tokens.sha256(s.groupModel());
                putBlob(c, groupHash, s.groupModel());
            }
            long id = insert(c, "INSERT INTO submissions(program_id, team_id, received_at, state, group_kind, group_text, group_blob, "
                    + "model_blob, model_name) VALUES (?,?,?,'queued',?,?,?,?,?)", team.programId(), team.teamId(), now(), s.groupKind(),
                    s.groupText(), groupHash, modelHash, s.modelName());
            audit(c, team.auditName(), "submit", "submission:" + id, "program:" + team.programId());
            return id;
        });
    }

    private static final String CHARGED = "SELECT count(*) FROM submissions WHERE team_id = ? AND charged = 1";

    /** Submissions charged to the team's budget. */
    public int usedBudget(long teamId) {
        return db.read(c -> count(c, CHARGED, teamId));
    }

    private static final String SUBMISSION_SELECT = "SELECT s.id, s.program_id, s.team_id, t.name, s.received_at, s.state, s.group_kind, "
            + "s.group_text, s.group_blob, s.model_blob, s.model_name, s.accepted, s.reported_improvement, s.budget_left, s.message, "
            + "s.operator_note, s.engine_submission_id, s.decided_at, s.verify_ms, s.outcome FROM submissions s JOIN teams t ON t.id = s.team_id";

    private static SubmissionRow submission(ResultSet rs) throws SQLException {
        Object acc = rs.getObject(12);
        return new SubmissionRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                acc == null ? null : ((Number) acc).intValue() == 1, (Double) doubleOrNull(rs, 13), (Integer) intOrNull(rs, 14),
                rs.getString(15), rs.getString(16), (Long) longOrNull(rs, 17), (Long) longOrNull(rs, 18), (Double) doubleOrNull(rs, 19),
                rs.getString(20));
    }

    public Optional<SubmissionRow> submission(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUBMISSION_SELECT + " WHERE s.id = ?")) {
                ps.setLong(1, id);
                ResultSet rs = ps.executeQuery();
                return rs.next() ? Optional.of(submission(rs)) : Optional.empty();
            }
        });
    }

    public List<SubmissionRow> submissionsOfTeam(long teamId) {
        return list(SUBMISSION_SELECT + " WHERE s.team_id = ? ORDER BY s.id", teamId);
    }

    public List<SubmissionRow> submissionsOfProgram(long programId) {
        return list(SUBMISSION_SELECT + " WHERE s.program_id = ? ORDER BY s.id", programId);
    }

    public List<SubmissionRow> allSubmissions() {
        return list(SUBMISSION_SELECT + " ORDER BY s.id");
    }

    private List<SubmissionRow> list(String sql, Object... args) {
        return db.read(c -> {
            List<SubmissionRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    out.add(submission(rs));
                }
            }
            return out;
        });
    }

    /** The oldest queued submission of a program that is not paused (arrival order across programs). */
    public Optional<SubmissionRow> nextQueued() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUBMISSION_SELECT
                    + " JOIN programs p ON p.id = s.program_id WHERE s.state = 'queued' AND p.state <> 'paused' ORDER BY s.id LIMIT 1")) {
                ResultSet rs = ps.executeQuery();
                return rs.next() ? Optional.of(submission(rs)) : Optional.empty();
            }
        });
    }

    public int queueDepth() {
        return db.read(c -> count(c, "SELECT count(*) FROM submissions WHERE state = 'queued'"));
    }

    /** Number of the program's submissions the engine has recorded (the worker's reconciliation). */
    public int engineRecorded(long programId) {
        return db.read(c -> count(c, "SELECT count(*) FROM submissions WHERE program_id = ? AND engine_submission_id IS NOT NULL", programId));
    }

    /**
     * Records the engine's outcome for a queued submission: {@code decided} (accepted, rejected) or
     * {@code refused} (refused or failed on the holdout: recorded and charged by the engine, told without
     * numbers). A no-op (false) when the row is not queued any more.
     */
    public boolean markDecided(long id, org.fairhunt.server.engine.EngineHandle.Verdict v, double verifyMs) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE submissions SET state = ?, accepted = ?, reported_improvement = ?, "
                    + "budget_left = ?, engine_submission_id = ?, operator_note = ?, message = ?, decided_at = ?, verify_ms = ?, outcome = ? "
                    + "WHERE id = ? AND state = 'queued'")) {
                ps.setString(1, v.decided() ? "decided" : "refused");
                if (v.decided()) {
                    ps.setInt(2, v.outcome().equals("accepted") ? 1 : 0);
                    ps.setDouble(3, v.reportedImprovement());
                } else {
                    ps.setNull(2, Types.INTEGER);
                    ps.setNull(3, Types.DOUBLE);
                }
                ps.setInt(4, v.budgetLeft());
                ps.setLong(5, v.engineSubmissionId());
                ps.setString(6, v.operatorNote());
                ps.setString(7, v.publicMessage());
                ps.setLong(8, now());
                ps.setDouble(9, verifyMs);
                ps.setString(10, v.outcome());
                ps.setLong(11, id);
                boolean changed = ps.executeUpdate() == 1;
                if (changed) {
                    audit(c, "verifier", v.outcome(), "submission:" + id, null);
                }
                return changed;
            }
        });
    }

    /**
     * Records that a queued submission was refused without an engine decision: {@code message} for the
     * team, {@code note} for the organizer. {@code charged} false (refused on the public rows, before
     * the holdout) gives the budget slot back.
     */
    public boolean markRefused(long id, String message, String operatorNote, double verifyMs, boolean charged) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE submissions SET state = 'refused', message = ?, operator_note = ?, "
                    + "decided_at = ?, verify_ms = ?, charged = ?, outcome = ? WHERE id = ? AND state = 'queued'")) {
                ps.setString(1, message);
                ps.setString(2, operatorNote);
                ps.setLong(3, now());
                ps.setDouble(4, verifyMs);
                ps.setInt(5, charged ? 1 : 0);
                // charged: refused after repeated internal errors; free: refused on the public rows
                ps.setString(6, charged ? "error" : "invalid");
                ps.setLong(7, id);
                boolean changed = ps.executeUpdate() == 1;
                if (changed) {
                    audit(c, "verifier", charged ? "refuse" : "refuse-public", "submission:" + id, null);
                }
                return changed;
            }
        });
    }

    public void auditEvent(String actor, String action, String target, String detail) {
        db.write(c -> {
            audit(c, actor, action, target, detail);
            return null;
        });
    }

    // ---- helpers -------------------------------------------------------------------------------

    static int count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            ResultSet keys = ps.getGeneratedKeys();
            keys.next();
            return keys.getLong(1);
        }
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (a instanceof String s) {
                ps.setString(i + 1, s);
            } else if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                throw new IllegalArgumentException("unsupported parameter " + a.getClass());
            }
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static Object longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Object intOrNull(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Object doubleOrNull(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }
}

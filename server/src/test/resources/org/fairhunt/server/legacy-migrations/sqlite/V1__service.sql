-- The service's own record (the bounty engine keeps its decisions in its own store).
-- Times are epoch milliseconds (UTC). Tokens and session ids are stored as SHA-256 hex only.
CREATE TABLE organizers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE TABLE programs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    engine_dir TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
    opens_at BIGINT,
    closes_at BIGINT,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE TABLE teams (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id BIGINT NOT NULL REFERENCES programs(id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (program_id, name)
);
CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('organizer', 'team')),
    organizer_id BIGINT REFERENCES organizers(id),
    team_id BIGINT REFERENCES teams(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT
);
CREATE TABLE sessions (
    hash TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL REFERENCES tokens(hash),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE blobs (
    hash TEXT PRIMARY KEY,
    bytes BLOB NOT NULL
);
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id BIGINT NOT NULL REFERENCES programs(id),
    team_id BIGINT NOT NULL REFERENCES teams(id),
    received_at BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'decided', 'refused')),
    group_kind TEXT NOT NULL CHECK (group_kind IN ('cel', 'onnx')),
    group_text TEXT,
    group_blob TEXT REFERENCES blobs(hash),
    model_blob TEXT NOT NULL REFERENCES blobs(hash),
    model_name TEXT NOT NULL,
    accepted INTEGER,
    reported_improvement DOUBLE PRECISION,
    budget_left INTEGER,
    message TEXT,
    operator_note TEXT,
    engine_submission_id BIGINT,
    decided_at BIGINT,
    verify_ms DOUBLE PRECISION
);
CREATE INDEX submissions_queue ON submissions (state, id);
CREATE INDEX submissions_team ON submissions (team_id, id);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT
);

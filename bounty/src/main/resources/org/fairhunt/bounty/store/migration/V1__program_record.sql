-- The bounty record: programs, their splits and models, submitted groups, submissions and the
-- pointer decision list's nodes. One file for SQLite and PostgreSQL: only types both understand
-- (TEXT, INTEGER, BIGINT, DOUBLE PRECISION, BYTEA: SQLite stores a blob unchanged in any column),
-- ids assigned by the store inside its write transaction (no AUTOINCREMENT / SERIAL dialects).

CREATE TABLE programs (
    id             BIGINT PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    settings       TEXT NOT NULL,
    feature_schema TEXT NOT NULL,
    columns        TEXT NOT NULL,
    base_model     TEXT NOT NULL,
    created        TEXT NOT NULL
);

-- A split in SplitFormat (versioned columnar binary), one block per split.
CREATE TABLE splits (
    program_id BIGINT NOT NULL REFERENCES programs(id),
    split      TEXT NOT NULL,
    row_count  INTEGER NOT NULL,
    format     INTEGER NOT NULL,
    data       BYTEA NOT NULL,
    PRIMARY KEY (program_id, split)
);

-- ONNX files by SHA-256, stored in the same transaction as the record that refers to them.
CREATE TABLE models (
    program_id BIGINT NOT NULL REFERENCES programs(id),
    hash       TEXT NOT NULL,
    role       TEXT NOT NULL,
    size       BIGINT NOT NULL,
    data       BYTEA NOT NULL,
    PRIMARY KEY (program_id, hash)
);

-- A submitted group; holdout_rows are its member rows of the holdout (delta-coded), kept for the
-- replay and for the near-duplicate rule, never shown.
CREATE TABLE submitted_groups (
    program_id   BIGINT NOT NULL REFERENCES programs(id),
    id           BIGINT NOT NULL,
    kind         TEXT NOT NULL,
    expression   TEXT,
    model_hash   TEXT,
    features     TEXT NOT NULL,
    holdout_rows BYTEA,
    PRIMARY KEY (program_id, id)
);

-- outcome: accepted, rejected (decided on the holdout), refused (near-duplicate group: no answer),
-- failed (the model or group failed on the holdout: no numbers). Every one is charged to the budget.
CREATE TABLE submissions (
    program_id           BIGINT NOT NULL REFERENCES programs(id),
    id                   BIGINT NOT NULL,
    team                 TEXT NOT NULL,
    at                   TEXT NOT NULL,
    group_id             BIGINT NOT NULL,
    model_hash           TEXT NOT NULL,
    outcome              TEXT NOT NULL,
    reason               TEXT NOT NULL,
    group_size           INTEGER,
    group_share          DOUBLE PRECISION,
    loss_current         DOUBLE PRECISION,
    loss_candidate       DOUBLE PRECISION,
    gain                 DOUBLE PRECISION,
    alpha                DOUBLE PRECISION,
    p_value              DOUBLE PRECISION,
    reported_improvement DOUBLE PRECISION NOT NULL,
    version_before       INTEGER NOT NULL,
    version_after        INTEGER NOT NULL,
    error_before         DOUBLE PRECISION,
    error_after          DOUBLE PRECISION,
    PRIMARY KEY (program_id, id),
    FOREIGN KEY (program_id, group_id) REFERENCES submitted_groups(program_id, id)
);
CREATE INDEX submissions_by_team ON submissions (program_id, team);

-- Version v of the list. An accept node keeps its model's holdout predictions on its group's rows
-- (float64, in row order), so reopening a program replays the list without running any model.
CREATE TABLE nodes (
    program_id     BIGINT NOT NULL REFERENCES programs(id),
    version        INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    group_id       BIGINT NOT NULL,
    model_hash     TEXT,
    target_version INTEGER,
    submission_id  BIGINT NOT NULL,
    holdout_error  DOUBLE PRECISION NOT NULL,
    predictions    BYTEA,
    PRIMARY KEY (program_id, version),
    FOREIGN KEY (program_id, submission_id) REFERENCES submissions(program_id, id)
);

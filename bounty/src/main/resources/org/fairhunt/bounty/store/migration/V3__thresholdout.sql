-- Thresholdout (the reusable holdout, an optional program setting). The seed of its noise is drawn on
-- the first answer and kept here, never in the settings (which the public kit shows). Each answered
-- query keeps its statistic on the public rows and on the holdout, and the answer revealed, so that
-- reopening a program replays the mechanism from the seed and checks every answer.
ALTER TABLE programs ADD COLUMN thresholdout_seed BIGINT;

CREATE TABLE thresholdout_answers (
    program_id     BIGINT NOT NULL REFERENCES programs(id),
    submission_id  BIGINT NOT NULL,
    train_value    DOUBLE PRECISION NOT NULL,
    holdout_value  DOUBLE PRECISION NOT NULL,
    answer         DOUBLE PRECISION NOT NULL,
    over_threshold INTEGER NOT NULL,
    PRIMARY KEY (program_id, submission_id)
);

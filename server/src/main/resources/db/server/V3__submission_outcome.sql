-- How each finished submission ended, as one column that the API publishes (`outcome` in the submission
-- JSON) and clients branch on, instead of reading it from the message text: accepted or rejected (decided
-- by the engine), refused (the engine refused a near-duplicate group without a verdict), failed (the group
-- or the model failed on the holdout), invalid (refused on the public rows, not charged), error (could
-- not be verified after repeated internal errors). NULL while queued. Portable SQL: no placeholders.
ALTER TABLE submissions ADD COLUMN outcome TEXT;
UPDATE submissions SET outcome = CASE
    WHEN state = 'decided' AND accepted = 1 THEN 'accepted'
    WHEN state = 'decided' THEN 'rejected'
    WHEN state = 'refused' AND charged = 0 THEN 'invalid'
    WHEN state = 'refused' AND engine_submission_id IS NULL THEN 'error'
    WHEN state = 'refused' AND operator_note LIKE 'failed:%' THEN 'failed'
    WHEN state = 'refused' THEN 'refused'
END;

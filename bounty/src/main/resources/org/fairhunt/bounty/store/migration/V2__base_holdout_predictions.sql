-- The base model's predictions on the holdout (float64 per row, little-endian), written when the
-- program is created, so that opening it to decide a submission runs no model but the candidate.
-- Programs created before this migration have none; they run the base model as before.
ALTER TABLE programs ADD COLUMN base_holdout_predictions BYTEA;

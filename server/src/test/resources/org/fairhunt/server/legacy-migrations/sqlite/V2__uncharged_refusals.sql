-- A submission refused by the verification worker on the public rows (before the holdout) is not
-- charged to the team's budget, as in the bounty engine: its reason is public and it says nothing
-- about the holdout. Every other row counts (queued, decided, refused or failed on the holdout,
-- refused after repeated internal errors).
ALTER TABLE submissions ADD COLUMN charged INTEGER NOT NULL DEFAULT 1;

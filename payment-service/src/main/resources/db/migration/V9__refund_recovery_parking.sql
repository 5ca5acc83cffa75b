-- Recovery of card refunds left pending (CardRecovery), parked like captures (V7).
-- A pending card refund the acquirer cannot resolve (its outcome unknown, or made with another amount) is asked about
-- again every round; after payguard.payment.recovery.max-attempts rounds it is parked (recovery_parked_at set): it
-- stays pending (never guessed), the job stops picking it, and an operator resolves it (gauge
-- payguard.payment.card.recovery.parked-refunds). Setting recovery_parked_at back to NULL (and recovery_attempts to 0)
-- hands it back to the job:
--   UPDATE refund SET recovery_parked_at = NULL, recovery_attempts = 0 WHERE id = ...;
-- Both columns are metadata-only additions (constant default).
ALTER TABLE refund ADD COLUMN recovery_attempts INT NOT NULL DEFAULT 0;
ALTER TABLE refund ADD COLUMN recovery_parked_at TIMESTAMPTZ;

-- The job's selection skips parked refunds through the index predicate (replaces the V7 index).
-- On a large live table create these with CREATE INDEX CONCURRENTLY outside a transaction instead.
DROP INDEX refund_pending_idx;
CREATE INDEX refund_pending_idx ON refund (created_at) WHERE status = 'pending' AND recovery_parked_at IS NULL;
-- The parked refunds still pending (the gauge counts them each round): normally none, so a tiny index.
CREATE INDEX refund_recovery_parked_idx ON refund (recovery_parked_at) WHERE status = 'pending' AND recovery_parked_at IS NOT NULL;

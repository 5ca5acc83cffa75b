-- Recovery of card payments (CardRecovery).
-- A capture whose outcome the acquirer cannot tell is asked about again every round; after
-- payguard.payment.recovery.max-attempts rounds it is parked (recovery_parked_at set): the job stops picking it and
-- an operator resolves it (gauge payguard.payment.card.recovery.parked). Setting recovery_parked_at back to NULL
-- (and recovery_attempts to 0) hands it back to the job. Both columns are metadata-only additions (constant default).
ALTER TABLE payment_intent ADD COLUMN recovery_attempts INT NOT NULL DEFAULT 0;
ALTER TABLE payment_intent ADD COLUMN recovery_parked_at TIMESTAMPTZ;

-- The job's selection skips parked payments through the index predicate (replaces the V5 index).
-- On a large live table create these with CREATE INDEX CONCURRENTLY outside a transaction instead.
DROP INDEX payment_intent_card_processing_idx;
CREATE INDEX payment_intent_card_processing_idx ON payment_intent (updated_at)
    WHERE status = 'processing' AND method = 'card' AND recovery_parked_at IS NULL;
-- The parked payments still in processing (the gauge counts them each round): normally none, so a tiny index.
CREATE INDEX payment_intent_recovery_parked_idx ON payment_intent (recovery_parked_at)
    WHERE status = 'processing' AND recovery_parked_at IS NOT NULL;

-- Card refunds left pending by a replica that died between the acquirer call and recording its answer: pending
-- refunds are few at any time (an answered refund leaves the index).
CREATE INDEX refund_pending_idx ON refund (created_at) WHERE status = 'pending';

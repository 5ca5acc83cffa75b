-- Retention (WalletRetention): the purge deletes the oldest rows by created_at in small batches; these indexes let each
-- batch find its rows without scanning the table. B-tree rather than BRIN (processed_event's choice): the purge frees
-- pages that new rows then fill, so block ranges would soon span every age and a BRIN index would stop narrowing.
-- On a large live table create these with CREATE INDEX CONCURRENTLY outside a transaction instead.
CREATE INDEX command_answer_created_at_idx ON command_answer (created_at);
CREATE INDEX idempotency_record_created_at_idx ON idempotency_record (created_at);

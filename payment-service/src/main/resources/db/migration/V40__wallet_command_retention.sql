-- Retention of answered wallet commands (WalletCommandPurge deletes those answered longer ago than the retention, in
-- small batches): only answered rows are indexed, so the resender's pending index and this one never overlap.
-- On a large live table create it with CREATE INDEX CONCURRENTLY outside a transaction instead.
CREATE INDEX wallet_command_answered_at_idx ON wallet_command (answered_at) WHERE answered_at IS NOT NULL;

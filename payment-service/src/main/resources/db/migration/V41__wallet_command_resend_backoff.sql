-- How often a wallet command was re-sent: the wait before the next re-send doubles with it (WalletCommandResender),
-- so a command whose answer stays away for long is re-sent every few minutes, not every 30 s.
ALTER TABLE wallet_command ADD COLUMN resend_count INT NOT NULL DEFAULT 0;

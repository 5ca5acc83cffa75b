-- Issue 18 (personal information protection): erasure of a customer's wallets.
-- A wallet being closed by an erasure request: prepare sets closing_request (no money moves in or out, refused
-- wallet_closing); abort clears it; commit closes the wallet (closed_at) and replaces the owner by the pseudonym.
ALTER TABLE account ADD COLUMN closing_request VARCHAR(64);
ALTER TABLE account ADD COLUMN closed_at TIMESTAMPTZ;

-- What an erasure request did here (and the retention hold of the closed wallets and their postings) is recorded in the
-- platform's privacy_outcome table (platform/protection db/platform V0_6), ended by its PrivacyHoldEnd.

-- Ledger rows stay immutable, with one exception: when a closed wallet's retention hold has ended, PrivacyHoldEnd
-- deletes its postings (the wallet's balance is zero, so balances still equal the sum of their postings and sum to
-- zero per currency). It asks for it in its own transaction with SET LOCAL payguard.ledger_erasure = 'on'.
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'posting'
            AND current_setting('payguard.ledger_erasure', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'ledger rows are immutable: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;

-- Issue 18 (personal information protection): erasure of a customer's wallets.
-- A wallet being closed by an erasure request: prepare sets closing_request (no money moves in or out, refused
-- wallet_closing); abort clears it; commit closes the wallet (closed_at) and replaces the owner by the pseudonym.
ALTER TABLE account ADD COLUMN closing_request VARCHAR(64);
ALTER TABLE account ADD COLUMN closed_at TIMESTAMPTZ;

-- What an erasure request did here, one row per data type: the answer to a redelivered commit, and the retention hold
-- of what was pseudonymised (until when, on which legal basis), ended by PrivacyHoldEnd when hold_until has passed.
CREATE TABLE privacy_outcome (
    request_id    VARCHAR(64)  NOT NULL,
    data_type     VARCHAR(64)  NOT NULL,
    position      INT          NOT NULL,
    action        VARCHAR(24)  NOT NULL CHECK (action IN ('erased', 'pseudonymised_held', 'kept')),
    record_count  BIGINT       NOT NULL CHECK (record_count >= 0),
    pseudonym     VARCHAR(64)  NOT NULL,
    hold_until    TIMESTAMPTZ,
    legal_basis   VARCHAR(300),
    created_at    TIMESTAMPTZ  NOT NULL,
    hold_ended_at TIMESTAMPTZ,
    deleted_count BIGINT,
    PRIMARY KEY (request_id, data_type),
    CONSTRAINT privacy_outcome_held_has_end CHECK ((action = 'pseudonymised_held') = (hold_until IS NOT NULL))
);
CREATE INDEX privacy_outcome_hold_due_idx ON privacy_outcome (hold_until) WHERE hold_ended_at IS NULL;

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

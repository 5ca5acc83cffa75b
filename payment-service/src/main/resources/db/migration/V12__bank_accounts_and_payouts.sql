-- Bank accounts customers register for payouts (issue 13 item 2): the account number and the holder's name only as
-- ciphertext of the protection kit (per-owner data key, bound to table, column, row and owner), a keyed-hash
-- fingerprint so one account is registered once per owner, and the displayable parts (bank code, last 4).
CREATE TABLE bank_account (
    id           VARCHAR(40)  PRIMARY KEY,
    owner        VARCHAR(200) NOT NULL,
    key_subject  VARCHAR(200) NOT NULL,
    number_enc   TEXT         NOT NULL,
    holder_enc   TEXT         NOT NULL,
    fingerprint  VARCHAR(128) NOT NULL,
    bank_code    VARCHAR(12)  NOT NULL,
    last4        CHAR(4)      NOT NULL,
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('active', 'removed')),
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX bank_account_owner_fingerprint_idx ON bank_account (owner, fingerprint) WHERE status = 'active';
CREATE INDEX bank_account_owner_idx ON bank_account (owner, created_at DESC);

-- A payout from a customer's wallet to their bank account: held on the wallet, sent to the bank through the payout
-- rail, and only then debited (settled into withdrawal clearing). An unknown outcome stays 'sent' until a query
-- resolves it; a payout the bank returns is credited back.
CREATE TABLE payout (
    id                VARCHAR(40)  PRIMARY KEY,
    customer_id       VARCHAR(128) NOT NULL,
    wallet_id         VARCHAR(40)  NOT NULL,
    bank_account_id   VARCHAR(40)  NOT NULL REFERENCES bank_account (id),
    amount_minor      BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency          CHAR(3)      NOT NULL,
    status            VARCHAR(16)  NOT NULL CHECK (status IN ('requested', 'held', 'sent', 'settling', 'paid', 'failed', 'returned')),
    hold_id           VARCHAR(64),
    rail_reference    VARCHAR(64),
    failure_reason    VARCHAR(64),
    debit_entry_id    VARCHAR(64),
    return_entry_id   VARCHAR(64),
    recovery_attempts INT          NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX payout_customer_idx ON payout (customer_id, created_at DESC);
-- what the recovery looks at: payouts whose bank outcome is not known yet
CREATE INDEX payout_unresolved_idx ON payout (updated_at) WHERE status IN ('held', 'sent');

-- How far the returns feed of each payout rail has been read.
CREATE TABLE payout_rail_cursor (
    rail      VARCHAR(40) PRIMARY KEY,
    position  BIGINT      NOT NULL
);

-- Customer-presented payment codes (PaymentCodeService): one-time, valid at most 60 s, bound to the customer, the
-- device key of the token that created it (cnf.jkt) and the funding source. The 18 digits are never stored: only their
-- keyed hash (digest, a KMS MAC through BlindIndex) to find a scanned code, and the last four digits to tell codes apart.
CREATE TABLE payment_code (
    id             VARCHAR(40)  PRIMARY KEY,
    digest         VARCHAR(64)  NOT NULL,
    customer_id    VARCHAR(128) NOT NULL,
    key_thumbprint VARCHAR(128) NOT NULL,
    funding        VARCHAR(16)  NOT NULL,
    level          CHAR(1)      NOT NULL,
    tail           CHAR(4)      NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    payment_id     VARCHAR(40),
    merchant_id    VARCHAR(128),
    used_at        TIMESTAMPTZ
);
-- A scanned code is found by its digest; two active codes never share one (the digits are random, so an old used code
-- may, and the newest answers for a refusal).
CREATE UNIQUE INDEX payment_code_active_digest_idx ON payment_code (digest) WHERE status = 'active';
CREATE INDEX payment_code_digest_idx ON payment_code (digest, created_at DESC);
-- The expiry job reads the active codes past their expiry, oldest first.
CREATE INDEX payment_code_active_expiry_idx ON payment_code (expires_at) WHERE status = 'active';

-- Charges of unknown codes per merchant and fixed window (enumeration protection: 429 past the limit).
CREATE TABLE payment_code_miss (
    merchant_id  VARCHAR(128) NOT NULL,
    window_start TIMESTAMPTZ  NOT NULL,
    misses       INT          NOT NULL,
    PRIMARY KEY (merchant_id, window_start)
);

-- A payment declined by the risk rules names the rules that declined it (comma-separated rule ids; the intent's
-- risk_rules). Metadata-only addition (no default).
ALTER TABLE payment_intent ADD COLUMN risk_rules TEXT;

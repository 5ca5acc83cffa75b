-- Payment intents: one row per intent, the sealed state flattened into status + its fields.
-- seq orders intents for keyset pagination (newest first) without exposing row counts.
CREATE TABLE payment_intent (
    id              VARCHAR(40)  PRIMARY KEY,
    seq             BIGSERIAL    NOT NULL UNIQUE,
    merchant_id     VARCHAR(128) NOT NULL,
    customer_id     VARCHAR(128),
    amount_minor    BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency        CHAR(3)      NOT NULL,
    description     VARCHAR(500),
    method          VARCHAR(16),
    capture_method  VARCHAR(16)  NOT NULL,
    metadata        TEXT         NOT NULL DEFAULT '{}',
    status          VARCHAR(32)  NOT NULL,
    step            VARCHAR(16),
    authorization_ref VARCHAR(128),
    state_amount    BIGINT       NOT NULL DEFAULT 0,
    reason          VARCHAR(64),
    refunded_minor  BIGINT       NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX payment_intent_merchant_seq_idx ON payment_intent (merchant_id, seq DESC);
CREATE INDEX payment_intent_merchant_status_idx ON payment_intent (merchant_id, status, seq DESC);

CREATE TABLE refund (
    id            VARCHAR(40)  PRIMARY KEY,
    payment_id    VARCHAR(40)  NOT NULL REFERENCES payment_intent (id),
    amount_minor  BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency      CHAR(3)      NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    reason        VARCHAR(64),
    created_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX refund_payment_idx ON refund (payment_id, created_at);

-- Wallet commands awaiting their answer: a command unanswered for too long is sent again with the same id
-- (the wallet answers a redelivered command with its stored answer), so a lost answer is recovered, never guessed.
CREATE TABLE wallet_command (
    id           UUID         PRIMARY KEY,
    payment_id   VARCHAR(40)  NOT NULL,
    type         VARCHAR(128) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    resend_after TIMESTAMPTZ  NOT NULL,
    answered_at  TIMESTAMPTZ
);
CREATE INDEX wallet_command_pending_idx ON wallet_command (resend_after) WHERE answered_at IS NULL;

-- Stripe-style idempotency keys, scoped to the caller. status 0 = the first request is still in flight;
-- locked_until lets a key whose first request died with its replica be taken over by the same request.
CREATE TABLE idempotency_key (
    scope         VARCHAR(200) NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    status        INT          NOT NULL,
    body          TEXT,
    created_at    TIMESTAMPTZ  NOT NULL,
    locked_until  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);

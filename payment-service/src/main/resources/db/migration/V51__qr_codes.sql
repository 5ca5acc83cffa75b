-- Merchant-presented QR codes (EMVCo MPM). The exact payload issued is kept: a scanned payload must equal it, so an
-- altered code (say, another amount with a recomputed CRC) is refused. The payload carries no secret.
CREATE TABLE qr_code (
    id           VARCHAR(40)  PRIMARY KEY,
    merchant_id  VARCHAR(128) NOT NULL,
    type         VARCHAR(16)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    reference    VARCHAR(64)  NOT NULL UNIQUE,
    payload      TEXT         NOT NULL,
    payment_id   VARCHAR(40)  REFERENCES payment_intent (id),
    amount_minor BIGINT,
    currency     CHAR(3)      NOT NULL,
    label        VARCHAR(64),
    expires_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL
);
-- the expiry round: active dynamic codes by expiry
CREATE INDEX qr_code_due_idx ON qr_code (expires_at) WHERE status = 'active' AND expires_at IS NOT NULL;

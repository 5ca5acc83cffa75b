-- Every risk assessment of a confirm, for velocity counts and audit (the decision also goes out on payment.events).
CREATE TABLE risk_assessment (
    id           BIGSERIAL    PRIMARY KEY,
    payment_id   VARCHAR(40)  NOT NULL,
    merchant_id  VARCHAR(128) NOT NULL,
    customer_id  VARCHAR(128),
    fingerprint  VARCHAR(128),
    ip           VARCHAR(64),
    amount_minor BIGINT       NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    rule_ids     TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX risk_assessment_customer_idx ON risk_assessment (customer_id, created_at);
CREATE INDEX risk_assessment_fingerprint_idx ON risk_assessment (fingerprint, created_at);
CREATE INDEX risk_assessment_ip_idx ON risk_assessment (ip, created_at);
CREATE INDEX payment_intent_customer_idx ON payment_intent (customer_id, created_at);

-- One-time-code challenges: only a keyed digest over code, amount, currency and payee is stored.
CREATE TABLE sca_challenge (
    payment_id  VARCHAR(40)  PRIMARY KEY REFERENCES payment_intent (id),
    digest      VARCHAR(128) NOT NULL,
    attempts    INT          NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    used        BOOLEAN      NOT NULL
);

-- Issue 17: WebAuthn authenticators (passkeys) of customers, their registrations, and the device-bound (dynamically
-- linked) challenge of a payment in requires_action.

-- A registered authenticator: its credential id (base64url, as the browser names it), COSE public key, signature
-- counter and AAGUID. Revoked ones are kept (who, when, why) and never verify again.
CREATE TABLE authenticator (
    id              VARCHAR(40)   PRIMARY KEY,
    customer_id     VARCHAR(128)  NOT NULL,
    credential_id   VARCHAR(1400) NOT NULL UNIQUE,
    public_key_cose TEXT          NOT NULL,
    sign_count      BIGINT        NOT NULL,
    aaguid          VARCHAR(36)   NOT NULL,
    name            VARCHAR(64)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    last_used_at    TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ,
    revoked_by      VARCHAR(128),
    revoke_reason   VARCHAR(500)
);
CREATE INDEX authenticator_customer_idx ON authenticator (customer_id, created_at);

-- A registration ceremony: its challenge is used once and expires.
CREATE TABLE authenticator_registration (
    id          VARCHAR(40)  PRIMARY KEY,
    customer_id VARCHAR(128) NOT NULL,
    challenge   VARCHAR(64)  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX authenticator_registration_expiry_idx ON authenticator_registration (expires_at);

-- The WebAuthn challenge of a payment's outstanding SCA challenge (challenge_id as in sca_challenge): only the random
-- nonce is kept; the challenge is SHA-256 over nonce and the linking text (payment id, amount, currency, payee),
-- recomputed from the payment as it is when the assertion arrives.
CREATE TABLE sca_device_challenge (
    payment_id   VARCHAR(40) PRIMARY KEY REFERENCES payment_intent (id),
    challenge_id VARCHAR(64) NOT NULL,
    nonce        VARCHAR(64) NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

-- Which rules named a payment (payguard.sca.device-required-rules: a one-time code is not enough) is read per payment.
CREATE INDEX risk_assessment_payment_idx ON risk_assessment (payment_id, id);

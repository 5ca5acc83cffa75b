-- Signed requests (issue 16): a merchant's request-signing public keys (RFC 9421, ed25519 or ecdsa-p256-sha256) and
-- whether its money-moving calls must be signed. Keys are never deleted, only revoked: a revoked key stays on record
-- for the audit trail. Existing merchants need not sign (optional) until they or an operator say otherwise.
ALTER TABLE merchant
    ADD COLUMN request_signing VARCHAR(8) NOT NULL DEFAULT 'optional'
        CHECK (request_signing IN ('required', 'optional'));

CREATE TABLE merchant_signing_key (
    id          UUID         PRIMARY KEY,
    merchant_id VARCHAR(41)  NOT NULL REFERENCES merchant (id),
    key_id      VARCHAR(64)  NOT NULL,
    alg         VARCHAR(32)  NOT NULL CHECK (alg IN ('ed25519', 'ecdsa-p256-sha256')),
    public_key  VARCHAR(1024) NOT NULL,
    status      VARCHAR(8)   NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    revoked_at  TIMESTAMPTZ,
    revoked_by  VARCHAR(200),
    UNIQUE (merchant_id, key_id)
);

-- API keys: only the SHA-256 of the secret is stored (the secret has 256 bits of randomness).
CREATE TABLE api_key (
    id           VARCHAR(40)  PRIMARY KEY,
    merchant_id  VARCHAR(128) NOT NULL,
    name         VARCHAR(64),
    kind         VARCHAR(16)  NOT NULL CHECK (kind IN ('SECRET', 'PUBLISHABLE', 'RESTRICTED')),
    mode         VARCHAR(8)   NOT NULL CHECK (mode IN ('TEST', 'LIVE')),
    scopes       VARCHAR(512) NOT NULL,
    secret_hash  CHAR(64)     NOT NULL UNIQUE,
    hint         VARCHAR(32)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    replaced_by  VARCHAR(40),
    last_used_at TIMESTAMPTZ,
    CHECK (expires_at IS NULL OR expires_at > created_at)
);
CREATE INDEX api_key_merchant_idx ON api_key (merchant_id, created_at DESC);

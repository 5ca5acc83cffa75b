-- Merchants' webhook endpoints (auth-service README, "Webhooks"). Signing secrets are stored sealed by the data
-- protection kit (envelope encryption under a per-endpoint data key), never in clear; a deleted endpoint keeps its row
-- (its deliveries refer to it) without secrets, and its data key is shredded.
CREATE TABLE webhook_endpoint (
    id                         VARCHAR(40)   PRIMARY KEY,
    merchant_id                VARCHAR(128)  NOT NULL,
    mode                       VARCHAR(8)    NOT NULL CHECK (mode IN ('test', 'live')),
    url                        VARCHAR(2048) NOT NULL,
    description                VARCHAR(256),
    -- ',type,type,' (or ',*,'): matched with position(',' || type || ',' IN enabled_events)
    enabled_events             VARCHAR(2200) NOT NULL,
    status                     VARCHAR(16)   NOT NULL CHECK (status IN ('enabled', 'disabled', 'deleted')),
    disabled_reason            VARCHAR(16),
    secret_ciphertext          TEXT,
    previous_secret_ciphertext TEXT,
    previous_secret_expires_at TIMESTAMPTZ,
    secret_key_version         INTEGER,
    failing_since              TIMESTAMPTZ,
    created_at                 TIMESTAMPTZ   NOT NULL,
    updated_at                 TIMESTAMPTZ   NOT NULL,
    CHECK (status = 'deleted' OR (secret_ciphertext IS NOT NULL AND secret_key_version IS NOT NULL))
);
CREATE INDEX webhook_endpoint_merchant_idx ON webhook_endpoint (merchant_id, created_at DESC, id DESC)
    WHERE status <> 'deleted';

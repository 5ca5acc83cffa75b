-- Merchant events: the events API and what webhooks deliver. id = evt_ + SHA-256 of the source fact's CloudEvent
-- source and id, so a redelivered fact is the same event. body is the webhook body as sent (JSON text).
CREATE TABLE webhook_event (
    id          VARCHAR(40)  PRIMARY KEY,
    merchant_id VARCHAR(128) NOT NULL,
    mode        VARCHAR(8)   CHECK (mode IN ('test', 'live')),
    type        VARCHAR(64)  NOT NULL,
    object_id   VARCHAR(128),
    created_at  TIMESTAMPTZ  NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    body        TEXT         NOT NULL
);
CREATE INDEX webhook_event_merchant_idx ON webhook_event (merchant_id, created_at DESC, id DESC);
CREATE INDEX webhook_event_recorded_idx ON webhook_event (recorded_at);

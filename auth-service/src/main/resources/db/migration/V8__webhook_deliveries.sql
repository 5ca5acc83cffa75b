-- One row per (event, endpoint): queued in the transaction that records the event. A dispatcher leases due rows
-- (lease_until, lease_token; FOR UPDATE SKIP LOCKED) and counts the attempt when it claims it.
CREATE TABLE webhook_delivery (
    id              VARCHAR(40)  PRIMARY KEY,
    event_id        VARCHAR(40)  NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
    endpoint_id     VARCHAR(40)  NOT NULL REFERENCES webhook_endpoint (id),
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'canceled')),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    lease_until     TIMESTAMPTZ,
    lease_token     VARCHAR(40),
    created_at      TIMESTAMPTZ  NOT NULL,
    delivered_at    TIMESTAMPTZ,
    UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_endpoint_idx ON webhook_delivery (endpoint_id, created_at DESC, id DESC);

-- The delivery log: every attempt, never the response body beyond a 200-character excerpt.
CREATE TABLE webhook_delivery_attempt (
    delivery_id      VARCHAR(40)  NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt          INTEGER      NOT NULL,
    attempted_at     TIMESTAMPTZ  NOT NULL,
    outcome          VARCHAR(16)  NOT NULL CHECK (outcome IN ('delivered', 'failed', 'target_refused')),
    status_code      INTEGER      NOT NULL,
    latency_ms       INTEGER      NOT NULL,
    failure          VARCHAR(200),
    response_excerpt VARCHAR(200),
    PRIMARY KEY (delivery_id, attempt)
);

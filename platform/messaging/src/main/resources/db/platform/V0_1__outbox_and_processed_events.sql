-- Platform tables every service owns in its own database (PayGuard messaging kit).
-- Transactional outbox: written in the same transaction as the state change it announces,
-- relayed to Kafka by OutboxRelay, deleted once the broker acknowledged it.
CREATE TABLE outbox_event (
    id             UUID         PRIMARY KEY,
    aggregate_type VARCHAR(64)  NOT NULL,
    aggregate_id   VARCHAR(128) NOT NULL,
    type           VARCHAR(128) NOT NULL,
    topic          VARCHAR(128) NOT NULL,
    payload        TEXT         NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    seq            BIGSERIAL    NOT NULL
);
CREATE INDEX outbox_event_seq_idx ON outbox_event (seq);

-- Idempotent consumers: one row per (consumer, event) inserted in the effect's transaction.
CREATE TABLE processed_event (
    consumer     VARCHAR(64)  NOT NULL,
    event_id     VARCHAR(128) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

-- Audit records as received from the services (PCI DSS 10.2/10.3 fields). The hash chain, checkpoints
-- and the UPDATE/DELETE ban arrive with the tamper-evidence work (issue 7).
CREATE TABLE audit_record (
    id             UUID          PRIMARY KEY,
    occurred_at    TIMESTAMPTZ   NOT NULL,
    recorded_at    TIMESTAMPTZ   NOT NULL,
    source_service VARCHAR(64)   NOT NULL,
    action         VARCHAR(128)  NOT NULL,
    object_type    VARCHAR(64),
    object_id      VARCHAR(128),
    outcome        VARCHAR(32)   NOT NULL,
    actor_subject  VARCHAR(128),
    actor_client   VARCHAR(128),
    actor_roles    VARCHAR(512),
    origin_ip      VARCHAR(64),
    user_agent     VARCHAR(512),
    correlation_id VARCHAR(64)
);
CREATE INDEX audit_record_correlation_idx ON audit_record (correlation_id);
CREATE INDEX audit_record_occurred_idx ON audit_record (occurred_at, id);

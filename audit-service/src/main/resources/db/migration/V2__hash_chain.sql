-- Issue 7: the tamper-evident trail. V1's table is kept, renamed, as the source of the records written before
-- the chain existed; the service appends them to the chain once at start (INSERT only, see ChainAppender).
ALTER TABLE audit_record RENAME TO audit_record_v1;
ALTER INDEX audit_record_correlation_idx RENAME TO audit_record_v1_correlation_idx;
ALTER INDEX audit_record_occurred_idx RENAME TO audit_record_v1_occurred_idx;
ALTER TABLE audit_record_v1 RENAME CONSTRAINT audit_record_pkey TO audit_record_v1_pkey;

-- One row per audit record, in chain order. hash = SHA-256(prev_hash || canonical form of the content);
-- the canonical form is defined in io.payguard.audit.domain.chain.CanonicalForm and in the README.
-- seq is the position in the chain (1, 2, 3, ...); it is not part of the hashed content, the links are.
CREATE TABLE audit_record (
    seq            BIGINT       NOT NULL,
    id             UUID         NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    source_service TEXT         NOT NULL,
    event_type     TEXT         NOT NULL,
    action         TEXT         NOT NULL,
    object_type    TEXT,
    object_id      TEXT,
    outcome        TEXT         NOT NULL,
    actor_subject  TEXT,
    actor_client   TEXT,
    actor_roles    TEXT[]       NOT NULL,
    origin_ip      TEXT,
    user_agent     TEXT,
    correlation_id TEXT,
    data_subject   TEXT,
    data_fields    TEXT[],
    purpose        TEXT,
    reason         TEXT,
    prev_hash      BYTEA        NOT NULL,
    hash           BYTEA        NOT NULL,
    CONSTRAINT audit_record_pkey PRIMARY KEY (seq),
    CONSTRAINT audit_record_id_uq UNIQUE (id)
);
CREATE INDEX audit_record_correlation_idx ON audit_record (correlation_id);
CREATE INDEX audit_record_occurred_idx ON audit_record (occurred_at, seq);
CREATE INDEX audit_record_subject_idx ON audit_record (actor_subject, seq);
CREATE INDEX audit_record_object_idx ON audit_record (object_id, seq);
CREATE INDEX audit_record_action_idx ON audit_record (action, seq);
CREATE INDEX audit_record_data_subject_idx ON audit_record (data_subject, seq) WHERE data_subject IS NOT NULL;

-- The chain head: the single row every append locks (FOR UPDATE), so appenders on several replicas serialise.
CREATE TABLE audit_chain_head (
    id   SMALLINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT   NOT NULL,
    hash BYTEA    NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Public halves of the checkpoint signing keys (the private halves never enter the database).
CREATE TABLE audit_signing_key (
    key_id     TEXT        PRIMARY KEY,
    algorithm  TEXT        NOT NULL,
    public_key BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Signed chain heads. signature covers CheckpointPayload (README: "Checkpoints").
CREATE TABLE audit_checkpoint (
    seq        BIGINT      PRIMARY KEY,
    head_hash  BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    key_id     TEXT        NOT NULL REFERENCES audit_signing_key (key_id),
    algorithm  TEXT        NOT NULL,
    signature  BYTEA       NOT NULL
);

-- Append-only: UPDATE, DELETE and TRUNCATE raise, whoever the role (a superuser can still disable triggers:
-- that is what the verification is for).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_signing_key_append_only BEFORE UPDATE OR DELETE ON audit_signing_key
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_record_v1_append_only BEFORE UPDATE OR DELETE ON audit_record_v1
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();

-- Privileges: the runtime role (placeholder audit_app_role, default audit_service) keeps SELECT and INSERT only.
-- When it is not the owner (production: Flyway runs as the owner), it cannot get them back. When it is the owner
-- (./dev: audit_service owns the database), the revoke still stops every UPDATE/DELETE the service could issue,
-- but an owner may re-grant itself or drop the trigger: README "What the database enforces".
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${audit_app_role}') THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_record, audit_checkpoint, audit_signing_key, audit_record_v1 FROM %I',
                       '${audit_app_role}');
        EXECUTE format('GRANT SELECT, INSERT ON audit_record, audit_checkpoint, audit_signing_key TO %I', '${audit_app_role}');
        EXECUTE format('GRANT SELECT, UPDATE ON audit_chain_head TO %I', '${audit_app_role}');
    END IF;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_record, audit_checkpoint, audit_signing_key, audit_record_v1 FROM PUBLIC;
END;
$$;

-- Verification runs: where the next incremental run may start (the last checkpoint a clean run covered).
CREATE TABLE audit_verification (
    id              BIGSERIAL   PRIMARY KEY,
    started_at      TIMESTAMPTZ NOT NULL,
    from_seq        BIGINT      NOT NULL,
    to_seq          BIGINT      NOT NULL,
    records_checked BIGINT      NOT NULL,
    intact          BOOLEAN     NOT NULL,
    findings        INT         NOT NULL
);

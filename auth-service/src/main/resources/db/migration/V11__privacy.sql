-- Issue 18: consents with their evidence, data-subject requests with the participants' replies, legal holds.
-- Subjects are Keycloak subject ids; after an erasure, the consent history keeps a pseudonym (psn_...) instead.
CREATE TABLE privacy_consent (
    subject     VARCHAR(200) NOT NULL,
    purpose     VARCHAR(64)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    version     INTEGER      NOT NULL,
    channel     VARCHAR(16)  NOT NULL,
    changed_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (subject, purpose)
);

CREATE TABLE privacy_consent_history (
    id                 BIGSERIAL    PRIMARY KEY,
    subject            VARCHAR(200) NOT NULL,
    purpose            VARCHAR(64)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    version            INTEGER      NOT NULL,
    text_sha256        VARCHAR(64)  NOT NULL,
    channel            VARCHAR(16)  NOT NULL,
    user_agent_sha256  VARCHAR(64),
    changed_at         TIMESTAMPTZ  NOT NULL,
    hold_until         TIMESTAMPTZ
);
CREATE INDEX privacy_consent_history_subject_idx ON privacy_consent_history (subject, id);

CREATE TABLE data_subject_request (
    id               VARCHAR(40)  PRIMARY KEY,
    subject          VARCHAR(200) NOT NULL,
    type             VARCHAR(16)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    jurisdiction     VARCHAR(4)   NOT NULL,
    received_at      TIMESTAMPTZ  NOT NULL,
    verified_at      TIMESTAMPTZ,
    deadline         TIMESTAMPTZ  NOT NULL,
    completed_at     TIMESTAMPTZ,
    refusal_code     VARCHAR(64),
    refusal_detail   VARCHAR(500),
    phase            VARCHAR(16),
    phase_at         TIMESTAMPTZ,
    pseudonym        VARCHAR(40),
    recipient_key    TEXT,
    recipient_secret TEXT,
    export_sealed    TEXT,
    export_expires_at TIMESTAMPTZ,
    outcome          TEXT
);
CREATE INDEX data_subject_request_subject_idx ON data_subject_request (subject, received_at);
CREATE INDEX data_subject_request_status_idx ON data_subject_request (status, received_at);

CREATE TABLE data_subject_request_reply (
    request_id   VARCHAR(40)  NOT NULL REFERENCES data_subject_request (id) ON DELETE CASCADE,
    service      VARCHAR(64)  NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    chunk        INTEGER      NOT NULL,
    chunks       INTEGER      NOT NULL,
    payload      TEXT,
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (request_id, service, kind, chunk)
);

CREATE TABLE legal_hold (
    id              VARCHAR(40)  PRIMARY KEY,
    subject         VARCHAR(200) NOT NULL,
    reason          VARCHAR(500) NOT NULL,
    set_by          VARCHAR(200) NOT NULL,
    set_at          TIMESTAMPTZ  NOT NULL,
    released_at     TIMESTAMPTZ,
    released_by     VARCHAR(200),
    release_reason  VARCHAR(500)
);
CREATE INDEX legal_hold_subject_idx ON legal_hold (subject, set_at);

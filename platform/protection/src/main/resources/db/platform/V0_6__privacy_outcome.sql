-- Issue 18 (personal information protection): what an erasure request did in this service, one row per data type
-- (platform/protection privacy.PrivacyOutcomes). It is the answer to a redelivered commit, and the retention hold of
-- what was pseudonymised (transaction records under AML retention): until when, on which legal basis, under which
-- pseudonym. PrivacyHoldEnd deletes the pseudonymised records (the service's HeldRecords) once hold_until has passed
-- and records how many rows went. Services without HeldRecords (auth, audit) keep the table empty.
CREATE TABLE privacy_outcome (
    request_id    VARCHAR(64)  NOT NULL,
    data_type     VARCHAR(64)  NOT NULL,
    position      INT          NOT NULL,
    action        VARCHAR(24)  NOT NULL CHECK (action IN ('erased', 'pseudonymised_held', 'kept')),
    record_count  BIGINT       NOT NULL CHECK (record_count >= 0),
    pseudonym     VARCHAR(64)  NOT NULL,
    hold_until    TIMESTAMPTZ,
    legal_basis   VARCHAR(300),
    created_at    TIMESTAMPTZ  NOT NULL,
    hold_ended_at TIMESTAMPTZ,
    deleted_count BIGINT,
    PRIMARY KEY (request_id, data_type),
    CONSTRAINT privacy_outcome_held_has_end CHECK ((action = 'pseudonymised_held') = (hold_until IS NOT NULL))
);
CREATE INDEX privacy_outcome_hold_due_idx ON privacy_outcome (hold_until) WHERE hold_ended_at IS NULL;

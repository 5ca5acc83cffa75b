-- PayGuard protection kit tables, in every service database that uses field encryption.
-- One data key per data subject and version, stored only wrapped by the KMS key encryption key.
-- Crypto-shredding sets wrapped_key to NULL: every value encrypted under that key is gone for good.
CREATE TABLE protection_subject_key (
    subject      VARCHAR(200) NOT NULL,
    version      INTEGER      NOT NULL,
    wrapped_key  BYTEA,
    kek_name     VARCHAR(128) NOT NULL,
    kek_version  INTEGER      NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    destroyed_at TIMESTAMPTZ,
    PRIMARY KEY (subject, version)
);
CREATE INDEX protection_subject_key_kek_idx ON protection_subject_key (kek_name, kek_version) WHERE wrapped_key IS NOT NULL;

-- Checkpoints of resumable batch jobs (key re-wrap, field re-encryption): a crashed job resumes after last_key.
CREATE TABLE protection_job_progress (
    job        VARCHAR(128) PRIMARY KEY,
    status     VARCHAR(16)  NOT NULL,
    last_key   VARCHAR(200),
    processed  BIGINT       NOT NULL,
    started_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);

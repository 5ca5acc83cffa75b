-- The retention report (issue 18): one row per purge round that deleted something, per job. Rows older than
-- payguard.retention.report-keep (default 400 days) are deleted by the insert that adds a new one.
CREATE TABLE retention_run (
    id      bigserial   PRIMARY KEY,
    job     text        NOT NULL,
    deleted integer     NOT NULL CHECK (deleted > 0),
    cutoff  timestamptz NOT NULL,
    ran_at  timestamptz NOT NULL
);
CREATE INDEX retention_run_ran_at ON retention_run (ran_at);

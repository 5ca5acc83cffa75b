CREATE TABLE merchant (
    id                          VARCHAR(41)  PRIMARY KEY,
    name                        VARCHAR(120) NOT NULL,
    currency                    CHAR(3)      NOT NULL,
    per_transaction_limit_minor BIGINT       NOT NULL CHECK (per_transaction_limit_minor > 0),
    daily_limit_minor           BIGINT       NOT NULL CHECK (daily_limit_minor >= per_transaction_limit_minor),
    status                      VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    created_at                  TIMESTAMPTZ  NOT NULL,
    created_by                  VARCHAR(200) NOT NULL
);

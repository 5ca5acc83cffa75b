-- In-app payments: the SHA-256 of each intent's client secret (the secret itself is shown once, never stored).
CREATE TABLE payment_client_secret (
    payment_id  VARCHAR(40)  PRIMARY KEY REFERENCES payment_intent (id),
    secret_hash CHAR(64)     NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

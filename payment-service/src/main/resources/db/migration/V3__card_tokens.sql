-- Card tokens: the PAN only as ciphertext of the protection kit (per-owner data key, bound to table, column, row
-- and owner), a keyed-hash fingerprint for velocity and blocklists, and the displayable parts. No CVV column: the
-- CVV is passed once to the authorisation and never stored.
CREATE TABLE card_token (
    id           VARCHAR(40)  PRIMARY KEY,
    owner        VARCHAR(200) NOT NULL,
    key_subject  VARCHAR(200) NOT NULL,
    pan_enc      TEXT         NOT NULL,
    fingerprint  VARCHAR(128) NOT NULL,
    brand        VARCHAR(16)  NOT NULL,
    first6       CHAR(6)      NOT NULL,
    last4        CHAR(4)      NOT NULL,
    exp_month    INT          NOT NULL,
    exp_year     INT          NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX card_token_fingerprint_idx ON card_token (fingerprint);

ALTER TABLE payment_intent ADD COLUMN card_token VARCHAR(40) REFERENCES card_token (id);

-- Customer profiles (issue 3): name, phone and e-mail are C2 personal data, stored only as ciphertext
-- (pg1.<key version>.<AES-256-GCM under the profile's own data key>, bound to table, column and row).
-- phone_bidx is a keyed HMAC blind index for exact-match lookup; it is cleared when the profile is shredded.
CREATE TABLE customer_profile (
    id            UUID         PRIMARY KEY,
    owner_subject VARCHAR(200) NOT NULL,
    key_subject   VARCHAR(200) NOT NULL,
    key_version   INTEGER      NOT NULL,
    name_enc      TEXT,
    phone_enc     TEXT,
    email_enc     TEXT,
    phone_bidx    VARCHAR(64),
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX customer_profile_phone_bidx_idx ON customer_profile (phone_bidx);
CREATE INDEX customer_profile_owner_idx ON customer_profile (owner_subject);

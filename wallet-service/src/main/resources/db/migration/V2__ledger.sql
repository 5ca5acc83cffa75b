-- The wallet ledger. Balances are credit-normal (a positive posting is a credit); over all accounts of one
-- currency they sum to zero. The database refuses what the application must never do, even if it tried:
-- unbalanced entries, changes to booked entries/postings, and a negative available balance where no
-- overdraft is allowed.

CREATE TABLE account (
    id                VARCHAR(160) PRIMARY KEY,
    type              VARCHAR(32)  NOT NULL CHECK (type IN ('CUSTOMER_WALLET', 'MERCHANT_SETTLEMENT', 'FUNDING_CLEARING',
                                                        'WITHDRAWAL_CLEARING', 'FEES', 'SUSPENSE')),
    -- Keycloak subject of the customer, client id of the merchant, or 'system'
    owner             VARCHAR(255) NOT NULL,
    currency          CHAR(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    balance           BIGINT       NOT NULL DEFAULT 0,
    held              BIGINT       NOT NULL DEFAULT 0 CHECK (held >= 0),
    overdraft_allowed BOOLEAN      NOT NULL,
    wallet_class      VARCHAR(16)  CHECK (wallet_class IN ('CLASS_I', 'CLASS_II', 'CLASS_III')),
    frozen            BOOLEAN      NOT NULL DEFAULT FALSE,
    usage_day         DATE         NOT NULL,
    usage_day_total   BIGINT       NOT NULL DEFAULT 0 CHECK (usage_day_total >= 0),
    usage_year        INT          NOT NULL,
    usage_year_total  BIGINT       NOT NULL DEFAULT 0 CHECK (usage_year_total >= 0),
    usage_cumulative  BIGINT       NOT NULL DEFAULT 0 CHECK (usage_cumulative >= 0),
    opened_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT account_available_not_negative CHECK (overdraft_allowed OR balance - held >= 0),
    CONSTRAINT account_wallet_has_class CHECK ((type = 'CUSTOMER_WALLET') = (wallet_class IS NOT NULL))
);
-- one wallet per customer and currency
CREATE UNIQUE INDEX account_one_wallet_per_currency ON account (owner, currency) WHERE type = 'CUSTOMER_WALLET';

CREATE TABLE journal_entry (
    id        UUID         PRIMARY KEY,
    kind      VARCHAR(32)  NOT NULL,
    reference VARCHAR(200) NOT NULL CHECK (length(btrim(reference)) > 0),
    posted_at TIMESTAMPTZ  NOT NULL,
    reverses  UUID         REFERENCES journal_entry (id),
    CONSTRAINT journal_entry_reversal_names_original CHECK ((kind = 'REVERSAL') = (reverses IS NOT NULL))
);

-- kind and posted_at are copied from the entry so a statement page is one index range scan.
CREATE TABLE posting (
    seq        BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id   UUID         NOT NULL REFERENCES journal_entry (id),
    account_id VARCHAR(160) NOT NULL REFERENCES account (id),
    amount     BIGINT       NOT NULL CHECK (amount <> 0),
    currency   CHAR(3)      NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    posted_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX posting_entry_idx ON posting (entry_id);
CREATE INDEX posting_statement_idx ON posting (account_id, posted_at DESC, seq DESC);

-- Booked entries and postings are immutable: corrections are reversing entries.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are immutable: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER journal_entry_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON journal_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER posting_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON posting
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- A posting moves its account's balance, in the same statement, so balance = sum(postings) by construction
-- (and account_available_not_negative applies to the result). One UPDATE per account per INSERT statement.
CREATE FUNCTION posting_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved INT;
    expected INT;
BEGIN
    SELECT count(DISTINCT account_id) INTO expected FROM new_postings;
    UPDATE account a SET balance = a.balance + s.total
      FROM (SELECT account_id, currency, sum(amount) AS total FROM new_postings GROUP BY account_id, currency) s
     WHERE a.id = s.account_id AND a.currency = s.currency;
    GET DIAGNOSTICS moved = ROW_COUNT;
    IF moved <> expected THEN
        RAISE EXCEPTION 'posting currency differs from its account currency' USING ERRCODE = 'P0002';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER posting_apply AFTER INSERT ON posting
    REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION posting_apply();

-- At commit, every entry has two or more postings that sum to zero in each currency.
CREATE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    legs INT;
    unbalanced INT;
BEGIN
    SELECT count(*) INTO legs FROM posting WHERE entry_id = NEW.id;
    SELECT count(*) INTO unbalanced FROM (
        SELECT currency FROM posting WHERE entry_id = NEW.id GROUP BY currency HAVING sum(amount) <> 0) u;
    IF legs < 2 OR unbalanced > 0 THEN
        RAISE EXCEPTION 'journal entry % is unbalanced', NEW.id USING ERRCODE = 'P0003';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();

CREATE TABLE hold (
    id          UUID         PRIMARY KEY,
    wallet_id   VARCHAR(160) NOT NULL REFERENCES account (id),
    amount      BIGINT       NOT NULL CHECK (amount > 0),
    currency    CHAR(3)      NOT NULL,
    reference   VARCHAR(200) NOT NULL,
    -- the merchant a capture pays (client id), for holds placed by wallet commands
    merchant_id VARCHAR(255),
    expires_at  TIMESTAMPTZ  NOT NULL,
    reserved_on DATE         NOT NULL,
    status      VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'CAPTURED', 'VOIDED', 'EXPIRED')),
    captured    BIGINT       NOT NULL DEFAULT 0 CHECK (captured >= 0 AND captured <= amount),
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX hold_wallet_active_idx ON hold (wallet_id) WHERE status = 'ACTIVE';
CREATE INDEX hold_expiry_idx ON hold (expires_at) WHERE status = 'ACTIVE';

-- Idempotency-Key records, scoped to the caller: the first answer is replayed for the same key and body.
CREATE TABLE idempotency_record (
    caller       VARCHAR(255) NOT NULL,
    key          VARCHAR(128) NOT NULL,
    request_hash CHAR(64)     NOT NULL,
    status       INT          NOT NULL,
    body         TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (caller, key)
);

-- The answer to each wallet command, re-published when the command is delivered again.
CREATE TABLE command_answer (
    command_id VARCHAR(128) PRIMARY KEY,
    event      TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);

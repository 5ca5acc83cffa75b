-- A merchant's total of the UTC day per currency (the merchant_daily_limit risk rule, issue 13), kept exactly like the
-- customer's (V8, V10): a payment counts (statuses processing, requires_capture, succeeded) on the UTC day it was
-- created, with its full amount; a deferred constraint trigger adds the amount when a payment enters a counted status
-- and takes it off when it leaves, at commit of that change, whatever code path made it. One primary-key read per
-- confirm. Old days are deleted by the idempotency purge job with the customers' (PgRiskStore.purgeDailyTotals).
-- V20 and not V11: other work in progress takes the numbers below.
CREATE TABLE merchant_daily_total (
    merchant_id VARCHAR(128) NOT NULL,
    currency    CHAR(3)      NOT NULL,
    day         DATE         NOT NULL,
    total_minor BIGINT       NOT NULL,
    PRIMARY KEY (merchant_id, currency, day)
);

CREATE FUNCTION payment_intent_merchant_daily_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    counted_before BOOLEAN := TG_OP = 'UPDATE' AND OLD.status IN ('processing', 'requires_capture', 'succeeded');
    counted_now    BOOLEAN := NEW.status IN ('processing', 'requires_capture', 'succeeded');
BEGIN
    IF counted_before = counted_now THEN
        RETURN NULL;
    END IF;
    INSERT INTO merchant_daily_total AS t (merchant_id, currency, day, total_minor)
    VALUES (NEW.merchant_id, NEW.currency, (NEW.created_at AT TIME ZONE 'UTC')::date,
            CASE WHEN counted_now THEN NEW.amount_minor ELSE -NEW.amount_minor END)
    ON CONFLICT (merchant_id, currency, day) DO UPDATE SET total_minor = t.total_minor + EXCLUDED.total_minor;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER payment_intent_merchant_daily_total AFTER INSERT OR UPDATE OF status ON payment_intent
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION payment_intent_merchant_daily_total();

-- The totals of the payments already there.
INSERT INTO merchant_daily_total (merchant_id, currency, day, total_minor)
SELECT merchant_id, currency, (created_at AT TIME ZONE 'UTC')::date, sum(amount_minor)
FROM payment_intent
WHERE status IN ('processing', 'requires_capture', 'succeeded')
GROUP BY merchant_id, currency, (created_at AT TIME ZONE 'UTC')::date;

-- A payment held for review (V30) keeps counting towards the merchant's daily total, as it does towards the
-- customer's: its funds are held and it may still be captured. Replaces V20's function with requires_review counted,
-- and adds the payments in review now (V20 did not count them).
CREATE OR REPLACE FUNCTION payment_intent_merchant_daily_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    counted_before BOOLEAN := TG_OP = 'UPDATE' AND OLD.status IN ('processing', 'requires_capture', 'requires_review', 'succeeded');
    counted_now    BOOLEAN := NEW.status IN ('processing', 'requires_capture', 'requires_review', 'succeeded');
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

INSERT INTO merchant_daily_total AS t (merchant_id, currency, day, total_minor)
SELECT merchant_id, currency, (created_at AT TIME ZONE 'UTC')::date, sum(amount_minor)
FROM payment_intent
WHERE status = 'requires_review'
GROUP BY merchant_id, currency, (created_at AT TIME ZONE 'UTC')::date
ON CONFLICT (merchant_id, currency, day) DO UPDATE SET total_minor = t.total_minor + EXCLUDED.total_minor;

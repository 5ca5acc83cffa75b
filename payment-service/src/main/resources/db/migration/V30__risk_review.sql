-- Risk review (issue 13 item 6): a payment whose risk decision is review is authorised without capture and waits in
-- status requires_review for an operator. payment_intent.review flags the states that lead there (requires_action
-- and processing while authorising), so the authorisation is never captured at once.
ALTER TABLE payment_intent ADD COLUMN review BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per payment sent to review: the findings of its risk decision (rule ids and reasons, masked data only),
-- when it expires (requested_at + payguard.risk.review.ttl), when its funds were held (opened_at: it is in the
-- operator queue from then on), and how it ended (outcome, the operator's subject and reason).
CREATE TABLE payment_review (
    payment_id   VARCHAR(40)  PRIMARY KEY REFERENCES payment_intent (id),
    merchant_id  VARCHAR(128) NOT NULL,
    findings     TEXT         NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    opened_at    TIMESTAMPTZ,
    closed_at    TIMESTAMPTZ,
    outcome      VARCHAR(16)  CHECK (outcome IN ('approved', 'declined', 'expired', 'canceled')),
    reviewer     VARCHAR(255),
    reason       VARCHAR(500)
);
-- the queue (oldest first, keyset on opened_at, payment_id) and the expiry job read open reviews only
CREATE INDEX payment_review_queue_idx ON payment_review (opened_at, payment_id) WHERE opened_at IS NOT NULL AND closed_at IS NULL;
CREATE INDEX payment_review_expiry_idx ON payment_review (expires_at) WHERE opened_at IS NOT NULL AND closed_at IS NULL;

-- A payment held for review counts towards the customer's daily total like any authorised payment (V8, V10): it
-- must not leave the total while held and come back at capture.
CREATE OR REPLACE FUNCTION payment_intent_daily_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    counted_before BOOLEAN := TG_OP = 'UPDATE' AND OLD.status IN ('processing', 'requires_capture', 'requires_review', 'succeeded');
    counted_now    BOOLEAN := NEW.status IN ('processing', 'requires_capture', 'requires_review', 'succeeded');
BEGIN
    IF NEW.customer_id IS NULL OR counted_before = counted_now THEN
        RETURN NULL;
    END IF;
    INSERT INTO customer_daily_total AS t (customer_id, day, total_minor)
    VALUES (NEW.customer_id, (NEW.created_at AT TIME ZONE 'UTC')::date,
            CASE WHEN counted_now THEN NEW.amount_minor ELSE -NEW.amount_minor END)
    ON CONFLICT (customer_id, day) DO UPDATE SET total_minor = t.total_minor + EXCLUDED.total_minor;
    RETURN NULL;
END
$$;

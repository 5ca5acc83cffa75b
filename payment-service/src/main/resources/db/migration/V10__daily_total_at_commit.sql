-- The daily total (V8) is updated at commit instead of at the status change: a deferred constraint trigger. The
-- customer's row is then locked only while the transaction commits, not from the intent's update through the rest
-- of the confirm (outbox rows, idempotency answer, audit record), so concurrent confirms of one customer queue far
-- less. Same rows, same deltas: each status change still adds or takes off its amount, in its own transaction.
DROP TRIGGER payment_intent_daily_total ON payment_intent;
CREATE CONSTRAINT TRIGGER payment_intent_daily_total AFTER INSERT OR UPDATE OF status ON payment_intent
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION payment_intent_daily_total();

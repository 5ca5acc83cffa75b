-- Risk history per confirm must cost the same for a customer with ten payments and one with a million
-- (PgRiskStore.history). Measured before: the history query grew with the customer's history (about 9 ms per confirm
-- at 20,000 payments), and was the largest CPU cost of the whole suite per wallet payment.
-- The latest succeeded payments of a customer (usual amount, anomaly rule): a backward scan of this partial index
-- reads exactly the rows it needs.
CREATE INDEX payment_intent_customer_succeeded_idx ON payment_intent (customer_id, created_at DESC) WHERE status = 'succeeded';
-- Today's total of a customer's counted payments (daily limit): an index-only sum, no heap visits once vacuumed.
-- On a large live table create these with CREATE INDEX CONCURRENTLY outside a transaction instead.
CREATE INDEX payment_intent_customer_counted_idx ON payment_intent (customer_id, created_at) INCLUDE (amount_minor)
    WHERE status IN ('processing', 'requires_capture', 'succeeded');

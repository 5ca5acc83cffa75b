-- Merchants onboarded before their state was published (issue 13) reach the other services' merchant directory: one
-- io.payguard.auth.merchant.state.v1 event per merchant in the outbox, exactly like MerchantEvents writes it, relayed
-- to the compacted auth.merchants topic keyed by merchant id. Runs once per database; later changes publish themselves.
INSERT INTO outbox_event (id, aggregate_type, aggregate_id, type, topic, payload, created_at)
SELECT e.event_id, 'merchant', e.id, 'io.payguard.auth.merchant.state.v1', 'auth.merchants',
       jsonb_build_object(
           'specversion', '1.0',
           'id', e.event_id::text,
           'source', '/payguard/auth-service',
           'type', 'io.payguard.auth.merchant.state.v1',
           'subject', 'merchant/' || e.id,
           'time', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'datacontenttype', 'application/json',
           'data', jsonb_build_object(
               'merchantId', e.id,
               'status', e.status,
               'currency', e.currency,
               'perTransactionLimitMinor', e.per_transaction_limit_minor,
               'dailyLimitMinor', e.daily_limit_minor))::text,
       now()
FROM (SELECT gen_random_uuid() AS event_id, m.* FROM merchant m ORDER BY m.id) e;

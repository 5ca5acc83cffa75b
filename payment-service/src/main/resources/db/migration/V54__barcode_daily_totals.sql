-- The PBoC barcode limits (RiskPolicy.Barcode*) sum a customer's barcode payments of the UTC day (PgRiskStore
-- barcodeToday): an index-only range over this partial index, which holds barcode payments only (channel <> 'api'),
-- so API payments neither pay for it nor are read. On a large live table create it CONCURRENTLY outside a transaction.
CREATE INDEX payment_intent_customer_barcode_idx ON payment_intent (customer_id, created_at)
    INCLUDE (amount_minor, currency, channel, status) WHERE channel <> 'api';

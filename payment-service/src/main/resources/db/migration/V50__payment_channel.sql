-- How a payment was initiated (api, qr_dynamic, qr_static, payment_code): the barcode-payment limits apply by channel.
ALTER TABLE payment_intent ADD COLUMN channel text NOT NULL DEFAULT 'api';

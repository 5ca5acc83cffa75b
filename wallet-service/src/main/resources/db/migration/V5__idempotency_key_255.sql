-- Idempotency-Key values follow the one rule of platform/kernel IdempotencyKeys: 8 to 255 characters (wallet's own
-- rule allowed 128). Widening a VARCHAR changes no stored row.
ALTER TABLE idempotency_record ALTER COLUMN key TYPE VARCHAR(255);

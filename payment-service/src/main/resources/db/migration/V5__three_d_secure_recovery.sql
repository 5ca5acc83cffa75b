-- 3-D Secure for cards: the challenge the payment waits for (requires_action) and, once it passed, the issuer's
-- authentication result (a CAVV-like value bound to payment id and amount, and the ECI) until the payment is
-- confirmed again. No card data: the CVV is given again with that confirm and never stored.
ALTER TABLE payment_intent ADD COLUMN action_ref VARCHAR(64);
ALTER TABLE payment_intent ADD COLUMN authentication_value VARCHAR(64);
ALTER TABLE payment_intent ADD COLUMN authentication_eci CHAR(2);

-- The recovery job looks for card payments left in processing by a replica that died mid-call.
CREATE INDEX payment_intent_card_processing_idx ON payment_intent (updated_at) WHERE status = 'processing' AND method = 'card';

-- One-time codes: an id the client is told, how often a new code was sent on request, and when the current one was.
ALTER TABLE sca_challenge ADD COLUMN challenge_id VARCHAR(64);
ALTER TABLE sca_challenge ADD COLUMN resends INT NOT NULL DEFAULT 0;
ALTER TABLE sca_challenge ADD COLUMN sent_at TIMESTAMPTZ;

-- A top-up is a card payment the customer makes to their own wallet (issue 13): the payment intent carries the card
-- path (tokens, 3-D Secure, recovery, refunds); this row names the wallet and follows the credit. The wallet is
-- credited only after the charge is captured, through the wallet.commands top_up.credit command, exactly once.
CREATE TABLE top_up (
    payment_id      VARCHAR(40)  PRIMARY KEY REFERENCES payment_intent (id),
    wallet_id       VARCHAR(40)  NOT NULL,
    customer_id     VARCHAR(128) NOT NULL,
    credit_status   VARCHAR(16)  NOT NULL CHECK (credit_status IN ('awaiting_charge', 'crediting', 'credited', 'refused')),
    credit_entry_id VARCHAR(64),
    refusal_reason  VARCHAR(64),
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);

CREATE INDEX top_up_customer_idx ON top_up (customer_id, created_at DESC);

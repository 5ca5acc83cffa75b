package io.payguard.payment.adapter.in.rest;

/**
 * Request and answer examples of this service's API document (values as the code writes them: ids with their prefix,
 * amounts in minor units, card data masked).
 */
final class PaymentExamples {

    static final String CREATE_INTENT = """
            {"amount": 2599, "currency": "USD", "description": "Order 10023", "customer": "cust-7f3c9a2e",
             "payment_method_type": "card", "capture_method": "manual", "metadata": {"order_id": "10023"}}""";

    static final String CREATE_IN_APP = """
            {"amount": 1200, "currency": "CNY", "description": "Order 10024", "payment_method_type": "wallet"}""";

    static final String INTENT_IN_APP = """
            {"id": "pi_7a1c2b3d4e5f40718293a4b5c6d7e8f9", "object": "payment_intent", "amount": 1200,
             "currency": "CNY", "status": "requires_confirmation", "description": "Order 10024",
             "payment_method_type": "wallet", "capture_method": "automatic", "amount_capturable": 0,
             "amount_received": 0, "amount_refunded": 0, "metadata": {}, "created": "2026-12-07T06:15:52.123456Z",
             "updated": "2026-12-07T06:15:52.123456Z",
             "client_secret": "pi_7a1c2b3d4e5f40718293a4b5c6d7e8f9_secret_Qm9vZ3ZxV0xNb2RhT2tQc3J1dGhYejEy"}""";

    static final String CONFIRM_IN_APP = """
            {"payment_method_type": "wallet",
             "client_secret": "pi_7a1c2b3d4e5f40718293a4b5c6d7e8f9_secret_Qm9vZ3ZxV0xNb2RhT2tQc3J1dGhYejEy"}""";

    static final String INTENT = """
            {"id": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "object": "payment_intent", "amount": 2599,
             "currency": "USD", "status": "requires_confirmation", "description": "Order 10023",
             "customer": "cust-7f3c9a2e", "payment_method_type": "card", "capture_method": "manual",
             "amount_capturable": 0, "amount_received": 0, "amount_refunded": 0, "metadata": {"order_id": "10023"},
             "created": "2026-12-07T06:15:52.123456Z", "updated": "2026-12-07T06:15:52.123456Z"}""";

    static final String INTENT_REQUIRES_CAPTURE = """
            {"id": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "object": "payment_intent", "amount": 2599,
             "currency": "USD", "status": "requires_capture", "payment_method_type": "card",
             "capture_method": "manual", "amount_capturable": 2599, "amount_received": 0, "amount_refunded": 0,
             "metadata": {}, "created": "2026-12-07T06:15:52.123456Z", "updated": "2026-12-07T06:15:53.018244Z"}""";

    static final String INTENT_REQUIRES_ACTION = """
            {"id": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "object": "payment_intent", "amount": 2599,
             "currency": "USD", "status": "requires_action", "customer": "cust-7f3c9a2e",
             "payment_method_type": "wallet", "capture_method": "automatic", "amount_capturable": 0,
             "amount_received": 0, "amount_refunded": 0,
             "next_action": {"type": "sca_code", "challenge_id": "scach_5d41402abc4b2a76a1b2c3d4e5f60718",
               "authenticate_url": "/v1/payment_intents/pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11/authenticate",
               "resend_url": "/v1/payment_intents/pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11/authenticate/resend"},
             "metadata": {}, "created": "2026-12-07T06:15:52.123456Z", "updated": "2026-12-07T06:15:53.018244Z"}""";

    static final String INTENT_SUCCEEDED = """
            {"id": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "object": "payment_intent", "amount": 2599,
             "currency": "USD", "status": "succeeded", "payment_method_type": "card", "capture_method": "manual",
             "amount_capturable": 0, "amount_received": 2599, "amount_refunded": 0, "metadata": {},
             "created": "2026-12-07T06:15:52.123456Z", "updated": "2026-12-07T06:16:10.402117Z"}""";

    static final String INTENT_CANCELED = """
            {"id": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "object": "payment_intent", "amount": 2599,
             "currency": "USD", "status": "canceled", "payment_method_type": "card", "capture_method": "manual",
             "amount_capturable": 0, "amount_received": 0, "amount_refunded": 0,
             "cancellation_reason": "requested_by_customer", "metadata": {},
             "created": "2026-12-07T06:15:52.123456Z", "updated": "2026-12-07T06:16:10.402117Z"}""";

    static final String INTENT_PAGE = """
            {"object": "list", "data": [{"id": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "object": "payment_intent",
             "amount": 2599, "currency": "USD", "status": "succeeded", "payment_method_type": "card",
             "capture_method": "automatic", "amount_capturable": 0, "amount_received": 2599, "amount_refunded": 0,
             "metadata": {}, "created": "2026-12-07T06:15:52.123456Z", "updated": "2026-12-07T06:15:53.018244Z"}],
             "has_more": true, "next_cursor": "czEwMjM"}""";

    static final String CONFIRM_CARD = """
            {"payment_method_type": "card", "payment_method": "tok_9b2d6f0e4c8a4e1f8b7a6c5d4e3f2a1b", "cvc": "123"}""";

    static final String CAPTURE = """
            {"amount_to_capture": 2000}""";

    static final String CANCEL = """
            {"cancellation_reason": "requested_by_customer"}""";

    static final String AUTHENTICATE = """
            {"code": "492731"}""";

    static final String CREATE_REFUND = """
            {"amount": 500}""";

    static final String REFUND = """
            {"id": "re_7c9e6679742545a8b1c2d3e4f5a6b7c8", "object": "refund",
             "payment_intent": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "amount": 500, "currency": "USD",
             "status": "pending", "created": "2026-12-07T07:02:11.550912Z"}""";

    static final String REFUNDS = "[" + REFUND + "]";

    static final String CREATE_TOKEN = """
            {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2029}""";

    static final String TOKEN = """
            {"id": "tok_9b2d6f0e4c8a4e1f8b7a6c5d4e3f2a1b", "object": "token",
             "card": {"brand": "visa", "first6": "424242", "last4": "4242", "exp_month": 12, "exp_year": 2029},
             "created": "2026-12-07T06:15:40.004512Z"}""";

    static final String CREATE_TOP_UP = """
            {"wallet_id": "w-6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", "amount": 10000, "currency": "CNY"}""";

    static final String CONFIRM_TOP_UP = """
            {"payment_method": "tok_9b2d6f0e4c8a4e1f8b7a6c5d4e3f2a1b", "cvc": "123"}""";

    static final String TOP_UP = """
            {"id": "pi_a1b2c3d4e5f60718293a4b5c6d7e8f90", "object": "top_up",
             "wallet_id": "w-6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", "amount": 10000, "currency": "CNY",
             "status": "succeeded", "credit_status": "credited",
             "wallet_entry_id": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b", "amount_refunded": 0,
             "created": "2026-12-07T06:20:00.100000Z", "updated": "2026-12-07T06:20:02.300000Z"}""";

    static final String REGISTER_ACCOUNT = """
            {"account_number": "6222020200112233445", "bank_code": "ICBKCNBJ", "holder_name": "Li Wei"}""";

    static final String ACCOUNT = """
            {"id": "ba_5e884898da28047151d0e56f8dc62927", "object": "bank_account", "bank_code": "ICBKCNBJ",
             "last4": "3445", "created": "2026-12-07T06:25:00.000000Z"}""";

    static final String ACCOUNTS = "[" + ACCOUNT + "]";

    static final String CREATE_PAYOUT = """
            {"wallet_id": "w-6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
             "bank_account": "ba_5e884898da28047151d0e56f8dc62927", "amount": 5000, "currency": "CNY"}""";

    static final String PAYOUT = """
            {"id": "po_6b86b273ff34fce19d6b804eff5a3f57", "object": "payout",
             "wallet_id": "w-6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
             "bank_account": "ba_5e884898da28047151d0e56f8dc62927", "amount": 5000, "currency": "CNY",
             "status": "requested", "created": "2026-12-07T06:30:00.000000Z",
             "updated": "2026-12-07T06:30:00.000000Z"}""";

    static final String REVIEW_PAGE = """
            {"object": "list", "data": [{"payment_intent": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11",
             "object": "payment_review", "merchant": "acme-shop", "amount": 250000, "currency": "USD",
             "payment_method_type": "card", "capture_method": "automatic",
             "rules": [{"id": "velocity", "outcome": "review", "reason": "5 payments in 10 minutes"}],
             "requested": "2026-12-07T06:15:52.123456Z", "opened": "2026-12-07T06:15:52.200000Z",
             "expires": "2026-12-08T06:15:52.200000Z", "age_seconds": 610}], "has_more": false}""";

    static final String DECISION = """
            {"reason": "Customer confirmed the order by phone"}""";

    static final String DECIDED = """
            {"payment_intent": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "object": "payment_review",
             "merchant": "acme-shop", "decision": "approved", "status": "succeeded", "amount": 250000,
             "currency": "USD"}""";

    private PaymentExamples() {}

    static final String AUTHENTICATE_WEBAUTHN = """
            {"webauthn": {"id": "q2V5LWNyZWRlbnRpYWwtaWQtMDE", "type": "public-key", "response": {
             "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0", "authenticatorData": "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ",
             "signature": "MEUCIQDx", "userHandle": "c2hhMjU2LW9mLXRoZS1zdWJqZWN0"}}}""";

    static final String AUTHENTICATION_OPTIONS = """
            {"payment_intent": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "amount": 60000, "currency": "CNY",
             "payee": "demo-merchant-a", "methods": ["webauthn", "code"],
             "webauthn": {"challenge": "3q2-7wE0Yw9yKhRk0m2G2dQ3k1pV7yH7Wc9yJc4pXkM", "rpId": "localhost",
              "allowCredentials": [{"type": "public-key", "id": "q2V5LWNyZWRlbnRpYWwtaWQtMDE"}],
              "userVerification": "required", "timeout": 120000},
             "code": {"channel": "email", "sent_to": "a***@e***"}}""";

    static final String REGISTRATION_OPTIONS = """
            {"registration": "reg_0c8f3e1a2b4d4e6f8a9b0c1d2e3f4a5b", "challenge": "h3Qx0cL2a9N0bU4v1mS8Zq7yR2tW5eK6pD3fG1jH0oA",
             "rp": {"id": "localhost", "name": "PayGuard"},
             "user": {"id": "c2hhMjU2LW9mLXRoZS1zdWJqZWN0", "name": "cust-7f3c9a2e", "displayName": "cust-7f3c9a2e"},
             "pubKeyCredParams": [{"type": "public-key", "alg": -7}, {"type": "public-key", "alg": -8},
              {"type": "public-key", "alg": -257}],
             "timeout": 120000, "attestation": "none",
             "authenticatorSelection": {"userVerification": "required", "residentKey": "preferred"},
             "excludeCredentials": []}""";

    static final String REGISTER = """
            {"registration": "reg_0c8f3e1a2b4d4e6f8a9b0c1d2e3f4a5b", "name": "Pixel 8",
             "credential": {"id": "q2V5LWNyZWRlbnRpYWwtaWQtMDE", "type": "public-key", "response": {
              "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0", "attestationObject": "o2NmbXRkbm9uZQ"}}}""";

    static final String AUTHENTICATOR = """
            {"id": "authn_5b1d0e2f3a4c4b6d8e9f0a1b2c3d4e5f", "object": "authenticator", "name": "Pixel 8",
             "status": "active", "created_at": "2026-12-07T06:15:52.123456Z", "last_used_at": null, "revoked_at": null}""";

    static final String AUTHENTICATOR_REVOKED = """
            {"id": "authn_5b1d0e2f3a4c4b6d8e9f0a1b2c3d4e5f", "object": "authenticator", "name": "Pixel 8",
             "status": "revoked", "created_at": "2026-12-07T06:15:52.123456Z",
             "last_used_at": "2026-12-07T07:01:10.004512Z", "revoked_at": "2026-12-07T09:30:00.000001Z"}""";

    static final String AUTHENTICATORS = """
            {"object": "list", "data": [{"id": "authn_5b1d0e2f3a4c4b6d8e9f0a1b2c3d4e5f", "object": "authenticator",
             "name": "Pixel 8", "status": "active", "created_at": "2026-12-07T06:15:52.123456Z",
             "last_used_at": null, "revoked_at": null}]}""";

    static final String REVOKE = """
            {"reason": "lost device"}""";
}

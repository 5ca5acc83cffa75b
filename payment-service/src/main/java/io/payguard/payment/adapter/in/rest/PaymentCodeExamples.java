package io.payguard.payment.adapter.in.rest;

/** Examples of the payment codes API for the OpenAPI document. */
final class PaymentCodeExamples {

    private PaymentCodeExamples() {}

    static final String CREATE = """
            {"funding": "wallet"}""";

    static final String CODE = """
            {"id": "pc_0d5e4c3b2a1948f7a6e5d4c3b2a19f80", "object": "payment_code", "code": "283719046251873904",
             "funding": "wallet", "level": "C", "expires_at": "2026-12-07T09:31:00Z",
             "created_at": "2026-12-07T09:30:00Z"}""";

    static final String CHARGE = """
            {"code": "283719046251873904", "amount": 1200, "currency": "CNY", "description": "till 3"}""";

    static final String CHARGED = """
            {"id": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "object": "payment_intent", "amount": 1200,
             "currency": "CNY", "status": "succeeded", "description": "till 3", "customer": "alice",
             "payment_method_type": "wallet", "capture_method": "automatic", "amount_capturable": 0,
             "amount_received": 1200, "amount_refunded": 0, "metadata": {},
             "created": "2026-12-07T09:30:10Z", "updated": "2026-12-07T09:30:10Z"}""";

    static final String DECLINED = """
            {"id": "pi_9a1c2b1e8d4a4c559a072f1b9c6d0e22", "object": "payment_intent", "amount": 100001,
             "currency": "CNY", "status": "failed", "customer": "alice", "payment_method_type": "wallet",
             "capture_method": "automatic", "amount_capturable": 0, "amount_received": 0, "amount_refunded": 0,
             "failure_code": "risk_declined", "risk_rules": ["barcode_dynamic_level_c"], "metadata": {},
             "created": "2026-12-07T09:31:10Z", "updated": "2026-12-07T09:31:10Z"}""";

    static final String SVG = """
            <svg xmlns="http://www.w3.org/2000/svg" width="360" height="424" viewBox="0 0 360 424">\
            <rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="M20 0h4v1h-4z"/></svg>""";
}

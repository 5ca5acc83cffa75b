package io.payguard.payment.adapter.in.rest;

/** Examples of the QR codes API document (as the code writes them). */
final class QrExamples {

    static final String CREATE_DYNAMIC = """
            {"type": "dynamic", "amount": 60000, "currency": "CNY", "description": "table 4", "expires_in": 300}""";

    static final String CREATE_STATIC = """
            {"type": "static", "currency": "CNY", "label": "till-1"}""";

    static final String PAYLOAD = "00020101021226450011io.payguard0126K7Q2ZP4MX3D5RVNA6YT8EWJCBH5204599953031565406"
            + "600.005802CN5915merchant-7f3c9a6008Shanghai6304E737";

    static final String DYNAMIC = "{\"id\": \"qr_8e1f0c2b3a4d4e5f9a0b1c2d3e4f5a6b\", \"object\": \"qr_code\","
            + " \"type\": \"dynamic\", \"status\": \"active\", \"payment_intent\": \"pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11\","
            + " \"amount\": 60000, \"currency\": \"CNY\", \"expires_at\": \"2026-12-07T06:20:52.123456Z\", \"payload\": \""
            + PAYLOAD
            + "\", \"created_at\": \"2026-12-07T06:15:52.123456Z\"}";

    static final String SCAN = "{\"payload\": \"" + PAYLOAD + "\"}";

    static final String PAY_STATIC = "{\"payload\": \"00020101021126450011io.payguard0126K7Q2ZP4MX3D5RVNA6YT8EWJCBH"
            + "5204599953031565802CN5915merchant-7f3c9a6008Shanghai62100506till-163047D68\", \"amount\": 1200}";

    static final String SCANNED = """
            {"qr_code": "qr_8e1f0c2b3a4d4e5f9a0b1c2d3e4f5a6b", "type": "dynamic",
             "merchant": {"id": "merchant-7f3c9a", "name": "merchant-7f3c9a"}, "amount": 60000, "currency": "CNY",
             "expires_at": "2026-12-07T06:20:52.123456Z"}""";

    static final String PAID = """
            {"id": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "object": "payment_intent", "amount": 60000,
             "currency": "CNY", "status": "succeeded", "description": "table 4", "customer": "cust-7f3c9a2e",
             "payment_method_type": "wallet", "capture_method": "automatic", "amount_capturable": 0,
             "amount_received": 60000, "amount_refunded": 0, "metadata": {"qr_code": "qr_8e1f0c2b3a4d4e5f9a0b1c2d3e4f5a6b"},
             "created": "2026-12-07T06:15:52.123456Z", "updated": "2026-12-07T06:16:10.402117Z"}""";

    /** The start of an SVG answer (one unit per module, the dark modules as one path). */
    static final String SVG =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 37 37\" shape-rendering=\"crispEdges\">"
                    + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"M4,4h1v1h-1zM5,4h1v1h-1z\" fill=\"#000\"/></svg>";

    private QrExamples() {}
}

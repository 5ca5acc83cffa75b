package io.payguard.auth.webhook.adapter.in.rest;

/** Request and response examples of the OpenAPI document (what the tests send and get). */
final class Examples {

    private Examples() {}

    static final String CREATE_REQUEST = "{\"url\": \"https://merchant.example.com/payguard/webhooks\","
            + " \"description\": \"order service\","
            + " \"enabledEvents\": [\"payment_intent.succeeded\", \"refund.succeeded\"], \"mode\": \"live\"}";
    static final String CREATED = "{\"id\": \"we_3f9a0c1d2e4b5a6978877665\", \"object\": \"webhook_endpoint\","
            + " \"url\": \"https://merchant.example.com/payguard/webhooks\", \"description\": \"order service\","
            + " \"enabledEvents\": [\"payment_intent.succeeded\", \"refund.succeeded\"], \"mode\": \"live\","
            + " \"status\": \"enabled\", \"createdAt\": \"2026-12-07T10:00:00Z\","
            + " \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}";
    static final String ENDPOINT = "{\"id\": \"we_3f9a0c1d2e4b5a6978877665\", \"object\": \"webhook_endpoint\","
            + " \"url\": \"https://merchant.example.com/payguard/webhooks\", \"description\": \"order service\","
            + " \"enabledEvents\": [\"*\"], \"mode\": \"live\", \"status\": \"enabled\","
            + " \"createdAt\": \"2026-12-07T10:00:00Z\", \"updatedAt\": \"2026-12-07T10:00:00Z\"}";
    static final String ENDPOINTS =
            "{\"object\": \"list\", \"data\": [" + ENDPOINT + "], \"has_more\": false, \"next_cursor\": null}";
    static final String UPDATE_REQUEST = "{\"enabledEvents\": [\"*\"], \"status\": \"disabled\"}";
    static final String ROTATE_REQUEST = "{\"overlapSeconds\": 3600}";
    static final String ROTATED =
            "{\"secret\": \"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD\", \"previousSecretExpiresAt\": \"2026-12-07T11:00:00Z\"}";
    static final String DELETED =
            "{\"id\": \"we_3f9a0c1d2e4b5a6978877665\", \"object\": \"webhook_endpoint\", \"deleted\": true}";
    static final String DELIVERY = "{\"id\": \"wd_0d5e8a6f1c2b3a4d5e6f7a8b\", \"object\": \"webhook_delivery\","
            + " \"eventId\": \"evt_5b0c6c840f0e4c559d597e0f2b8a3c11\", \"eventType\": \"payment_intent.succeeded\","
            + " \"status\": \"delivered\", \"attempts\": 2, \"createdAt\": \"2026-12-07T10:00:00Z\","
            + " \"deliveredAt\": \"2026-12-07T10:00:41Z\", \"log\": ["
            + "{\"attempt\": 1, \"at\": \"2026-12-07T10:00:01Z\", \"outcome\": \"failed\", \"statusCode\": 503,"
            + " \"latencyMs\": 48, \"failure\": \"http_status\", \"responseExcerpt\": \"try later\"},"
            + " {\"attempt\": 2, \"at\": \"2026-12-07T10:00:41Z\", \"outcome\": \"delivered\", \"statusCode\": 200,"
            + " \"latencyMs\": 35, \"responseExcerpt\": \"ok\"}]}";
    static final String DELIVERIES =
            "{\"object\": \"list\", \"data\": [" + DELIVERY + "], \"has_more\": false, \"next_cursor\": null}";
    static final String EVENT = "{\"id\": \"evt_5b0c6c840f0e4c559d597e0f2b8a3c11\", \"object\": \"event\","
            + " \"type\": \"payment_intent.succeeded\", \"createdAt\": \"2026-12-07T10:00:00Z\", \"mode\": null,"
            + " \"data\": {\"paymentId\": \"pi_7Hq2Xk\", \"merchantId\": \"demo-merchant-a\", \"status\": \"succeeded\","
            + " \"method\": \"wallet\", \"captureMethod\": \"automatic\","
            + " \"total\": {\"minor\": 1000, \"currency\": \"CNY\"}, \"amount\": {\"minor\": 1000, \"currency\": \"CNY\"},"
            + " \"object\": \"payment_intent\", \"objectId\": \"pi_7Hq2Xk\"}}";
    static final String EVENTS = "{\"object\": \"list\", \"data\": [" + EVENT
            + "], \"has_more\": true, \"next_cursor\": \"evt_5b0c6c840f0e4c559d597e0f2b8a3c11\"}";
}

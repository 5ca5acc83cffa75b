package io.payguard.auth.merchant.adapter.in.rest;

/** Request and answer examples of the merchant onboarding operations (the client secret's is not a real one). */
final class MerchantExamples {

    static final String ONBOARD = """
            {"id": "acme-shop", "name": "ACME Shop Ltd", "currency": "CNY", "perTransactionLimitMinor": 5000000,
             "dailyLimitMinor": 50000000}""";

    static final String MERCHANT = """
            {"id": "acme-shop", "name": "ACME Shop Ltd", "currency": "CNY", "perTransactionLimitMinor": 5000000,
             "dailyLimitMinor": 50000000, "status": "active", "createdAt": "2026-12-07T06:15:52.123456Z"}""";

    static final String SUSPENDED = """
            {"id": "acme-shop", "name": "ACME Shop Ltd", "currency": "CNY", "perTransactionLimitMinor": 5000000,
             "dailyLimitMinor": 50000000, "status": "suspended", "createdAt": "2026-12-07T06:15:52.123456Z"}""";

    static final String MERCHANTS = "[" + MERCHANT + "]";

    static final String ONBOARDED = """
            {"merchant": {"id": "acme-shop", "name": "ACME Shop Ltd", "currency": "CNY",
             "perTransactionLimitMinor": 5000000, "dailyLimitMinor": 50000000, "status": "active",
             "createdAt": "2026-12-07T06:15:52.123456Z"}, "clientId": "acme-shop",
             "clientSecret": "EXAMPLE-not-a-real-secret-5f2b8c1d9e0a"}""";

    private MerchantExamples() {}
}

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

    static final String REGISTER_KEY = """
            {"keyId": "ed-2026-12", "alg": "ed25519",
             "publicKey": "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs="}""";

    static final String SIGNING_KEY = """
            {"keyId": "ed-2026-12", "alg": "ed25519",
             "publicKey": "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=", "status": "active",
             "createdAt": "2026-12-07T06:15:52.123456Z", "revokedAt": null}""";

    static final String REVOKED_SIGNING_KEY = """
            {"keyId": "ed-2026-12", "alg": "ed25519",
             "publicKey": "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=", "status": "revoked",
             "createdAt": "2026-12-07T06:15:52.123456Z", "revokedAt": "2026-12-07T09:30:00.000000Z"}""";

    static final String SIGNING_KEYS = "[" + SIGNING_KEY + "]";

    static final String REQUIRE_SIGNING = """
            {"required": true}""";

    static final String SIGNING_REQUIRED = """
            {"merchantId": "acme-shop", "requestSigning": "required"}""";

    private MerchantExamples() {}
}

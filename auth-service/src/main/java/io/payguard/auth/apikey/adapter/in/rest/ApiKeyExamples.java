package io.payguard.auth.apikey.adapter.in.rest;

/** Request and answer examples of the API keys operations (the secret's example is not a real key). */
final class ApiKeyExamples {

    static final String CREATE = """
            {"name": "checkout backend", "kind": "restricted", "mode": "live",
             "scopes": ["payments:read", "payments:write"], "expiresAt": "2027-06-30T00:00:00Z"}""";

    static final String KEY = """
            {"id": "key_5f2b8c1d9e0a4b3c7d6e8f90", "name": "checkout backend", "kind": "restricted", "mode": "live",
             "scopes": ["payments:read", "payments:write"], "hint": "rk_live_…x7Qa",
             "createdAt": "2026-12-07T06:15:52.123456Z", "expiresAt": "2027-06-30T00:00:00Z", "status": "active",
             "lastUsedAt": "2026-12-07T07:01:00.512000Z"}""";

    static final String KEYS = "[" + KEY + "]";

    static final String ISSUED = """
            {"key": {"id": "key_5f2b8c1d9e0a4b3c7d6e8f90", "name": "checkout backend", "kind": "restricted",
             "mode": "live", "scopes": ["payments:read", "payments:write"], "hint": "rk_live_…x7Qa",
             "createdAt": "2026-12-07T06:15:52.123456Z", "expiresAt": "2027-06-30T00:00:00Z", "status": "active"},
             "secret": "rk_live_EXAMPLEexampleEXAMPLEexampleEXAMPLEexamx7Qa"}""";

    static final String ROTATE = """
            {"overlapHours": 24}""";

    static final String REVOKED = """
            {"id": "key_5f2b8c1d9e0a4b3c7d6e8f90", "name": "checkout backend", "kind": "restricted", "mode": "live",
             "scopes": ["payments:read", "payments:write"], "hint": "rk_live_…x7Qa",
             "createdAt": "2026-12-07T06:15:52.123456Z", "expiresAt": "2027-06-30T00:00:00Z",
             "revokedAt": "2026-12-07T08:00:00Z", "status": "revoked"}""";

    private ApiKeyExamples() {}
}

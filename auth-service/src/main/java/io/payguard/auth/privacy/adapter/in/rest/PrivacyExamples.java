package io.payguard.auth.privacy.adapter.in.rest;

/** Examples of the privacy API's document. */
final class PrivacyExamples {

    static final String PURPOSES = """
            {"object": "list", "data": [{"id": "marketing", "version": 1, "title": "Marketing messages",
             "textEn": "We may send you offers by e-mail.", "textZh": "我们可能通过电子邮件向您发送优惠信息。",
             "legalBasis": "consent", "separateConsent": false, "retention": "P3Y"}]}""";
    static final String CONSENTS = """
            {"object": "list", "data": [{"purpose": "marketing", "status": "granted", "version": 1,
             "changedAt": "2026-12-07T10:00:00Z", "channel": "web"}, {"purpose": "cross_border_transfer",
             "status": "not_given", "version": 1}]}""";
    static final String HISTORY = """
            {"object": "list", "data": [{"purpose": "marketing", "status": "granted", "version": 1,
             "textSha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "channel": "web",
             "userAgentSha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
             "changedAt": "2026-12-07T10:00:00Z"}]}""";
    static final String GRANT = """
            {"purpose": "marketing", "version": 1, "channel": "web"}""";
    static final String GRANTED = """
            {"purpose": "marketing", "status": "granted", "version": 1, "changedAt": "2026-12-07T10:00:00Z", "channel": "web"}""";
    static final String WITHDRAWN = """
            {"purpose": "marketing", "status": "withdrawn", "version": 1, "changedAt": "2026-12-07T11:00:00Z", "channel": "web"}""";

    static final String DSR_CREATE = """
            {"type": "access", "jurisdiction": "CN"}""";
    static final String DSR = """
            {"id": "dsr_0123456789abcdef01234567", "object": "data_subject_request", "type": "erasure",
             "status": "completed", "jurisdiction": "CN", "receivedAt": "2026-12-07T10:00:00Z",
             "verifiedAt": "2026-12-07T10:00:00Z", "deadline": "2026-12-22T10:00:00Z",
             "completedAt": "2026-12-07T10:05:00Z", "outcome": [{"service": "payment-service",
             "dataType": "payment_intents", "action": "pseudonymised_held", "count": 12,
             "holdUntil": "2031-12-07T10:05:00Z", "legalBasis": "PRC Anti-Money Laundering Law, art. 35"}]}""";
    static final String SIGNING_KEY = """
            {"alg": "Ed25519", "keyId": "ed25519:3f1c2a9e4b5d6e7f", "publicKey": "MCowBQYDK2VwAyEA11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""";
    static final String EXPORT = """
            {"object": "data_export", "requestId": "dsr_0123456789abcdef01234567",
             "subject": "6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b", "generatedAt": "2026-12-07T10:05:00Z",
             "expiresAt": "2026-12-14T10:05:00Z", "summary": "Personal data PayGuard holds about ...",
             "services": {"auth-service": {"profile": [], "consents": [], "kycTier": 2}},
             "signature": {"alg": "Ed25519", "keyId": "ed25519:3f1c2a9e4b5d6e7f", "value": "..."}}""";
    static final String HOLD_SET = """
            {"subject": "6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b", "reason": "court order 2026-123"}""";
    static final String HOLD = """
            {"id": "lh_0123456789abcdef01234567", "subject": "6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b",
             "reason": "court order 2026-123", "setBy": "5d3e9a10-7c2b-4f1e-9a8d-0b1c2d3e4f50",
             "setAt": "2026-12-07T10:00:00Z"}""";
    static final String MARKETING = """
            {"customer": "6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b", "subject": "Winter offers", "body": "..."}""";

    private PrivacyExamples() {}
}

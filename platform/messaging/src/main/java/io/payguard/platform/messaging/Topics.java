package io.payguard.platform.messaging;

/** Kafka topic names shared across services: {@code <aggregate>.events} and {@code <service>.commands}. */
public final class Topics {
    /** Request and data-access audit records from every service, consumed by the audit service. */
    public static final String AUDIT_RECORDS = "audit.records";
    /** Security events (failed authentications, key lifecycle, onboarding). */
    public static final String SECURITY_EVENTS = "security.events";

    private Topics() {}
}

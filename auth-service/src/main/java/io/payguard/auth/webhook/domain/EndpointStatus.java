package io.payguard.auth.webhook.domain;

import java.util.Locale;

import io.payguard.kernel.failure.ApplicationException;

/** An endpoint receives deliveries only while enabled; a deleted endpoint is gone from the API. */
public enum EndpointStatus {
    ENABLED,
    DISABLED,
    DELETED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EndpointStatus of(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    /** What a merchant may set: {@code enabled} or {@code disabled}. */
    public static EndpointStatus parseSettable(String value) {
        if ("enabled".equals(value)) {
            return ENABLED;
        }
        if ("disabled".equals(value)) {
            return DISABLED;
        }
        throw ApplicationException.invalid(
                "invalid_status", "Invalid status", "status must be 'enabled' or 'disabled'");
    }
}

package io.payguard.auth.webhook.domain;

import java.util.Locale;

import io.payguard.kernel.failure.ApplicationException;

/** Test or live: an endpoint receives the events of its mode; a fact without a mode reaches endpoints of both. */
public enum EndpointMode {
    TEST,
    LIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code test} / {@code live}; anything else is a 400 {@code invalid_mode}. */
    public static EndpointMode parse(String value) {
        if ("test".equals(value)) {
            return TEST;
        }
        if ("live".equals(value)) {
            return LIVE;
        }
        throw ApplicationException.invalid("invalid_mode", "Invalid mode", "mode must be 'test' or 'live'");
    }
}

package io.payguard.auth.apikey.domain;

import java.util.EnumSet;
import java.util.Set;

/** API scopes a key can carry. Services map them to endpoints declaratively. */
public enum Scope {
    PAYMENTS_WRITE("payments:write"),
    PAYMENTS_READ("payments:read"),
    REFUNDS_WRITE("refunds:write"),
    WEBHOOKS_MANAGE("webhooks:manage"),
    WALLETS_READ("wallets:read"),
    TOKENS_WRITE("tokens:write");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Scope fromValue(String value) {
        for (Scope s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope: " + value);
    }

    /** Everything a secret key may do: all server-side scopes (tokenisation is for publishable keys). */
    public static Set<Scope> secretKeyScopes() {
        return EnumSet.complementOf(EnumSet.of(TOKENS_WRITE));
    }

    public static Set<Scope> publishableKeyScopes() {
        return EnumSet.of(TOKENS_WRITE);
    }
}

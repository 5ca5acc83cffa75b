package io.payguard.payment.domain;

import java.util.Optional;

/** How a payment is funded. */
public enum MethodType {
    WALLET("wallet"),
    CARD("card");

    private final String id;

    MethodType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<MethodType> parse(String value) {
        for (var m : values()) {
            if (m.id.equals(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}

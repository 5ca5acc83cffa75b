package io.payguard.platform.protection.privacy;

import java.util.Objects;

/** A participant's answer to "may this subject be erased now?". */
public sealed interface ErasureCheck {

    /** Nothing blocks the erasure; what must not change until it is committed or aborted is frozen. */
    record Ready() implements ErasureCheck {}

    /**
     * Something blocks it (money still owed to the customer, a payment in flight).
     *
     * @param code   a stable snake_case code the customer is told, e.g. {@code wallet_balance_not_zero}
     * @param detail a sentence for the customer, with no personal data
     */
    record Blocked(String code, String detail) implements ErasureCheck {
        public Blocked {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static ErasureCheck ready() {
        return new Ready();
    }

    static ErasureCheck blocked(String code, String detail) {
        return new Blocked(code, detail);
    }
}

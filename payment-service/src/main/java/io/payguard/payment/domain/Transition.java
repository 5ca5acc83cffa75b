package io.payguard.payment.domain;

import java.util.List;

/** The outcome of asking a payment intent to change: applied (new intent and its events) or rejected with why. */
public sealed interface Transition {

    record Applied(PaymentIntent intent, List<PaymentEvent> events) implements Transition {
        public Applied {
            events = List.copyOf(events);
        }
    }

    /**
     * {@code illegal_transition}: the action is not allowed in {@code currentStatus}; {@code invalid_amount}: the
     * state allows it, but not for that amount.
     */
    record Rejected(String code, String currentStatus, String detail) implements Transition {
        public static final String ILLEGAL = "illegal_transition";
        public static final String INVALID_AMOUNT = "invalid_amount";
    }
}

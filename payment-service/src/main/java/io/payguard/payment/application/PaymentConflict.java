package io.payguard.payment.application;

import io.payguard.kernel.failure.ApplicationException;

/** A state conflict (answered 409): the action is not allowed in the payment's current state, which the problem document names. */
public class PaymentConflict extends ApplicationException {

    private final String currentStatus;

    public PaymentConflict(String currentStatus, String detail) {
        super(
                Kind.STATE_CONFLICT,
                "payment_intent_unexpected_state",
                "Payment intent in an unexpected state",
                detail,
                null);
        this.currentStatus = currentStatus;
    }

    public String currentStatus() {
        return currentStatus;
    }
}

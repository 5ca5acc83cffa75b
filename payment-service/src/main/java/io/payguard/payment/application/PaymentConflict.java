package io.payguard.payment.application;

import io.payguard.platform.web.ProblemException;

/** 409: the action is not allowed in the payment's current state, which the problem document names. */
public class PaymentConflict extends ProblemException {

    private final String currentStatus;

    public PaymentConflict(String currentStatus, String detail) {
        super(409, "payment_intent_unexpected_state", "Payment intent in an unexpected state", detail);
        this.currentStatus = currentStatus;
    }

    public String currentStatus() {
        return currentStatus;
    }
}

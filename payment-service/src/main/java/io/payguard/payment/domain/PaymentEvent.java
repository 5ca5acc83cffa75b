package io.payguard.payment.domain;

import io.payguard.kernel.Money;

/**
 * What a transition did, for the outbox: facts for {@code payment.events} and the requests the funding side
 * (wallet or acquirer) must carry out.
 */
public sealed interface PaymentEvent {

    record Created() implements PaymentEvent {}

    record ActionRequired() implements PaymentEvent {}

    /** A card payment passed 3-D Secure; it waits to be confirmed again with the card's CVV. */
    record Authenticated() implements PaymentEvent {}

    /** Funds of the full amount must be authorised (a wallet hold, a card authorisation). */
    record AuthorisationRequested(Money amount) implements PaymentEvent {}

    record Authorised(String authorization, Money amount) implements PaymentEvent {}

    record CaptureRequested(String authorization, Money amount) implements PaymentEvent {}

    record Captured(String authorization, Money amount) implements PaymentEvent {}

    /** An authorisation that is no longer needed must be released. */
    record ReleaseRequested(String authorization) implements PaymentEvent {}

    record Failed(String reasonCode) implements PaymentEvent {}

    record Canceled(String reason) implements PaymentEvent {}

    record RefundRequested(String refundId, Money amount) implements PaymentEvent {}

    record Refunded(String refundId, Money amount) implements PaymentEvent {}

    record RefundFailed(String refundId, Money amount, String reasonCode) implements PaymentEvent {}

    /** The authorisation of a payment the risk rules sent to review is held: the payment waits for an operator. */
    record ReviewOpened(Money amount) implements PaymentEvent {}

    /**
     * The review ended: {@code outcome} {@code approved}, {@code declined}, {@code expired} or {@code canceled} (by the
     * merchant); {@code reviewer} (the operator's subject) and {@code reason} (their free text) for a decision.
     */
    record ReviewClosed(String outcome, String reviewer, String reason) implements PaymentEvent {
        public static final String APPROVED = "approved";
        public static final String DECLINED = "declined";
        public static final String EXPIRED = "expired";
        public static final String CANCELED = "canceled";
    }
}

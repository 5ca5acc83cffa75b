package io.payguard.payment.application;

/** Topics and event types this service speaks (contracts/events/README.md). */
public final class PaymentTopics {
    public static final String WALLET_COMMANDS = "wallet.commands";
    public static final String WALLET_EVENTS = "wallet.events";
    public static final String PAYMENT_EVENTS = "payment.events";
    public static final String SOURCE = "/payguard/payment-service";
    public static final String AGGREGATE = "payment";

    public static final String HOLD_PLACE = "io.payguard.wallet.hold.place.v1";
    public static final String HOLD_CAPTURE = "io.payguard.wallet.hold.capture.v1";
    public static final String HOLD_VOID = "io.payguard.wallet.hold.void.v1";
    public static final String REFUND = "io.payguard.wallet.refund.v1";
    public static final String TOP_UP_CREDIT = "io.payguard.wallet.top_up.credit.v1";
    public static final String TOP_UP_REVERSE = "io.payguard.wallet.top_up.reverse.v1";
    public static final String PAYOUT_HOLD = "io.payguard.wallet.payout.hold.v1";
    public static final String PAYOUT_SETTLE = "io.payguard.wallet.payout.settle.v1";
    public static final String PAYOUT_RETURN = "io.payguard.wallet.payout.return.v1";

    public static final String HOLD_PLACED = "io.payguard.wallet.hold.placed.v1";
    public static final String HOLD_REFUSED = "io.payguard.wallet.hold.refused.v1";
    public static final String HOLD_CAPTURED = "io.payguard.wallet.hold.captured.v1";
    public static final String HOLD_VOIDED = "io.payguard.wallet.hold.voided.v1";
    public static final String REFUND_COMPLETED = "io.payguard.wallet.refund.completed.v1";
    public static final String REFUND_REFUSED = "io.payguard.wallet.refund.refused.v1";
    public static final String TOP_UP_CREDITED = "io.payguard.wallet.top_up.credited.v1";
    public static final String TOP_UP_REFUSED = "io.payguard.wallet.top_up.refused.v1";
    public static final String TOP_UP_REVERSED = "io.payguard.wallet.top_up.reversed.v1";
    public static final String TOP_UP_REVERSE_REFUSED = "io.payguard.wallet.top_up.reverse_refused.v1";
    public static final String PAYOUT_RETURNED = "io.payguard.wallet.payout.returned.v1";
    public static final String COMMAND_REJECTED = "io.payguard.wallet.command.rejected.v1";

    private PaymentTopics() {}
}

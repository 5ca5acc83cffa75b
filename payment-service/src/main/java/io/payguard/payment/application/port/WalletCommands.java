package io.payguard.payment.application.port;

import java.time.Instant;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.Payout;
import io.smallrye.mutiny.Uni;

/**
 * Commands to wallet-service on {@code wallet.commands}, for a payment or a payout. Each is remembered as an
 * unanswered command ({@code wallet_command}, re-sent with the same id until the wallet answers) and appended to the
 * outbox in the caller's transaction. The adapter owns the wire format.
 */
public interface WalletCommands {

    /** What the wallet is asked to do; the payment's or payout's id travels with each command. */
    sealed interface Command {}

    /**
     * Hold (and with {@code capture} debit at once) a payment's amount from the customer's wallet; {@code capture} is
     * only sent when true, so a wallet that does not know the flag takes the two-step path.
     */
    record PlaceHold(
            String customerId, String merchantId, Money amount, Instant expiresAt, String reference, boolean capture)
            implements Command {}

    record CaptureHold(String holdId, Money amount) implements Command {}

    record VoidHold(String holdId) implements Command {}

    record Refund(String refundId, String merchantId, String customerId, Money amount) implements Command {}

    record CreditTopUp(String walletId, String customerId, Money amount) implements Command {}

    record ReverseTopUp(String refundId, String walletId, String customerId, Money amount) implements Command {}

    record HoldPayout(String walletId, String customerId, Money amount, Instant expiresAt) implements Command {}

    record SettlePayout(String holdId, Money amount) implements Command {}

    record ReturnPayout(String walletId, String customerId, Money amount) implements Command {}

    /** A command about a payment (aggregate {@code payment}). */
    Uni<Void> send(PaymentIntent payment, Command command);

    /** A command about a payout (aggregate {@code payout}). */
    Uni<Void> send(Payout payout, Command command);
}

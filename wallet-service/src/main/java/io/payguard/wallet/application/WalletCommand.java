package io.payguard.wallet.application;

import java.time.Instant;
import java.util.UUID;

import io.payguard.kernel.Money;
import io.payguard.wallet.domain.AccountId;

/**
 * A well-formed wallet command from the payment service (contracts/events/README.md), decoded from its event by the
 * messaging adapter: every field is present and valid by the time {@link WalletCommandHandler} sees it.
 */
public sealed interface WalletCommand {
    String paymentId();

    /** {@code capture}: capture the whole hold in the same transaction (automatic capture, one round trip). */
    record PlaceHold(
            String paymentId, String customerId, String merchantId, Money amount, Instant expiresAt, boolean capture)
            implements WalletCommand {}

    record Capture(String paymentId, UUID holdId, Money amount) implements WalletCommand {}

    record Void(String paymentId, UUID holdId) implements WalletCommand {}

    record Refund(String paymentId, String refundId, String merchantId, String customerId, Money amount)
            implements WalletCommand {}

    /** A payout to the customer's bank account: hold the money on their own wallet until the bank has paid. */
    record PayoutHold(String paymentId, AccountId walletId, String customerId, Money amount, Instant expiresAt)
            implements WalletCommand {}

    /** The bank paid the payout: the held money goes to withdrawal clearing (only now is the wallet debited). */
    record PayoutSettle(String paymentId, UUID holdId, Money amount) implements WalletCommand {}

    /** The bank returned a paid payout: the money comes back from withdrawal clearing to the wallet. */
    record PayoutReturn(String paymentId, AccountId walletId, String customerId, Money amount)
            implements WalletCommand {}

    /** A top-up refunded to its card: the wallet gives the money back to funding clearing first, or refuses. */
    record ReverseTopUp(String paymentId, String refundId, AccountId walletId, String customerId, Money amount)
            implements WalletCommand {}

    /** A card charge the payment service captured for the customer's own wallet: the money a rail delivered. */
    record CreditTopUp(String paymentId, AccountId walletId, String customerId, Money amount)
            implements WalletCommand {}
}

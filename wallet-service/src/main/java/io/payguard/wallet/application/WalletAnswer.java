package io.payguard.wallet.application;

import java.util.UUID;

import io.payguard.kernel.Money;
import io.payguard.wallet.domain.AccountId;

/**
 * The answer to one {@link WalletCommand}, for the payment service (contracts/events/README.md): what was done, or why
 * not. Refusal reasons are the ledger's ids ({@code insufficient_funds}, {@code wallet_not_found}, ...).
 */
public sealed interface WalletAnswer {
    String paymentId();

    /** {@code hold.placed}: the amount is held on the wallet. */
    record HoldPlaced(String paymentId, UUID holdId, AccountId walletId, Money amount) implements WalletAnswer {}

    /**
     * {@code hold.captured}: {@code amount} was captured, {@code released} went back to the wallet; {@code walletId} only
     * when the hold was placed and captured at once (automatic capture), else null.
     */
    record HoldCaptured(String paymentId, UUID holdId, AccountId walletId, Money amount, Money released, UUID entryId)
            implements WalletAnswer {}

    /** {@code hold.voided}: the hold ended, {@code released} went back to the wallet. */
    record HoldVoided(String paymentId, UUID holdId, Money released) implements WalletAnswer {}

    /** {@code hold.refused}: nothing is held; {@code limit} names the limit that would be exceeded, or is null. */
    record HoldRefused(String paymentId, String reason, String limit) implements WalletAnswer {}

    /** {@code refund.completed}. */
    record RefundCompleted(String paymentId, String refundId, Money amount, UUID entryId) implements WalletAnswer {}

    /** {@code refund.refused}. */
    record RefundRefused(String paymentId, String refundId, String reason) implements WalletAnswer {}

    /** {@code top_up.credited}. */
    record TopUpCredited(String paymentId, AccountId walletId, Money amount, UUID entryId) implements WalletAnswer {}

    /** {@code top_up.refused}: the payment service gives the charge back to the card. */
    record TopUpRefused(String paymentId, AccountId walletId, String reason) implements WalletAnswer {}

    /** {@code top_up.reversed}: the money is back in funding clearing; the payment service refunds the card. */
    record TopUpReversed(String paymentId, String refundId, AccountId walletId, Money amount, UUID entryId)
            implements WalletAnswer {}

    /** {@code top_up.reverse_refused}: nothing moved. */
    record TopUpReverseRefused(String paymentId, String refundId, String reason) implements WalletAnswer {}

    /** {@code payout.returned}. */
    record PayoutReturned(String paymentId, AccountId walletId, Money amount, UUID entryId) implements WalletAnswer {}

    /** {@code command.rejected}: the command cannot apply (unknown hold, a hold of another kind, ...). */
    record Rejected(String paymentId, String reason) implements WalletAnswer {}
}

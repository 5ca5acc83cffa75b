package io.payguard.wallet.application;

import static io.payguard.wallet.application.EffectAnswers.now;
import static io.payguard.wallet.application.EffectAnswers.rejected;
import static io.payguard.wallet.application.EffectAnswers.rejectedNow;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.wallet.application.port.WalletStore;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.EntryKind;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.RefusalReason;
import io.smallrye.mutiny.Uni;

/**
 * The effects of the wallet commands that move money without a hold (called by {@link WalletCommandHandler} inside
 * its transaction): a merchant refund back to the customer's wallet, a card top-up credited and reversed, a returned
 * payout credited back.
 */
@ApplicationScoped
class TransferEffects {

    private final LedgerService ledger;
    private final WalletStore wallets;
    private final AccountLayout layout;

    TransferEffects(LedgerService ledger, WalletStore wallets, AccountLayout layout) {
        this.ledger = ledger;
        this.wallets = wallets;
        this.layout = layout;
    }

    /** Refunds a merchant payment from the merchant's buckets to the customer's wallet in the refund's currency. */
    Uni<WalletAnswer> refund(WalletCommand.Refund c) {
        return wallets.walletOf(c.customerId(), c.amount().currency()).flatMap(wallet -> {
            if (wallet.isEmpty()) {
                return now(new WalletAnswer.RefundRefused(
                        c.paymentId(), c.refundId(), RefusalReason.WALLET_NOT_FOUND.id()));
            }
            var buckets = layout.merchantBuckets(c.merchantId(), c.amount().currency());
            return ledger.execute(
                            new LedgerCommand.Refund(buckets, wallet.get().id(), c.amount(), "refund:" + c.refundId()))
                    .map(outcome -> switch (outcome) {
                        case Outcome.Posted p ->
                            new WalletAnswer.RefundCompleted(
                                    c.paymentId(),
                                    c.refundId(),
                                    c.amount(),
                                    p.entry().id());
                        case Outcome.Refused r ->
                            new WalletAnswer.RefundRefused(
                                    c.paymentId(), c.refundId(), r.reason().id());
                        default ->
                            new WalletAnswer.RefundRefused(
                                    c.paymentId(), c.refundId(), ((Outcome.Rejected) outcome).reason());
                    });
        });
    }

    /**
     * Credits a captured top-up to the wallet it was made for, from the funding clearing account. The wallet must be
     * the paying customer's own, in the charge's currency and not frozen; otherwise {@code top_up.refused} and the
     * payment service gives the charge back to the card.
     */
    Uni<WalletAnswer> creditTopUp(WalletCommand.CreditTopUp c) {
        return ownWalletRefusal(c.customerId(), c.walletId(), c.amount()).flatMap(refusal -> {
            if (refusal.isPresent()) {
                return now(new WalletAnswer.TopUpRefused(
                        c.paymentId(), c.walletId(), refusal.get().id()));
            }
            var clearing = layout.funding(c.amount().currency(), c.paymentId());
            return ledger.execute(
                            new LedgerCommand.TopUp(c.walletId(), clearing, c.amount(), "top_up:" + c.paymentId()))
                    .map(outcome -> switch (outcome) {
                        case Outcome.Posted p ->
                            new WalletAnswer.TopUpCredited(
                                    c.paymentId(),
                                    c.walletId(),
                                    c.amount(),
                                    p.entry().id());
                        case Outcome.Refused r ->
                            new WalletAnswer.TopUpRefused(
                                    c.paymentId(), c.walletId(), r.reason().id());
                        default -> rejected(c.paymentId(), outcome);
                    });
        });
    }

    /** The bank returned a paid payout: credited back to the payer's wallet from withdrawal clearing. */
    Uni<WalletAnswer> payoutReturn(WalletCommand.PayoutReturn c) {
        return ownWalletRefusal(c.customerId(), c.walletId(), c.amount()).flatMap(refusal -> {
            if (refusal.isPresent()) {
                return rejectedNow(c.paymentId(), RefusalReason.WALLET_NOT_FOUND.id());
            }
            var clearing = layout.withdrawal(c.amount().currency(), c.paymentId());
            return ledger.execute(new LedgerCommand.TopUp(
                            c.walletId(), clearing, c.amount(), "payout_return:" + c.paymentId()))
                    .map(outcome -> switch (outcome) {
                        case Outcome.Posted p ->
                            new WalletAnswer.PayoutReturned(
                                    c.paymentId(),
                                    c.walletId(),
                                    c.amount(),
                                    p.entry().id());
                        default -> rejected(c.paymentId(), outcome);
                    });
        });
    }

    /**
     * Takes a refunded top-up back out of the payer's wallet into funding clearing, before the card is refunded: answered
     * {@code top_up.reversed} (the payment service then refunds the card) or {@code top_up.reverse_refused} with the reason
     * ({@code insufficient_funds} when the money was spent meanwhile), nothing moved.
     */
    Uni<WalletAnswer> reverseTopUp(WalletCommand.ReverseTopUp c) {
        return ownWalletRefusal(c.customerId(), c.walletId(), c.amount()).flatMap(refusal -> {
            if (refusal.isPresent()) {
                return now(new WalletAnswer.TopUpReverseRefused(
                        c.paymentId(), c.refundId(), refusal.get().id()));
            }
            var clearing = layout.funding(c.amount().currency(), c.paymentId());
            return ledger.execute(new LedgerCommand.Transfer(
                            EntryKind.TOP_UP_REFUND,
                            c.walletId(),
                            clearing,
                            c.amount(),
                            "top_up_refund:" + c.refundId()))
                    .map(outcome -> switch (outcome) {
                        case Outcome.Posted p ->
                            new WalletAnswer.TopUpReversed(
                                    c.paymentId(),
                                    c.refundId(),
                                    c.walletId(),
                                    c.amount(),
                                    p.entry().id());
                        case Outcome.Refused r ->
                            new WalletAnswer.TopUpReverseRefused(
                                    c.paymentId(), c.refundId(), r.reason().id());
                        case Outcome.Rejected r ->
                            new WalletAnswer.TopUpReverseRefused(c.paymentId(), c.refundId(), r.reason());
                        default -> rejected(c.paymentId(), outcome);
                    });
        });
    }

    /** Empty when {@code walletId} is the customer's own wallet in the amount's currency; otherwise why it is not. */
    private Uni<Optional<RefusalReason>> ownWalletRefusal(String customerId, AccountId walletId, Money amount) {
        return wallets.owned(customerId, walletId).map(wallet -> {
            if (wallet.isEmpty()) {
                return Optional.of(RefusalReason.WALLET_NOT_FOUND);
            }
            return wallet.get().currency().equals(amount.currency())
                    ? Optional.<RefusalReason>empty()
                    : Optional.of(RefusalReason.CURRENCY_MISMATCH);
        });
    }
}

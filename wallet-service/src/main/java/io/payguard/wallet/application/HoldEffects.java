package io.payguard.wallet.application;

import static io.payguard.wallet.application.EffectAnswers.captured;
import static io.payguard.wallet.application.EffectAnswers.holdRefused;
import static io.payguard.wallet.application.EffectAnswers.now;
import static io.payguard.wallet.application.EffectAnswers.rejected;
import static io.payguard.wallet.application.EffectAnswers.rejectedNow;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.platform.web.merchant.MerchantDirectory;
import io.payguard.wallet.application.port.LedgerStore;
import io.payguard.wallet.application.port.WalletStore;
import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.RefusalReason;
import io.smallrye.mutiny.Uni;

/**
 * The effects of the wallet commands on holds (called by {@link WalletCommandHandler} inside its transaction): a
 * merchant payment's hold is placed (and captured at once when asked), captured into the merchant's bucket or voided;
 * a payout's hold is placed on the payer's own wallet and settled into withdrawal clearing.
 */
@ApplicationScoped
class HoldEffects {

    private final LedgerService ledger;
    private final LedgerStore ledgerStore;
    private final WalletStore wallets;
    private final AccountLayout layout;
    private final Ids ids;
    private final MerchantDirectory merchants;

    HoldEffects(
            LedgerService ledger,
            LedgerStore ledgerStore,
            WalletStore wallets,
            AccountLayout layout,
            Ids ids,
            MerchantDirectory merchants) {
        this.ledger = ledger;
        this.ledgerStore = ledgerStore;
        this.wallets = wallets;
        this.layout = layout;
        this.ids = ids;
        this.merchants = merchants;
    }

    /**
     * Holds a merchant payment's amount on the customer's wallet in its currency; with {@code capture}, places and
     * captures in this one transaction (the engine applies both rules or neither). Nothing is held for a payee the
     * merchant directory does not know or has suspended.
     */
    Uni<WalletAnswer> placeHold(WalletCommand.PlaceHold c) {
        var refusal = MerchantDirectory.refusal(merchants.find(c.merchantId()));
        if (refusal.isPresent()) {
            return now(new WalletAnswer.HoldRefused(c.paymentId(), refusal.get().code(), null));
        }
        return wallets.walletOf(c.customerId(), c.amount().currency()).flatMap(wallet -> {
            if (wallet.isEmpty()) {
                return now(new WalletAnswer.HoldRefused(c.paymentId(), RefusalReason.WALLET_NOT_FOUND.id(), null));
            }
            return c.capture() ? placeAndCapture(c, wallet.get()) : place(c, wallet.get());
        });
    }

    private Uni<WalletAnswer> placeAndCapture(WalletCommand.PlaceHold c, Account wallet) {
        var holdId = ids.next();
        var payee = layout.merchantBucket(c.merchantId(), c.amount().currency(), c.paymentId());
        return ledger.execute(
                        new LedgerCommand.PlaceAndCaptureHold(
                                holdId, wallet.id(), payee, c.amount(), c.expiresAt(), c.paymentId()),
                        c.merchantId())
                .map(outcome -> switch (outcome) {
                    case Outcome.Posted p -> captured(c.paymentId(), holdId, wallet.id(), c.amount(), p);
                    case Outcome.Refused r -> holdRefused(c.paymentId(), r);
                    default -> rejected(c.paymentId(), outcome);
                });
    }

    private Uni<WalletAnswer> place(WalletCommand.PlaceHold c, Account wallet) {
        return placed(
                new LedgerCommand.PlaceHold(ids.next(), wallet.id(), c.amount(), c.expiresAt(), c.paymentId()),
                c.merchantId());
    }

    /** Captures a merchant payment's hold into the bucket of the merchant it was placed for. */
    Uni<WalletAnswer> capture(WalletCommand.Capture c) {
        return withHoldOf(
                c.paymentId(),
                c.holdId(),
                () -> ledgerStore.holdMerchant(c.holdId()).flatMap(merchant -> {
                    if (merchant.isEmpty() || merchant.get() == null) {
                        return rejectedNow(c.paymentId(), "hold_has_no_merchant");
                    }
                    var payee = layout.merchantBucket(merchant.get(), c.amount().currency(), c.paymentId());
                    return captureInto(c.paymentId(), c.holdId(), payee, c.amount());
                }));
    }

    Uni<WalletAnswer> voidHold(WalletCommand.Void c) {
        return withHoldOf(
                c.paymentId(),
                c.holdId(),
                () -> ledger.execute(new LedgerCommand.VoidHold(c.holdId(), c.paymentId()))
                        .map(outcome -> switch (outcome) {
                            case Outcome.HoldChanged h ->
                                new WalletAnswer.HoldVoided(
                                        c.paymentId(),
                                        c.holdId(),
                                        h.hold().amount().withMinor(h.released()));
                            default -> rejected(c.paymentId(), outcome);
                        }));
    }

    /**
     * Holds a payout's amount on the payer's own wallet (outflow limits of its class apply, as for any hold): answered
     * {@code hold.placed} or {@code hold.refused}; the hold has no merchant and can only be settled into withdrawal
     * clearing or voided.
     */
    Uni<WalletAnswer> payoutHold(WalletCommand.PayoutHold c) {
        return wallets.owned(c.customerId(), c.walletId())
                .flatMap(wallet -> wallet.isEmpty()
                        ? now(new WalletAnswer.HoldRefused(c.paymentId(), RefusalReason.WALLET_NOT_FOUND.id(), null))
                        : placed(
                                new LedgerCommand.PlaceHold(
                                        ids.next(), c.walletId(), c.amount(), c.expiresAt(), c.paymentId()),
                                null));
    }

    /** The bank paid: the payout's hold is captured into withdrawal clearing ({@code hold.captured}, entry kind withdrawal). */
    Uni<WalletAnswer> payoutSettle(WalletCommand.PayoutSettle c) {
        // a merchant payment's hold is never paid out to a bank account
        return withHoldOf(
                c.paymentId(),
                c.holdId(),
                () -> ledgerStore
                        .holdMerchant(c.holdId())
                        .flatMap(merchant -> merchant.isPresent() && merchant.get() != null
                                ? rejectedNow(c.paymentId(), "not_a_payout_hold")
                                : captureInto(
                                        c.paymentId(),
                                        c.holdId(),
                                        layout.withdrawal(c.amount().currency(), c.paymentId()),
                                        c.amount())));
    }

    /** Runs {@code effect} when the hold exists and was placed for this payment; {@code unknown_hold} otherwise. */
    private Uni<WalletAnswer> withHoldOf(String paymentId, UUID holdId, Supplier<Uni<WalletAnswer>> effect) {
        return ledgerStore.hold(holdId, false).flatMap(hold -> {
            if (hold.isEmpty() || !hold.get().reference().equals(paymentId)) {
                return rejectedNow(paymentId, "unknown_hold");
            }
            return effect.get();
        });
    }

    private Uni<WalletAnswer> placed(LedgerCommand.PlaceHold hold, String merchantId) {
        return ledger.execute(hold, merchantId).map(outcome -> switch (outcome) {
            case Outcome.HoldChanged h ->
                new WalletAnswer.HoldPlaced(hold.reference(), hold.holdId(), hold.wallet(), hold.amount());
            case Outcome.Refused r -> holdRefused(hold.reference(), r);
            default -> rejected(hold.reference(), outcome);
        });
    }

    private Uni<WalletAnswer> captureInto(String paymentId, UUID holdId, AccountId into, Money amount) {
        return ledger.execute(new LedgerCommand.CaptureHold(holdId, into, amount, paymentId))
                .map(outcome -> switch (outcome) {
                    case Outcome.Posted p -> captured(paymentId, holdId, null, amount, p);
                    default -> rejected(paymentId, outcome);
                });
    }
}

package io.payguard.wallet.application;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.platform.messaging.ProcessedEvents;
import io.payguard.platform.web.merchant.MerchantDirectory;
import io.payguard.wallet.application.port.LedgerStore;
import io.payguard.wallet.application.port.WalletAnswers;
import io.payguard.wallet.application.port.WalletStore;
import io.payguard.wallet.domain.EntryKind;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.RefusalReason;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Answers the payment service's wallet commands (contracts/events/README.md) exactly once each: the effect,
 * the processed-event record, the stored answer and the answer's outbox row commit together. A command seen
 * before has no second effect; its stored answer is published again (same event id, so consumers
 * de-duplicate it). Commands arrive decoded and well-formed (the messaging adapter dead-letters the rest); answers
 * leave as typed {@link WalletAnswer}s through {@link WalletAnswers}.
 */
@ApplicationScoped
public class WalletCommandHandler {

    public static final String CONSUMER = "wallet-commands";

    private final LedgerService ledger;
    private final LedgerStore ledgerStore;
    private final WalletStore wallets;
    private final AccountLayout layout;
    private final ProcessedEvents processed;
    private final WalletAnswers answers;
    private final Ids ids;
    private final MerchantDirectory merchants;

    public WalletCommandHandler(
            LedgerService ledger,
            LedgerStore ledgerStore,
            WalletStore wallets,
            AccountLayout layout,
            ProcessedEvents processed,
            WalletAnswers answers,
            Ids ids,
            MerchantDirectory merchants) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.ledgerStore = ledgerStore;
        this.wallets = wallets;
        this.layout = layout;
        this.processed = processed;
        this.answers = answers;
        this.ids = ids;
    }

    /**
     * @param commandId the command event's id: it is processed once, and its answer is stored under it
     * @return true when the command took effect now, false when it had been answered before
     */
    public Uni<Boolean> handle(String commandId, WalletCommand command) {
        Uni<java.lang.Void> ready = switch (command) {
            case WalletCommand.PlaceHold c ->
                merchants
                        .lookup(c.merchantId())
                        .flatMap(m -> ledger.ensureAccounts(
                                c.amount().currency(),
                                MerchantDirectory.refusal(m).isEmpty() ? c.merchantId() : null));
            case WalletCommand.Refund c -> ledger.ensureAccounts(c.amount().currency(), c.merchantId());
            case WalletCommand.CreditTopUp c -> ledger.ensureAccounts(c.amount().currency(), null);
            case WalletCommand.PayoutHold c -> ledger.ensureAccounts(c.amount().currency(), null);
            case WalletCommand.PayoutSettle c ->
                ledger.ensureAccounts(c.amount().currency(), null);
            case WalletCommand.PayoutReturn c ->
                ledger.ensureAccounts(c.amount().currency(), null);
            case WalletCommand.ReverseTopUp c ->
                ledger.ensureAccounts(c.amount().currency(), null);
            default -> Uni.createFrom().voidItem();
        };
        return ready.flatMap(x -> Panache.withTransaction(() -> processed
                .markProcessed(CONSUMER, commandId)
                .flatMap(first -> first
                        ? effect(command)
                                .flatMap(answer -> answers.answer(commandId, answer))
                                .replaceWith(true)
                        : answers.republish(commandId).replaceWith(false))));
    }

    private Uni<WalletAnswer> effect(WalletCommand command) {
        if (command instanceof WalletCommand.PlaceHold c) {
            var refusal = MerchantDirectory.refusal(merchants.find(c.merchantId()));
            if (refusal.isPresent()) { // the payee is unknown or suspended in the merchant directory: nothing is held
                return Uni.createFrom()
                        .item(new WalletAnswer.HoldRefused(
                                c.paymentId(), refusal.get().code(), null));
            }
        }
        return switch (command) {
            case WalletCommand.PlaceHold c ->
                wallets.walletOf(c.customerId(), c.amount().currency()).flatMap(wallet -> {
                    if (wallet.isEmpty()) {
                        return Uni.createFrom()
                                .item(new WalletAnswer.HoldRefused(
                                        c.paymentId(), RefusalReason.WALLET_NOT_FOUND.id(), null));
                    }
                    var holdId = ids.next();
                    var walletId = wallet.get().id();
                    if (c.capture()) {
                        // place and capture in this one transaction: the engine applies both rules or neither
                        var payee =
                                layout.merchantBucket(c.merchantId(), c.amount().currency(), c.paymentId());
                        return ledger.execute(
                                        new LedgerCommand.PlaceAndCaptureHold(
                                                holdId, walletId, payee, c.amount(), c.expiresAt(), c.paymentId()),
                                        c.merchantId())
                                .map(outcome -> switch (outcome) {
                                    case Outcome.Posted p ->
                                        new WalletAnswer.HoldCaptured(
                                                c.paymentId(),
                                                holdId,
                                                walletId,
                                                c.amount(),
                                                c.amount().withMinor(p.released()),
                                                p.entry().id());
                                    case Outcome.Refused r -> holdRefused(c.paymentId(), r);
                                    default -> rejected(c.paymentId(), outcome);
                                });
                    }
                    return ledger.execute(
                                    new LedgerCommand.PlaceHold(
                                            holdId, walletId, c.amount(), c.expiresAt(), c.paymentId()),
                                    c.merchantId())
                            .map(outcome -> switch (outcome) {
                                case Outcome.HoldChanged h ->
                                    new WalletAnswer.HoldPlaced(c.paymentId(), holdId, walletId, c.amount());
                                case Outcome.Refused r -> holdRefused(c.paymentId(), r);
                                default -> rejected(c.paymentId(), outcome);
                            });
                });
            case WalletCommand.Capture c ->
                ledgerStore.hold(c.holdId(), false).flatMap(hold -> {
                    if (hold.isEmpty() || !hold.get().reference().equals(c.paymentId())) {
                        return Uni.createFrom().item(rejected(c.paymentId(), new Outcome.Rejected("unknown_hold")));
                    }
                    return ledgerStore.holdMerchant(c.holdId()).flatMap(merchant -> {
                        if (merchant.isEmpty() || merchant.get() == null) {
                            return Uni.createFrom()
                                    .item(rejected(c.paymentId(), new Outcome.Rejected("hold_has_no_merchant")));
                        }
                        var payee =
                                layout.merchantBucket(merchant.get(), c.amount().currency(), c.paymentId());
                        return ledger.execute(
                                        new LedgerCommand.CaptureHold(c.holdId(), payee, c.amount(), c.paymentId()))
                                .map(outcome -> switch (outcome) {
                                    case Outcome.Posted p ->
                                        new WalletAnswer.HoldCaptured(
                                                c.paymentId(),
                                                c.holdId(),
                                                null,
                                                c.amount(),
                                                c.amount().withMinor(p.released()),
                                                p.entry().id());
                                    default -> rejected(c.paymentId(), outcome);
                                });
                    });
                });
            case WalletCommand.Void c ->
                ledgerStore.hold(c.holdId(), false).flatMap(hold -> {
                    if (hold.isEmpty() || !hold.get().reference().equals(c.paymentId())) {
                        return Uni.createFrom().item(rejected(c.paymentId(), new Outcome.Rejected("unknown_hold")));
                    }
                    return ledger.execute(new LedgerCommand.VoidHold(c.holdId(), c.paymentId()))
                            .map(outcome -> switch (outcome) {
                                case Outcome.HoldChanged h ->
                                    new WalletAnswer.HoldVoided(
                                            c.paymentId(),
                                            c.holdId(),
                                            h.hold().amount().withMinor(h.released()));
                                default -> rejected(c.paymentId(), outcome);
                            });
                });
            case WalletCommand.Refund c ->
                wallets.walletOf(c.customerId(), c.amount().currency()).flatMap(wallet -> {
                    if (wallet.isEmpty()) {
                        return Uni.createFrom()
                                .item(new WalletAnswer.RefundRefused(
                                        c.paymentId(), c.refundId(), RefusalReason.WALLET_NOT_FOUND.id()));
                    }
                    var buckets =
                            layout.merchantBuckets(c.merchantId(), c.amount().currency());
                    return ledger.execute(new LedgerCommand.Refund(
                                    buckets, wallet.get().id(), c.amount(), "refund:" + c.refundId()))
                            .map(outcome -> switch (outcome) {
                                case Outcome.Posted p ->
                                    new WalletAnswer.RefundCompleted(
                                            c.paymentId(),
                                            c.refundId(),
                                            c.amount(),
                                            p.entry().id());
                                case Outcome.Refused r ->
                                    new WalletAnswer.RefundRefused(
                                            c.paymentId(),
                                            c.refundId(),
                                            r.reason().id());
                                default ->
                                    new WalletAnswer.RefundRefused(
                                            c.paymentId(), c.refundId(), ((Outcome.Rejected) outcome).reason());
                            });
                });
            case WalletCommand.CreditTopUp c -> creditTopUp(c);
            case WalletCommand.PayoutHold c -> payoutHold(c);
            case WalletCommand.PayoutSettle c -> payoutSettle(c);
            case WalletCommand.PayoutReturn c -> payoutReturn(c);
            case WalletCommand.ReverseTopUp c -> reverseTopUp(c);
        };
    }

    /**
     * Credits a captured top-up to the wallet it was made for, from the funding clearing account. The wallet must be
     * the paying customer's own, in the charge's currency and not frozen; otherwise {@code top_up.refused} and the
     * payment service gives the charge back to the card.
     */
    private Uni<WalletAnswer> creditTopUp(WalletCommand.CreditTopUp c) {
        return wallets.owned(c.customerId(), c.walletId()).flatMap(wallet -> {
            if (wallet.isEmpty()) {
                return Uni.createFrom()
                        .item(new WalletAnswer.TopUpRefused(
                                c.paymentId(), c.walletId(), RefusalReason.WALLET_NOT_FOUND.id()));
            }
            if (!wallet.get().currency().equals(c.amount().currency())) {
                return Uni.createFrom()
                        .item(new WalletAnswer.TopUpRefused(
                                c.paymentId(), c.walletId(), RefusalReason.CURRENCY_MISMATCH.id()));
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

    /**
     * Holds a payout's amount on the payer's own wallet (outflow limits of its class apply, as for any hold): answered
     * {@code hold.placed} or {@code hold.refused}; the hold has no merchant and can only be settled into withdrawal
     * clearing or voided.
     */
    private Uni<WalletAnswer> payoutHold(WalletCommand.PayoutHold c) {
        return wallets.owned(c.customerId(), c.walletId()).flatMap(wallet -> {
            if (wallet.isEmpty()) {
                return Uni.createFrom()
                        .item(new WalletAnswer.HoldRefused(c.paymentId(), RefusalReason.WALLET_NOT_FOUND.id(), null));
            }
            var holdId = ids.next();
            return ledger.execute(
                            new LedgerCommand.PlaceHold(holdId, c.walletId(), c.amount(), c.expiresAt(), c.paymentId()),
                            null)
                    .map(outcome -> switch (outcome) {
                        case Outcome.HoldChanged h ->
                            new WalletAnswer.HoldPlaced(c.paymentId(), holdId, c.walletId(), c.amount());
                        case Outcome.Refused r -> holdRefused(c.paymentId(), r);
                        default -> rejected(c.paymentId(), outcome);
                    });
        });
    }

    /** The bank paid: the payout's hold is captured into withdrawal clearing ({@code hold.captured}, entry kind withdrawal). */
    private Uni<WalletAnswer> payoutSettle(WalletCommand.PayoutSettle c) {
        return ledgerStore.hold(c.holdId(), false).flatMap(hold -> {
            if (hold.isEmpty() || !hold.get().reference().equals(c.paymentId())) {
                return Uni.createFrom().item(rejected(c.paymentId(), new Outcome.Rejected("unknown_hold")));
            }
            var clearing = layout.withdrawal(c.amount().currency(), c.paymentId());
            // a merchant payment's hold is never paid out to a bank account
            return ledgerStore
                    .holdMerchant(c.holdId())
                    .flatMap(merchant -> merchant.isPresent() && merchant.get() != null
                            ? Uni.createFrom().item(rejected(c.paymentId(), new Outcome.Rejected("not_a_payout_hold")))
                            : ledger.execute(new LedgerCommand.CaptureHold(
                                            c.holdId(), clearing, c.amount(), c.paymentId()))
                                    .map(outcome -> switch (outcome) {
                                        case Outcome.Posted p ->
                                            new WalletAnswer.HoldCaptured(
                                                    c.paymentId(),
                                                    c.holdId(),
                                                    null,
                                                    c.amount(),
                                                    c.amount().withMinor(p.released()),
                                                    p.entry().id());
                                        default -> rejected(c.paymentId(), outcome);
                                    }));
        });
    }

    /** The bank returned a paid payout: credited back to the payer's wallet from withdrawal clearing. */
    private Uni<WalletAnswer> payoutReturn(WalletCommand.PayoutReturn c) {
        return wallets.owned(c.customerId(), c.walletId()).flatMap(wallet -> {
            if (wallet.isEmpty() || !wallet.get().currency().equals(c.amount().currency())) {
                return Uni.createFrom()
                        .item(rejected(c.paymentId(), new Outcome.Rejected(RefusalReason.WALLET_NOT_FOUND.id())));
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
    private Uni<WalletAnswer> reverseTopUp(WalletCommand.ReverseTopUp c) {
        return wallets.owned(c.customerId(), c.walletId()).flatMap(wallet -> {
            if (wallet.isEmpty()) {
                return Uni.createFrom()
                        .item(new WalletAnswer.TopUpReverseRefused(
                                c.paymentId(), c.refundId(), RefusalReason.WALLET_NOT_FOUND.id()));
            }
            if (!wallet.get().currency().equals(c.amount().currency())) {
                return Uni.createFrom()
                        .item(new WalletAnswer.TopUpReverseRefused(
                                c.paymentId(), c.refundId(), RefusalReason.CURRENCY_MISMATCH.id()));
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

    private static WalletAnswer holdRefused(String paymentId, Outcome.Refused r) {
        return new WalletAnswer.HoldRefused(paymentId, r.reason().id(), r.limit());
    }

    private static WalletAnswer rejected(String paymentId, Outcome outcome) {
        String reason = switch (outcome) {
            case Outcome.Rejected r -> r.reason();
            case Outcome.Refused r -> r.reason().id();
            default -> "unexpected_outcome";
        };
        return new WalletAnswer.Rejected(paymentId, reason);
    }
}

package io.payguard.wallet.application;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.platform.messaging.ProcessedEvents;
import io.payguard.platform.web.merchant.MerchantDirectory;
import io.payguard.wallet.application.port.WalletAnswers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Answers the payment service's wallet commands (contracts/events/README.md) exactly once each: the effect,
 * the processed-event record, the stored answer and the answer's outbox row commit together. A command seen
 * before has no second effect; its stored answer is published again (same event id, so consumers
 * de-duplicate it). Commands arrive decoded and well-formed (the messaging adapter dead-letters the rest); answers
 * leave as typed {@link WalletAnswer}s through {@link WalletAnswers}. The effects themselves are
 * {@link HoldEffects}' (holds of merchant payments and payouts) and {@link TransferEffects}' (refunds, top-ups,
 * returned payouts).
 */
@ApplicationScoped
public class WalletCommandHandler {

    public static final String CONSUMER = "wallet-commands";

    private final LedgerService ledger;
    private final ProcessedEvents processed;
    private final WalletAnswers answers;
    private final MerchantDirectory merchants;
    private final HoldEffects holds;
    private final TransferEffects transfers;

    public WalletCommandHandler(
            LedgerService ledger,
            ProcessedEvents processed,
            WalletAnswers answers,
            MerchantDirectory merchants,
            HoldEffects holds,
            TransferEffects transfers) {
        this.ledger = ledger;
        this.processed = processed;
        this.answers = answers;
        this.merchants = merchants;
        this.holds = holds;
        this.transfers = transfers;
    }

    /**
     * @param commandId the command event's id: it is processed once, and its answer is stored under it
     * @return true when the command took effect now, false when it had been answered before
     */
    public Uni<Boolean> handle(String commandId, WalletCommand command) {
        return ensureAccounts(command)
                .flatMap(x -> Panache.withTransaction(() -> processed
                        .markProcessed(CONSUMER, commandId)
                        .flatMap(first -> first
                                ? effect(command)
                                        .flatMap(answer -> answers.answer(commandId, answer))
                                        .replaceWith(true)
                                : answers.republish(commandId).replaceWith(false))));
    }

    /** The accounts the command may post to exist before its transaction (a known merchant's buckets included). */
    private Uni<java.lang.Void> ensureAccounts(WalletCommand command) {
        return switch (command) {
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
    }

    private Uni<WalletAnswer> effect(WalletCommand command) {
        return switch (command) {
            case WalletCommand.PlaceHold c -> holds.placeHold(c);
            case WalletCommand.Capture c -> holds.capture(c);
            case WalletCommand.Void c -> holds.voidHold(c);
            case WalletCommand.PayoutHold c -> holds.payoutHold(c);
            case WalletCommand.PayoutSettle c -> holds.payoutSettle(c);
            case WalletCommand.Refund c -> transfers.refund(c);
            case WalletCommand.CreditTopUp c -> transfers.creditTopUp(c);
            case WalletCommand.PayoutReturn c -> transfers.payoutReturn(c);
            case WalletCommand.ReverseTopUp c -> transfers.reverseTopUp(c);
        };
    }
}

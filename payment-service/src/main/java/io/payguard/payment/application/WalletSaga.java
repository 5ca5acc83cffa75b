package io.payguard.payment.application;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.TopUpStore;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState.Processing;
import io.payguard.payment.domain.Payout;
import io.payguard.payment.domain.TopUp;
import io.payguard.payment.domain.Transition;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;

/**
 * The payment side of the wallet saga: applies each {@code wallet.events} answer once (ProcessedEvents, same
 * transaction as the state change and the follow-up commands). An answer that no longer fits the payment's state
 * changes nothing, except a hold placed for a payment that has ended: that hold is voided, so no money stays blocked;
 * and a one-step debit (place with capture) the payment cannot accept: that money is refunded to the customer.
 */
@ApplicationScoped
public class WalletSaga {

    public static final String CONSUMER = "payment-service.wallet-events";
    private static final Logger LOG = Logger.getLogger(WalletSaga.class);

    private final ProcessedEvents processed;
    private final PaymentStore store;
    private final IntentTransitions transitions;
    private final CardFunding cards;
    private final Refunds refunds;
    private final PaymentOutbox outbox;
    private final OutcomeSignals signals;
    private final Clock clock;
    private final TopUpStore topUps;
    private final PayoutService payouts;

    public WalletSaga(
            ProcessedEvents processed,
            PaymentStore store,
            IntentTransitions transitions,
            CardFunding cards,
            Refunds refunds,
            PaymentOutbox outbox,
            OutcomeSignals signals,
            Clock clock,
            TopUpStore topUps,
            PayoutService payouts) {
        this.payouts = payouts;
        this.topUps = topUps;
        this.processed = processed;
        this.store = store;
        this.transitions = transitions;
        this.cards = cards;
        this.refunds = refunds;
        this.outbox = outbox;
        this.signals = signals;
        this.clock = clock;
    }

    /** @return true when the event took effect, false when it had been processed before */
    public Uni<Boolean> handle(WalletAnswer answer) {
        String paymentId = answer.paymentId();
        if (paymentId.startsWith(Payout.PREFIX)) {
            return payouts.handle(answer);
        }
        String causationId = answer.causationId();
        // the payment as this answer left it, handed to a confirm waiting on this replica (saves it a read)
        var after = new java.util.concurrent.atomic.AtomicReference<PaymentIntent>();
        var cardRefunds = new java.util.ArrayList<Transition.Applied>(1);
        return processed
                .once(
                        CONSUMER,
                        answer.eventId(),
                        () -> store.answered(causationId, clock.instant())
                                .flatMap(commandType -> store.lock(paymentId).flatMap(found -> {
                                    if (found.isEmpty()) {
                                        LOG.warnf(
                                                "wallet event %s for unknown payment %s ignored",
                                                answer.type(), paymentId);
                                        return Uni.createFrom().voidItem();
                                    }
                                    return apply(found.get(), answer, commandType.orElse(""), after, cardRefunds);
                                })))
                .invoke(first -> signals.signal(paymentId, after.get()))
                .call(first -> refundCards(cardRefunds));
    }

    /** Card refunds recorded by the transaction that just committed, sent now; a failure here is left to the card recovery. */
    private Uni<Void> refundCards(java.util.List<Transition.Applied> refunds) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var a : refunds) {
            chain = chain.call(() -> cards.followCard(a)
                    .onFailure()
                    .invoke(e -> LOG.warnf(
                            "refund of top-up %s not sent now (%s): the card recovery sends it",
                            a.intent().id(), e.getClass().getSimpleName()))
                    .onFailure()
                    .recoverWithNull());
        }
        return chain;
    }

    private Uni<Void> apply(
            PaymentIntent p,
            WalletAnswer a,
            String commandType,
            java.util.concurrent.atomic.AtomicReference<PaymentIntent> after,
            java.util.List<Transition.Applied> cardRefunds) {
        var now = clock.instant();
        String type = a.type();
        return switch (type) {
            case PaymentTopics.HOLD_PLACED -> {
                String holdId = a.holdId().require();
                var t = p.authorised(holdId, now);
                if (t instanceof Transition.Rejected
                        && !holdId.equals(p.authorization().orElse(null))) {
                    LOG.warnf("hold for payment %s in state %s is not wanted: voiding it", p.id(), p.status());
                    yield outbox.release(p, holdId);
                }
                yield applyOrIgnore(t, type, after);
            }
            case PaymentTopics.HOLD_REFUSED ->
                applyOrIgnore(p.authorisationRefused(a.reason().require(), now), type, after);
            case PaymentTopics.HOLD_CAPTURED -> captured(p, a, commandType, now, after);
            case PaymentTopics.HOLD_VOIDED -> Uni.createFrom().voidItem();
            case PaymentTopics.REFUND_COMPLETED ->
                refundAnswered(p, a.refundId().require(), null);
            case PaymentTopics.REFUND_REFUSED ->
                refundAnswered(p, a.refundId().require(), a.reason().require());
            case PaymentTopics.COMMAND_REJECTED -> rejected(p, commandType, a.rejection(), now, after, cardRefunds);
            case PaymentTopics.TOP_UP_CREDITED ->
                topUps.find(p.id())
                        .flatMap(t -> t.isEmpty() || t.get().creditStatus() == TopUp.CreditStatus.CREDITED
                                ? Uni.createFrom().voidItem()
                                : topUps.update(t.get().credited(a.entryId().require(), now)));
            case PaymentTopics.TOP_UP_REFUSED -> topUpRefused(p, a.reason().require(), now, cardRefunds);
            case PaymentTopics.TOP_UP_REVERSED -> topUpReversed(p, a.refundId().require(), cardRefunds);
            case PaymentTopics.TOP_UP_REVERSE_REFUSED ->
                refunds.refundOutcome(
                        p, a.refundId().require(), "wallet_" + a.reason().require());
            default -> {
                LOG.debugf("wallet event type %s is not for this service", type);
                yield Uni.createFrom().voidItem();
            }
        };
    }

    /**
     * {@code hold.captured} answers a {@code hold.capture} (two-step: capturing → succeeded) or a {@code hold.place}
     * with {@code capture: true} (one step: authorising → succeeded, authorised and captured facts). A one-step
     * debit the payment no longer accepts (it ended meanwhile, or it is not the payment's authorisation) is given
     * back to the customer with a {@code refund.v1} command; a repeat of the debit already applied changes nothing.
     */
    private Uni<Void> captured(
            PaymentIntent p,
            WalletAnswer a,
            String commandType,
            java.time.Instant now,
            java.util.concurrent.atomic.AtomicReference<PaymentIntent> after) {
        long minor = capturedAmount(p, a);
        boolean oneStep = PaymentTopics.HOLD_PLACE.equals(commandType)
                || (commandType.isEmpty()
                        && p.state() instanceof Processing pr
                        && pr.step() == Processing.Step.AUTHORISING);
        if (!oneStep) {
            return applyOrIgnore(p.captured(minor, now), PaymentTopics.HOLD_CAPTURED, after);
        }
        String holdId = a.holdId().require();
        var t = p.authorisedAndCaptured(holdId, minor, now);
        if (t instanceof Transition.Rejected r
                && !holdId.equals(p.authorization().orElse(null))) {
            LOG.warnf(
                    "wallet debited payment %s in state %s (%s): giving the money back",
                    p.id(), p.status(), r.detail());
            return outbox.returnDebit(p, holdId, minor);
        }
        return applyOrIgnore(t, PaymentTopics.HOLD_CAPTURED, after);
    }

    private Uni<Void> rejected(
            PaymentIntent p,
            String commandType,
            String reason,
            java.time.Instant now,
            java.util.concurrent.atomic.AtomicReference<PaymentIntent> after,
            java.util.List<Transition.Applied> cardRefunds) {
        return switch (commandType) {
            case PaymentTopics.HOLD_PLACE ->
                applyOrIgnore(p.authorisationRefused("wallet_" + reason, now), PaymentTopics.COMMAND_REJECTED, after);
            case PaymentTopics.HOLD_CAPTURE ->
                applyOrIgnore(p.captureRefused("wallet_" + reason, now), PaymentTopics.COMMAND_REJECTED, after);
            case PaymentTopics.TOP_UP_CREDIT -> topUpRefused(p, "wallet_" + reason, now, cardRefunds);
            case PaymentTopics.TOP_UP_REVERSE -> {
                LOG.errorf(
                        "wallet rejected the reversal of a refunded top-up %s (%s): the refund stays awaiting the wallet, needs an operator",
                        p.id(), reason);
                yield Uni.createFrom().voidItem();
            }
            default -> {
                LOG.warnf("wallet rejected a %s command of payment %s: %s", commandType, p.id(), reason);
                yield Uni.createFrom().voidItem();
            }
        };
    }

    /**
     * The wallet did not take a captured top-up (not the customer's wallet, frozen, another currency): nothing was
     * credited, so the whole charge goes back to the card. The refund is recorded pending in this transaction and sent
     * to the acquirer after the commit ({@link #handle}); if that does not happen, the card recovery sends it.
     */
    private Uni<Void> topUpRefused(
            PaymentIntent p, String reason, java.time.Instant now, java.util.List<Transition.Applied> cardRefunds) {
        return topUps.find(p.id()).flatMap(t -> {
            if (t.isEmpty() || t.get().creditStatus() != TopUp.CreditStatus.CREDITING) {
                return Uni.createFrom().voidItem();
            }
            LOG.warnf("wallet refused the credit of top-up %s (%s): refunding the card", p.id(), reason);
            return topUps.update(t.get().refused(reason, now))
                    .chain(() -> refunds.requestRefund(p, Refunds.refundId(), null))
                    .invoke(cardRefunds::add)
                    .replaceWithVoid();
        });
    }

    /**
     * The wallet gave a refunded top-up's money back: the refund becomes pending and the card refund is sent after the
     * commit (or by the card recovery, which resends pending card refunds), exactly as a merchant's card refund.
     */
    private Uni<Void> topUpReversed(PaymentIntent p, String refundId, java.util.List<Transition.Applied> cardRefunds) {
        return store.findRefund(refundId).flatMap(found -> {
            var refund = found.filter(r -> r.paymentId().equals(p.id()) && r.awaitingWallet());
            if (refund.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return store.updateRefund(refund.get().walletReversed())
                    .invoke(() -> cardRefunds.add(new Transition.Applied(
                            p,
                            java.util.List.of(new io.payguard.payment.domain.PaymentEvent.RefundRequested(
                                    refundId, refund.get().amount())))));
        });
    }

    private Uni<Void> refundAnswered(PaymentIntent p, String refundId, String refusal) {
        if (refundId.startsWith(PaymentOutbox.LATE_DEBIT_PREFIX)) {
            if (refusal == null) {
                LOG.infof("returned debit %s of payment %s refunded to the customer", refundId, p.id());
            } else {
                LOG.errorf(
                        "returned debit %s of payment %s was refused by the wallet (%s): needs an operator",
                        refundId, p.id(), refusal);
            }
            return Uni.createFrom().voidItem();
        }
        return refunds.refundOutcome(p, refundId, refusal);
    }

    private Uni<Void> applyOrIgnore(
            Transition t, String type, java.util.concurrent.atomic.AtomicReference<PaymentIntent> after) {
        if (t instanceof Transition.Rejected r) {
            LOG.infof("wallet answer %s ignored: %s", type, r.detail());
            return Uni.createFrom().voidItem();
        }
        return transitions.apply(t).invoke(after::set).replaceWithVoid();
    }

    /** The amount a {@code hold.captured} took: a positive JSON integer in the payment's currency, or a poison message. */
    private long capturedAmount(PaymentIntent p, WalletAnswer a) {
        var amount = a.amount().require();
        if (!amount.currency().equals(p.amount().currency())) {
            throw new MalformedEventException("wallet event 'amount' in " + amount.currencyCode() + " for a payment in "
                    + p.amount().currencyCode());
        }
        return amount.minor();
    }
}

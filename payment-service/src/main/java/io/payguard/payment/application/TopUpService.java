package io.payguard.payment.application;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.TopUpStore;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.Refund;
import io.payguard.payment.domain.TopUp;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Wallet top-ups from the customer's own card (issue 13). A top-up is a card payment with automatic capture whose payee
 * is PayGuard's wallet-funding account ({@link TopUp#MERCHANT}), so it takes the card path as it is: the customer's own
 * token only, risk rules, 3-D Secure, acquirer timeouts resolved by query, recovery, refunds. Only the capture sends
 * the wallet its credit ({@link PaymentOutbox}); a credit the wallet refuses is refunded to the card ({@link WalletSaga}).
 */
@ApplicationScoped
public class TopUpService {

    /** A top-up's payment and its credit, as one answer. */
    public record View(PaymentIntent payment, TopUp topUp) {}

    private final PaymentService payments;
    private final Refunds refunds;
    private final TopUpStore topUps;
    private final PaymentStore store;
    private final java.time.Clock clock;
    private final PaymentOutbox outbox;
    private final OutcomeSignals signals;
    private final io.payguard.payment.config.PaymentConfig config;

    public TopUpService(
            PaymentService payments,
            Refunds refunds,
            TopUpStore topUps,
            PaymentStore store,
            java.time.Clock clock,
            PaymentOutbox outbox,
            OutcomeSignals signals,
            io.payguard.payment.config.PaymentConfig config) {
        this.outbox = outbox;
        this.signals = signals;
        this.config = config;
        this.payments = payments;
        this.refunds = refunds;
        this.topUps = topUps;
        this.store = store;
        this.clock = clock;
    }

    /** Creates the top-up's card payment for the customer's wallet; the top-up row commits with it (and with the key). */
    public Uni<View> create(String customer, String walletId, Money amount, InTransaction<View> tx) {
        var topUp = new TopUp[1];
        var create = new PaymentService.Create(
                amount, "Wallet top-up", customer, MethodType.CARD, CaptureMethod.AUTOMATIC, Map.of());
        return payments.create(TopUp.MERCHANT, create, new InTransaction<>() {
                    @Override
                    public Uni<Void> begin() {
                        return tx.begin();
                    }

                    @Override
                    public Uni<Void> end(PaymentIntent intent) {
                        topUp[0] = TopUp.requested(intent.id(), walletId, customer, clock.instant());
                        return topUps.insert(topUp[0]).chain(() -> tx.end(new View(intent, topUp[0])));
                    }
                })
                .map(intent -> new View(intent, topUp[0]));
    }

    /**
     * Charges the customer's own card (token and CVV) for the top-up. Only a token the customer tokenised is accepted
     * (another customer's, a merchant's or an unknown one: 400 {@code invalid_payment_method}, nothing charged).
     */
    public Uni<View> confirm(
            String customer, String id, PaymentService.CardDetails card, String ip, InTransaction<View> tx) {
        return get(customer, id)
                .flatMap(before -> payments.confirm(
                        new PaymentService.Actor.Customer(customer),
                        id,
                        MethodType.CARD,
                        card,
                        ip,
                        new InTransaction<>() {
                            @Override
                            public Uni<Void> begin() {
                                return tx.begin();
                            }

                            @Override
                            public Uni<Void> end(PaymentIntent intent) {
                                return tx.end(new View(intent, before.topUp()));
                            }
                        }))
                .flatMap(intent ->
                        Panache.withSession(() -> topUps.find(id)).map(t -> new View(intent, t.orElseThrow())));
    }

    /**
     * Refunds all or part of the customer's credited top-up to its card. The wallet gives the money back first (a
     * {@code top_up.reverse} command, in this transaction; the refund waits in {@code awaiting_wallet}); only when it did
     * is the card refunded ({@link WalletSaga}). When the money was spent meanwhile the wallet refuses and the refund
     * fails ({@code wallet_insufficient_funds}), nothing moved. Waits up to {@code confirm-wait} for the wallet's answer.
     */
    public Uni<Refund> refund(String customer, String id, Long amount, InTransaction<Refund> tx) {
        String refundId = Refunds.refundId();
        long deadline = System.nanoTime() + config.confirmWait().toNanos();
        var signal = signals.register(id);
        // the wallet's answer completes the wait on the consumer's context: come back to this request's before reading
        var context = io.vertx.core.Vertx.currentContext();
        return Panache.withTransaction(() -> tx.begin()
                        .chain(() -> store.lock(id))
                        .flatMap(found -> topUps.find(id).flatMap(topUp -> {
                            var p = found.filter(x -> topUp.filter(
                                                    t -> t.customerId().equals(customer))
                                            .isPresent())
                                    .orElseThrow(TopUpService::notFound);
                            if (topUp.get().creditStatus() != TopUp.CreditStatus.CREDITED) {
                                throw new PaymentConflict(
                                        p.status(),
                                        "only a top-up credited to the wallet can be refunded (credit "
                                                + topUp.get().creditStatus().id() + ")");
                            }
                            return refunds.requestRefund(p, refundId, amount, Refund.Status.AWAITING_WALLET)
                                    .flatMap(a -> {
                                        var requested = ((io.payguard.payment.domain.PaymentEvent.RefundRequested)
                                                        a.events().get(0))
                                                .amount();
                                        return outbox.reverseTopUp(p, topUp.get(), refundId, requested);
                                    })
                                    .chain(() -> store.findRefund(refundId))
                                    .map(Optional::orElseThrow)
                                    .call(tx::end);
                        })))
                .call(r -> awaitRefund(id, refundId, signal, deadline, context))
                .chain(() -> Panache.withSession(() -> store.findRefund(refundId)))
                .map(Optional::orElseThrow)
                .onTermination()
                .invoke(() -> signals.forget(id, signal));
    }

    /** Waits (bounded) until the refund is past the wallet: the answer then says whether the wallet gave the money back. */
    private Uni<Void> awaitRefund(
            String id, String refundId, OutcomeSignals.Signal signal, long deadline, io.vertx.core.Context context) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return Uni.createFrom().voidItem();
        }
        var wait = signals.await(id, signal, java.time.Duration.ofNanos(left)).replaceWithVoid();
        return context == null ? wait : wait.emitOn(command -> context.runOnContext(x -> command.run()));
    }

    /** The customer's own top-up; anyone else's, or a payment that is not a top-up, answers 404. */
    public Uni<View> get(String customer, String id) {
        return Panache.withSession(() -> topUps.find(id)
                        .flatMap(t ->
                                t.filter(x -> x.customerId().equals(customer)).isEmpty()
                                        ? Uni.createFrom().item(Optional.<View>empty())
                                        : store.find(id).map(p -> p.map(intent -> new View(intent, t.get())))))
                .map(found -> found.orElseThrow(TopUpService::notFound));
    }

    static ApplicationException notFound() {
        return ApplicationException.notFound("top_up_not_found", "No such top-up", null);
    }
}

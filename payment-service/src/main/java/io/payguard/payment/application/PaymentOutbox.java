package io.payguard.payment.application;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.PaymentEvents;
import io.payguard.payment.application.port.TopUpStore;
import io.payguard.payment.application.port.WalletCommands;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentEvent;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.TopUp;
import io.smallrye.mutiny.Uni;

/**
 * Turns a transition's events into messages, in the caller's transaction: facts on {@code payment.events}
 * ({@link PaymentEvents}), funding requests of wallet payments as {@code wallet.commands} ({@link WalletCommands}, also
 * remembered until answered), and the credit of a captured top-up ({@code top_up.credit}). The messages' JSON is the
 * messaging adapter's.
 */
@ApplicationScoped
public class PaymentOutbox {

    /** Refund id prefix of a returned one-step debit ({@link #returnDebit}). */
    public static final String LATE_DEBIT_PREFIX = "late_";

    private final PaymentEvents facts;
    private final WalletCommands wallet;
    private final Clock clock;
    private final PaymentConfig config;
    private final TopUpStore topUps;

    public PaymentOutbox(
            PaymentEvents facts, WalletCommands wallet, Clock clock, PaymentConfig config, TopUpStore topUps) {
        this.facts = facts;
        this.wallet = wallet;
        this.clock = clock;
        this.config = config;
        this.topUps = topUps;
    }

    public Uni<Void> publish(PaymentIntent p, List<PaymentEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var e : events) {
            chain = chain.chain(() -> publish(p, e));
        }
        return chain;
    }

    private Uni<Void> publish(PaymentIntent p, PaymentEvent e) {
        return switch (e) {
            case PaymentEvent.Captured c -> facts.fact(p, e).chain(() -> creditTopUp(p, c.amount()));
            case PaymentEvent.RefundFailed r -> facts.fact(p, e).chain(() -> recreditTopUp(p, r));
            case PaymentEvent.AuthorisationRequested a -> walletOnly(p, () -> wallet.send(p, placeHold(p, a.amount())));
            case PaymentEvent.CaptureRequested c ->
                walletOnly(p, () -> wallet.send(p, new WalletCommands.CaptureHold(c.authorization(), c.amount())));
            case PaymentEvent.ReleaseRequested r -> walletOnly(p, () -> release(p, r.authorization()));
            case PaymentEvent.RefundRequested r ->
                facts.fact(p, e)
                        .chain(() -> walletOnly(
                                p,
                                () -> wallet.send(
                                        p,
                                        new WalletCommands.Refund(
                                                r.refundId(), p.merchantId(), p.customerId(), r.amount()))));
            case PaymentEvent.Created c -> facts.fact(p, e);
            case PaymentEvent.ActionRequired a -> facts.fact(p, e);
            case PaymentEvent.Authenticated a -> facts.fact(p, e);
            case PaymentEvent.Authorised a -> facts.fact(p, e);
            case PaymentEvent.Failed f -> facts.fact(p, e);
            case PaymentEvent.Canceled c -> facts.fact(p, e);
            case PaymentEvent.Refunded r -> facts.fact(p, e);
            case PaymentEvent.ReviewOpened r -> facts.fact(p, e);
            case PaymentEvent.ReviewClosed r -> facts.fact(p, e);
        };
    }

    /**
     * {@code hold.place}; with automatic capture it carries {@code "capture": true}: the wallet places and captures the
     * hold in one transaction and answers {@code hold.captured} (one round trip instead of two). A wallet that does not
     * know the flag answers {@code hold.placed}, and the two-step path follows as before.
     */
    private WalletCommands.PlaceHold placeHold(PaymentIntent p, Money amount) {
        // a payment held for risk review is authorised only: an operator's approval captures it, or nothing does
        boolean review = p.state() instanceof io.payguard.payment.domain.PaymentState.Processing pr && pr.review();
        return new WalletCommands.PlaceHold(
                p.customerId(),
                p.merchantId(),
                amount,
                clock.instant().plus(config.holdTtl()),
                p.id(),
                p.captureMethod() == CaptureMethod.AUTOMATIC && !review);
    }

    /**
     * A captured top-up: the money the card delivered is credited to the customer's wallet by a {@code top_up.credit}
     * command, in the capture's transaction, so the credit is sent exactly when the charge is captured (and re-sent
     * with the same id until the wallet answers). Nothing is credited before the capture.
     */
    private Uni<Void> creditTopUp(PaymentIntent p, Money captured) {
        if (!TopUp.MERCHANT.equals(p.merchantId())) {
            return Uni.createFrom().voidItem();
        }
        return topUps.find(p.id()).flatMap(found -> {
            if (found.isEmpty() || found.get().creditStatus() != TopUp.CreditStatus.AWAITING_CHARGE) {
                return Uni.createFrom().voidItem();
            }
            var topUp = found.get();
            return topUps.update(topUp.crediting(clock.instant()))
                    .chain(() -> wallet.send(
                            p, new WalletCommands.CreditTopUp(topUp.walletId(), topUp.customerId(), captured)));
        });
    }

    /**
     * A top-up's card refund the acquirer refused after the wallet had given the money back: the money goes back into
     * the wallet (a {@code top_up.credit} of the refund's amount), so the customer never loses it. A refund the wallet
     * itself refused (reason {@code wallet_…}) took nothing out, and gets nothing back.
     */
    private Uni<Void> recreditTopUp(PaymentIntent p, PaymentEvent.RefundFailed r) {
        if (!TopUp.MERCHANT.equals(p.merchantId()) || r.reasonCode().startsWith("wallet_")) {
            return Uni.createFrom().voidItem();
        }
        return topUps.find(p.id()).flatMap(found -> {
            if (found.isEmpty() || found.get().creditStatus() != TopUp.CreditStatus.CREDITED) {
                return Uni.createFrom().voidItem();
            }
            return wallet.send(
                    p,
                    new WalletCommands.CreditTopUp(
                            found.get().walletId(), found.get().customerId(), r.amount()));
        });
    }

    /** Asks the wallet to give a refunded top-up's money back before the card is refunded. */
    public Uni<Void> reverseTopUp(PaymentIntent p, TopUp topUp, String refundId, Money amount) {
        return wallet.send(p, new WalletCommands.ReverseTopUp(refundId, topUp.walletId(), topUp.customerId(), amount));
    }

    /**
     * Gives back a one-step debit the payment could not accept ({@link WalletSaga}): a {@code refund.v1} of the amount
     * with the refund id {@code late_<holdId>}, so a repeat is the same refund. It is not one of the payment's refunds:
     * its answer is only logged.
     */
    public Uni<Void> returnDebit(PaymentIntent p, String holdId, long minor) {
        return wallet.send(
                p,
                new WalletCommands.Refund(
                        LATE_DEBIT_PREFIX + holdId,
                        p.merchantId(),
                        p.customerId(),
                        p.amount().withMinor(minor)));
    }

    /** Releases a wallet hold (also used for a hold that arrives for a payment that no longer wants it). */
    public Uni<Void> release(PaymentIntent p, String holdId) {
        return wallet.send(p, new WalletCommands.VoidHold(holdId));
    }

    private Uni<Void> walletOnly(PaymentIntent p, java.util.function.Supplier<Uni<Void>> send) {
        // card payments are funded synchronously through the acquirer port (CardFunding), not over Kafka
        return p.method() == MethodType.WALLET ? send.get() : Uni.createFrom().voidItem();
    }
}

package io.payguard.payment.application;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.kernel.Money;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentEvent;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.TopUp;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Turns a transition's events into outbox rows, in the caller's transaction: facts on {@code payment.events}
 * (ids, amounts, states and reason codes only: no customer data, no card data), funding requests of wallet
 * payments as {@code wallet.commands} (also remembered in {@code wallet_command} until answered), and the credit of a
 * captured top-up ({@code top_up.credit}).
 */
@ApplicationScoped
public class PaymentOutbox {

    /** Refund id prefix of a returned one-step debit ({@link #returnDebit}). */
    public static final String LATE_DEBIT_PREFIX = "late_";

    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final ObjectMapper json;
    private final PaymentStore store;
    private final Clock clock;
    private final PaymentConfig config;
    private final TopUpStore topUps;

    public PaymentOutbox(Outbox outbox, CloudEventCodec codec, ObjectMapper json, PaymentStore store, Clock clock, PaymentConfig config, TopUpStore topUps) {
        this.topUps = topUps;
        this.outbox = outbox;
        this.codec = codec;
        this.json = json;
        this.store = store;
        this.clock = clock;
        this.config = config;
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
            case PaymentEvent.Created c -> fact(p, "created", null);
            case PaymentEvent.ActionRequired a -> fact(p, "action_required", null);
            case PaymentEvent.Authenticated a -> fact(p, "authenticated", null);
            case PaymentEvent.Authorised a -> fact(p, "authorised", amount(a.amount()));
            case PaymentEvent.Captured c -> fact(p, "captured", amount(c.amount())).chain(() -> creditTopUp(p, c.amount()));
            case PaymentEvent.Failed f -> fact(p, "failed", json.createObjectNode().put("reason", f.reasonCode()));
            case PaymentEvent.Canceled c -> fact(p, "canceled", json.createObjectNode().put("reason", c.reason()));
            case PaymentEvent.Refunded r -> fact(p, "refunded", amount(r.amount()).put("refundId", r.refundId()));
            case PaymentEvent.RefundFailed r -> fact(p, "refund_failed", amount(r.amount()).put("refundId", r.refundId()).put("reason", r.reasonCode()))
                    .chain(() -> recreditTopUp(p, r));
            case PaymentEvent.ReviewOpened r -> fact(p, "review_opened", amount(r.amount()));
            case PaymentEvent.ReviewClosed r -> fact(p, "review_closed", reviewClosed(r));
            case PaymentEvent.AuthorisationRequested a -> walletOnly(p, () -> command(p, PaymentTopics.HOLD_PLACE, placeHold(p, a.amount())));
            case PaymentEvent.CaptureRequested c -> walletOnly(p, () -> command(p, PaymentTopics.HOLD_CAPTURE, json.createObjectNode()
                    .put("holdId", c.authorization()).set("amount", money(c.amount()))));
            case PaymentEvent.ReleaseRequested r -> walletOnly(p, () -> release(p, r.authorization()));
            case PaymentEvent.RefundRequested r -> fact(p, "refund_requested", amount(r.amount()).put("refundId", r.refundId()))
                    .chain(() -> walletOnly(p, () -> command(p, PaymentTopics.REFUND, json.createObjectNode().put("refundId", r.refundId())
                            .put("merchantId", p.merchantId()).put("customerId", p.customerId()).set("amount", money(r.amount())))));
        };
    }

    /**
     * {@code hold.place}; with automatic capture it carries {@code "capture": true}: the wallet places and captures the
     * hold in one transaction and answers {@code hold.captured} (one round trip instead of two). A wallet that does not
     * know the flag answers {@code hold.placed}, and the two-step path follows as before.
     */
    private ObjectNode placeHold(PaymentIntent p, Money amount) {
        var data = json.createObjectNode().put("customerId", p.customerId()).put("merchantId", p.merchantId());
        data.set("amount", money(amount));
        data.put("expiresAt", clock.instant().plus(config.holdTtl()).toString()).put("reference", p.id());
        // a payment held for risk review is authorised only: an operator's approval captures it, or nothing does
        boolean review = p.state() instanceof io.payguard.payment.domain.PaymentState.Processing pr && pr.review();
        if (p.captureMethod() == CaptureMethod.AUTOMATIC && !review) {
            data.put("capture", true);
        }
        return data;
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
            var data = json.createObjectNode().put("walletId", topUp.walletId()).put("customerId", topUp.customerId());
            data.set("amount", money(captured));
            return topUps.update(topUp.crediting(clock.instant())).chain(() -> command(p, PaymentTopics.TOP_UP_CREDIT, data));
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
            var data = json.createObjectNode().put("walletId", found.get().walletId()).put("customerId", found.get().customerId());
            data.set("amount", money(r.amount()));
            return command(p, PaymentTopics.TOP_UP_CREDIT, data);
        });
    }

    /** Asks the wallet to give a refunded top-up's money back before the card is refunded. */
    public Uni<Void> reverseTopUp(PaymentIntent p, TopUp topUp, String refundId, Money amount) {
        var data = json.createObjectNode().put("refundId", refundId).put("walletId", topUp.walletId()).put("customerId", topUp.customerId());
        data.set("amount", money(amount));
        return command(p, PaymentTopics.TOP_UP_REVERSE, data);
    }

    /**
     * Gives back a one-step debit the payment could not accept ({@link WalletSaga}): a {@code refund.v1} of the amount
     * with the refund id {@code late_<holdId>}, so a repeat is the same refund. It is not one of the payment's refunds:
     * its answer is only logged.
     */
    public Uni<Void> returnDebit(PaymentIntent p, String holdId, long minor) {
        return command(p, PaymentTopics.REFUND, json.createObjectNode().put("refundId", LATE_DEBIT_PREFIX + holdId)
                .put("merchantId", p.merchantId()).put("customerId", p.customerId()).set("amount", money(p.amount().withMinor(minor))));
    }

    /** Releases a wallet hold (also used for a hold that arrives for a payment that no longer wants it). */
    public Uni<Void> release(PaymentIntent p, String holdId) {
        return command(p, PaymentTopics.HOLD_VOID, json.createObjectNode().put("holdId", holdId));
    }

    private Uni<Void> walletOnly(PaymentIntent p, java.util.function.Supplier<Uni<Void>> send) {
        // card payments are funded synchronously through the acquirer port (PaymentService), not over Kafka
        return p.method() == MethodType.WALLET ? send.get() : Uni.createFrom().voidItem();
    }

    private Uni<Void> command(PaymentIntent p, String type, ObjectNode data) {
        var now = clock.instant();
        var id = UUID.randomUUID().toString();
        var event = CloudEvent.of(id, PaymentTopics.SOURCE, type, p.id(), now, json.createObjectNode().put("paymentId", p.id()).setAll(data));
        return store.recordCommand(id, p.id(), type, codec.write(event), now, now.plus(config.walletResendAfter()))
                .chain(() -> outbox.append(PaymentTopics.WALLET_COMMANDS, PaymentTopics.AGGREGATE, p.id(), event));
    }

    private Uni<Void> fact(PaymentIntent p, String what, ObjectNode extra) {
        var data = json.createObjectNode().put("paymentId", p.id()).put("merchantId", p.merchantId()).put("status", p.status())
                .put("method", p.method() == null ? null : p.method().id()).put("captureMethod", p.captureMethod().id());
        data.set("total", money(p.amount()));
        if (extra != null) {
            data.setAll(extra);
        }
        var event = CloudEvent.of(UUID.randomUUID().toString(), PaymentTopics.SOURCE, "io.payguard.payment." + what + ".v1", p.id(),
                clock.instant(), data);
        return outbox.append(PaymentTopics.PAYMENT_EVENTS, PaymentTopics.AGGREGATE, p.id(), event);
    }

    /** The outcome; for an operator's decision also who ({@code reviewer}, their subject) and why ({@code reason}, their free text). */
    private ObjectNode reviewClosed(PaymentEvent.ReviewClosed r) {
        var data = json.createObjectNode().put("outcome", r.outcome());
        if (r.reviewer() != null) {
            data.put("reviewer", r.reviewer()).put("reason", r.reason());
        }
        return data;
    }

    private ObjectNode amount(Money m) {
        return json.createObjectNode().set("amount", money(m));
    }

    private ObjectNode money(Money m) {
        return json.createObjectNode().put("minor", m.minor()).put("currency", m.currencyCode());
    }
}

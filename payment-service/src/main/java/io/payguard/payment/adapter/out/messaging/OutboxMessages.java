package io.payguard.payment.adapter.out.messaging;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.kernel.Money;
import io.payguard.payment.application.PaymentTopics;
import io.payguard.payment.application.port.PaymentEvents;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.WalletCommands;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.payment.domain.PaymentEvent;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.Payout;
import io.payguard.payment.domain.risk.RiskDecision;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * The JSON of this service's messages, written to the outbox in the caller's transaction: facts on
 * {@code payment.events} (ids, amounts, states and reason codes only: no customer data, no card data) and commands on
 * {@code wallet.commands} (also remembered in {@code wallet_command} until answered, re-sent with the same id).
 * wallet-service and audit-service read these: field names and types are a contract.
 */
@ApplicationScoped
public class OutboxMessages implements PaymentEvents, WalletCommands {

    private static final String PAYOUT_AGGREGATE = "payout";

    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final ObjectMapper json;
    private final PaymentStore store;
    private final Clock clock;
    private final PaymentConfig config;

    public OutboxMessages(
            Outbox outbox,
            CloudEventCodec codec,
            ObjectMapper json,
            PaymentStore store,
            Clock clock,
            PaymentConfig config) {
        this.outbox = outbox;
        this.codec = codec;
        this.json = json;
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    // ------------------------------------------------------------------------------------------ facts

    @Override
    public Uni<Void> fact(PaymentIntent p, PaymentEvent e) {
        return switch (e) {
            case PaymentEvent.Created c -> fact(p, "created", null);
            case PaymentEvent.ActionRequired a -> fact(p, "action_required", null);
            case PaymentEvent.Authenticated a -> fact(p, "authenticated", null);
            case PaymentEvent.Authorised a -> fact(p, "authorised", amount(a.amount()));
            case PaymentEvent.Captured c -> fact(p, "captured", amount(c.amount()));
            case PaymentEvent.Failed f ->
                fact(p, "failed", json.createObjectNode().put("reason", f.reasonCode()));
            case PaymentEvent.Canceled c ->
                fact(p, "canceled", json.createObjectNode().put("reason", c.reason()));
            case PaymentEvent.Refunded r ->
                fact(p, "refunded", amount(r.amount()).put("refundId", r.refundId()));
            case PaymentEvent.RefundFailed r ->
                fact(
                        p,
                        "refund_failed",
                        amount(r.amount()).put("refundId", r.refundId()).put("reason", r.reasonCode()));
            case PaymentEvent.ReviewOpened r -> fact(p, "review_opened", amount(r.amount()));
            case PaymentEvent.ReviewClosed r -> fact(p, "review_closed", reviewClosed(r));
            case PaymentEvent.RefundRequested r ->
                fact(p, "refund_requested", amount(r.amount()).put("refundId", r.refundId()));
            case PaymentEvent.AuthorisationRequested a -> notAFact(e);
            case PaymentEvent.CaptureRequested c -> notAFact(e);
            case PaymentEvent.ReleaseRequested r -> notAFact(e);
        };
    }

    private static Uni<Void> notAFact(PaymentEvent e) {
        return Uni.createFrom()
                .failure(new IllegalArgumentException(
                        e.getClass().getSimpleName() + " is a wallet command, not a fact"));
    }

    private Uni<Void> fact(PaymentIntent p, String what, ObjectNode extra) {
        var data = json.createObjectNode()
                .put("paymentId", p.id())
                .put("merchantId", p.merchantId())
                .put("status", p.status())
                .put("method", p.method() == null ? null : p.method().id())
                .put("captureMethod", p.captureMethod().id());
        data.set("total", money(p.amount()));
        if (extra != null) {
            data.setAll(extra);
        }
        return fact(PaymentTopics.AGGREGATE, p.id(), what, data);
    }

    /** The outcome; for an operator's decision also who ({@code reviewer}, their subject) and why ({@code reason}, their free text). */
    private ObjectNode reviewClosed(PaymentEvent.ReviewClosed r) {
        var data = json.createObjectNode().put("outcome", r.outcome());
        if (r.reviewer() != null) {
            data.put("reviewer", r.reviewer()).put("reason", r.reason());
        }
        return data;
    }

    @Override
    public Uni<Void> riskDecision(PaymentIntent p, RiskDecision d) {
        var data = json.createObjectNode()
                .put("paymentId", p.id())
                .put("merchantId", p.merchantId())
                .put("outcome", d.outcome().id());
        var rules = data.putArray("rules");
        d.findings()
                .forEach(f -> rules.addObject()
                        .put("id", f.ruleId())
                        .put("outcome", f.outcome().id())
                        .put("reason", f.reason()));
        data.putObject("amount")
                .put("minor", p.amount().minor())
                .put("currency", p.amount().currencyCode());
        return fact(PaymentTopics.AGGREGATE, p.id(), "risk_decision", data);
    }

    /** A payout fact: ids, status, amount, reason code; no account number, no name. */
    @Override
    public Uni<Void> payoutFact(Payout p, String what, String reason) {
        var data = json.createObjectNode()
                .put("payoutId", p.id())
                .put("status", p.status().id())
                .put("bankAccountId", p.bankAccountId());
        data.set("amount", money(p.amount()));
        if (reason != null) {
            data.put("reason", reason);
        }
        return fact(PAYOUT_AGGREGATE, p.id(), what, data);
    }

    private Uni<Void> fact(String aggregate, String id, String what, ObjectNode data) {
        var event = CloudEvent.of(
                UUID.randomUUID().toString(),
                PaymentTopics.SOURCE,
                "io.payguard.payment." + what + ".v1",
                id,
                clock.instant(),
                data);
        return outbox.append(PaymentTopics.PAYMENT_EVENTS, aggregate, id, event);
    }

    // ------------------------------------------------------------------------------------------ wallet commands

    @Override
    public Uni<Void> send(PaymentIntent payment, Command command) {
        return command(PaymentTopics.AGGREGATE, payment.id(), command);
    }

    @Override
    public Uni<Void> send(Payout payout, Command command) {
        return command(PAYOUT_AGGREGATE, payout.id(), command);
    }

    private Uni<Void> command(String aggregate, String subjectId, Command command) {
        var data = json.createObjectNode().put("paymentId", subjectId);
        String type = write(command, data);
        var now = clock.instant();
        var id = UUID.randomUUID().toString();
        var event = CloudEvent.of(id, PaymentTopics.SOURCE, type, subjectId, now, data);
        return store.recordCommand(id, subjectId, type, codec.write(event), now, now.plus(config.walletResendAfter()))
                .chain(() -> outbox.append(PaymentTopics.WALLET_COMMANDS, aggregate, subjectId, event));
    }

    /** Writes the command's fields into {@code data}; returns its CloudEvent type. */
    private String write(Command command, ObjectNode data) {
        return switch (command) {
            case PlaceHold c -> {
                data.put("customerId", c.customerId())
                        .put("merchantId", c.merchantId())
                        .set("amount", money(c.amount()));
                data.put("expiresAt", c.expiresAt().toString()).put("reference", c.reference());
                if (c.capture()) {
                    data.put("capture", true);
                }
                yield PaymentTopics.HOLD_PLACE;
            }
            case CaptureHold c -> {
                data.put("holdId", c.holdId()).set("amount", money(c.amount()));
                yield PaymentTopics.HOLD_CAPTURE;
            }
            case VoidHold c -> {
                data.put("holdId", c.holdId());
                yield PaymentTopics.HOLD_VOID;
            }
            case Refund c -> {
                data.put("refundId", c.refundId())
                        .put("merchantId", c.merchantId())
                        .put("customerId", c.customerId())
                        .set("amount", money(c.amount()));
                yield PaymentTopics.REFUND;
            }
            case CreditTopUp c -> {
                wallet(data, c.walletId(), c.customerId(), c.amount());
                yield PaymentTopics.TOP_UP_CREDIT;
            }
            case ReverseTopUp c -> {
                wallet(data.put("refundId", c.refundId()), c.walletId(), c.customerId(), c.amount());
                yield PaymentTopics.TOP_UP_REVERSE;
            }
            case HoldPayout c -> {
                wallet(data, c.walletId(), c.customerId(), c.amount());
                data.put("expiresAt", c.expiresAt().toString());
                yield PaymentTopics.PAYOUT_HOLD;
            }
            case SettlePayout c -> {
                data.put("holdId", c.holdId()).set("amount", money(c.amount()));
                yield PaymentTopics.PAYOUT_SETTLE;
            }
            case ReturnPayout c -> {
                wallet(data, c.walletId(), c.customerId(), c.amount());
                yield PaymentTopics.PAYOUT_RETURN;
            }
        };
    }

    /** The wallet, its customer and the amount of a command on a customer's wallet. */
    private void wallet(ObjectNode data, String walletId, String customerId, Money amount) {
        data.put("walletId", walletId).put("customerId", customerId).set("amount", money(amount));
    }

    private ObjectNode amount(Money m) {
        return json.createObjectNode().set("amount", money(m));
    }

    private ObjectNode money(Money m) {
        return json.createObjectNode().put("minor", m.minor()).put("currency", m.currencyCode());
    }
}

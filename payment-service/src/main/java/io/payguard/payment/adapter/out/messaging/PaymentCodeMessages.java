package io.payguard.payment.adapter.out.messaging;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.payment.application.PaymentTopics;
import io.payguard.payment.application.port.PaymentCodeEvents;
import io.payguard.payment.domain.PaymentCode;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * The JSON of the payment-code facts on {@code payment.events} ({@code io.payguard.payment.payment_code.*.v1},
 * contracts/events), keyed by the code's id (a refusal of an unknown code by the merchant's). The code's digits never:
 * its id and a masked tail ({@code maskedCode}, the last four digits).
 */
@ApplicationScoped
public class PaymentCodeMessages implements PaymentCodeEvents {

    static final String AGGREGATE = "payment_code";

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public PaymentCodeMessages(Outbox outbox, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Uni<Void> created(PaymentCode code) {
        return fact(code.id(), "created", describe(code));
    }

    @Override
    public Uni<Void> charged(PaymentCode code) {
        return fact(
                code.id(),
                "charged",
                describe(code).put("paymentId", code.paymentId()).put("merchantId", code.merchantId()));
    }

    @Override
    public Uni<Void> expired(PaymentCode code) {
        return fact(code.id(), "expired", describe(code));
    }

    @Override
    public Uni<Void> refused(PaymentCode code, String merchantId, String reason) {
        var data = code == null ? json.createObjectNode() : describe(code);
        data.put("merchantId", merchantId).put("reason", reason);
        return fact(code == null ? merchantId : code.id(), "refused", data);
    }

    private ObjectNode describe(PaymentCode code) {
        return json.createObjectNode()
                .put("paymentCodeId", code.id())
                .put("maskedCode", "*".repeat(14) + code.tail())
                .put("status", code.status().id())
                .put("funding", code.funding().id())
                .put("level", code.level().id())
                .put("expiresAt", code.expiresAt().toString());
    }

    private Uni<Void> fact(String key, String what, ObjectNode data) {
        var event = CloudEvent.of(
                UUID.randomUUID().toString(),
                PaymentTopics.SOURCE,
                "io.payguard.payment.payment_code." + what + ".v1",
                key,
                clock.instant(),
                data);
        return outbox.append(PaymentTopics.PAYMENT_EVENTS, AGGREGATE, key, event);
    }
}

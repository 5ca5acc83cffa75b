package io.payguard.payment.adapter.out.messaging;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.kernel.Money;
import io.payguard.payment.application.PaymentTopics;
import io.payguard.payment.application.port.QrCodeEvents;
import io.payguard.payment.domain.qr.QrCode;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * The QR code facts on {@code payment.events} ({@code io.payguard.payment.qr_code.<what>.v1}, contracts/events), keyed
 * by the code's id: {@code qrCodeId}, {@code merchantId}, {@code type}, {@code status} (after the fact), and when there
 * is one {@code paymentId}, {@code amount}, {@code expiresAt}, {@code reason}. Never the payload, never customer data.
 */
@ApplicationScoped
public class QrCodeMessages implements QrCodeEvents {

    private static final String AGGREGATE = "qr_code";

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public QrCodeMessages(Outbox outbox, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Uni<Void> fact(What what, QrCode code, String paymentId, Money amount, String reason) {
        var data = json.createObjectNode()
                .put("qrCodeId", code.id())
                .put("merchantId", code.merchantId())
                .put("type", code.type().id())
                .put("status", code.status().id())
                .put("currency", code.currency().getCurrencyCode());
        if (paymentId != null) {
            data.put("paymentId", paymentId);
        }
        if (amount != null) {
            data.putObject("amount").put("minor", amount.minor()).put("currency", amount.currencyCode());
        }
        if (code.expiresAt() != null) {
            data.put("expiresAt", code.expiresAt().toString());
        }
        if (reason != null) {
            data.put("reason", reason);
        }
        var event = CloudEvent.of(
                UUID.randomUUID().toString(),
                PaymentTopics.SOURCE,
                "io.payguard.payment.qr_code." + what.id() + ".v1",
                code.id(),
                clock.instant(),
                data);
        return outbox.append(PaymentTopics.PAYMENT_EVENTS, AGGREGATE, code.id(), event);
    }
}

package io.payguard.payment.adapter.in.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.kernel.Money;
import io.payguard.payment.application.WalletAnswer;
import io.payguard.payment.application.WalletAnswer.Field;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.web.money.MoneyInputs;

/**
 * Reads a {@code wallet.events} CloudEvent's JSON data into a {@link WalletAnswer}. Without a {@code paymentId} or a
 * {@code causationId} (non-blank strings) it is poison at once; any other field is decoded as far as it goes, and
 * an unusable one is refused only when the saga needs it. An {@code amount} is {@code {"minor": <positive JSON
 * integer>, "currency": "<enabled code>"}} ({@link MoneyInputs#event}), never a decimal or a string.
 */
@ApplicationScoped
public class WalletAnswerDecoder {

    private final MoneyInputs money;

    public WalletAnswerDecoder(MoneyInputs money) {
        this.money = money;
    }

    /** @throws MalformedEventException when the answer does not say which payment and command it is about */
    public WalletAnswer decode(CloudEvent event) {
        var data = event.data();
        String paymentId = text(data, "paymentId").require();
        String causationId = text(data, "causationId").require();
        return new WalletAnswer(
                event.id(),
                event.type(),
                paymentId,
                causationId,
                text(data, "holdId"),
                text(data, "reason"),
                text(data, "refundId"),
                text(data, "entryId"),
                amount(data),
                data.path("reason").asText("rejected"));
    }

    private Field<Money> amount(JsonNode data) {
        try {
            return Field.of(money.event(data.path("amount"), "amount"));
        } catch (MalformedEventException e) {
            return Field.unusable(e.getMessage());
        }
    }

    private static Field<String> text(JsonNode data, String field) {
        var node = data == null ? null : data.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return Field.unusable("wallet event without '" + field + "'");
        }
        return Field.of(node.asText());
    }
}

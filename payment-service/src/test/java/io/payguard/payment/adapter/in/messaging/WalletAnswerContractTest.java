package io.payguard.payment.adapter.in.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;
import io.payguard.payment.application.PaymentTopics;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.testing.TestMoney;
import io.payguard.platform.testing.contracts.EventContracts;

/**
 * The consumer side of the saga's contract: payment-service decodes every answer {@code contracts/events/} describes
 * for {@code wallet.events}, with each field the example carries, and names exactly the message types the contract
 * lists for both saga topics (the producer side: {@code FakeWallet} checks every command payment-service sends).
 */
class WalletAnswerContractTest {

    private final WalletAnswerDecoder decoder = new WalletAnswerDecoder(TestMoney.inputs("CNY"));

    @Test
    void everyAnswerTheContractDescribesIsDecodedWithTheFieldsItCarries() {
        var types = EventContracts.typesOn(PaymentTopics.WALLET_EVENTS);
        assertThat(types).hasSize(12);
        for (String type : types) {
            var data = EventContracts.example(type);
            var answer = decoder.decode(CloudEvent.of(
                    UUID.randomUUID().toString(), "/payguard/wallet-service", type, "payment/x", Instant.EPOCH, data));
            assertThat(answer.type()).isEqualTo(type);
            assertThat(answer.paymentId())
                    .as(type)
                    .isEqualTo(data.get("paymentId").asText());
            assertThat(answer.causationId())
                    .as(type)
                    .isEqualTo(data.get("causationId").asText());
            if (data.has("holdId")) {
                assertThat(answer.holdId().require())
                        .as(type)
                        .isEqualTo(data.get("holdId").asText());
            }
            if (data.has("refundId")) {
                assertThat(answer.refundId().require())
                        .as(type)
                        .isEqualTo(data.get("refundId").asText());
            }
            if (data.has("entryId")) {
                assertThat(answer.entryId().require())
                        .as(type)
                        .isEqualTo(data.get("entryId").asText());
            }
            if (data.has("reason")) {
                assertThat(answer.reason().require())
                        .as(type)
                        .isEqualTo(data.get("reason").asText());
            }
            if (data.has("amount")) {
                assertThat(answer.amount().require())
                        .as(type)
                        .isEqualTo(Money.of(
                                data.get("amount").get("minor").asLong(),
                                data.get("amount").get("currency").asText()));
            }
        }
    }

    @Test
    void theSagaNamesExactlyTheTypesTheContractLists() {
        var named = Arrays.stream(PaymentTopics.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(v -> v.startsWith("io.payguard.wallet."))
                .toList();
        var contracted = new java.util.TreeSet<>(EventContracts.typesOn(PaymentTopics.WALLET_COMMANDS));
        contracted.addAll(EventContracts.typesOn(PaymentTopics.WALLET_EVENTS));
        assertThat(named).containsExactlyInAnyOrderElementsOf(contracted);
    }
}

package io.payguard.payment.saga;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.get;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.payment.adapter.in.messaging.WalletEventConsumer;
import io.payguard.payment.application.PaymentTopics;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;

/**
 * A {@code hold.captured} answer whose amount is not a positive JSON integer in the payment's (enabled) currency is a
 * poison message: the saga (behind the consumer's decoding) throws {@link MalformedEventException} (the consumer dead-letters it) and the payment is
 * unchanged; it never becomes a truncated capture.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletAnswerAmountsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WalletEventConsumer saga;

    final String merchant = merchant("merchant-" + UUID.randomUUID());
    final String payer = "cust-" + UUID.randomUUID();

    CloudEvent captured(String paymentId, String amount) throws Exception {
        var data = JSON.readTree("""
                {"causationId":"%s","paymentId":"%s","holdId":"hold-%s","amount":%s}
                """.formatted(UUID.randomUUID(), paymentId, paymentId, amount));
        return CloudEvent.of(
                UUID.randomUUID().toString(),
                "/payguard/wallet-service",
                PaymentTopics.HOLD_CAPTURED,
                "payment/" + paymentId,
                Instant.now(),
                data);
    }

    @Test
    void aFractionalStringOrForeignAmountIsPoisonAndTheExactOneCaptures() throws Throwable {
        // no wallet answers in this test: the confirm leaves the payment processing, waiting for hold.captured
        String id = create(merchant, 1000, payer, "wallet", "automatic");
        as(customer(payer))
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("processing"));

        for (var amount : new String[] {
            "{\"minor\":999.5,\"currency\":\"CNY\"}",
            "{\"minor\":1000.0,\"currency\":\"CNY\"}",
            "{\"minor\":1e3,\"currency\":\"CNY\"}",
            "{\"minor\":\"1000\",\"currency\":\"CNY\"}",
            "{\"minor\":0,\"currency\":\"CNY\"}",
            "{\"minor\":99999999999999999999,\"currency\":\"CNY\"}",
            "{\"minor\":1000,\"currency\":\"XXX\"}",
            "{\"minor\":1000,\"currency\":\"XAU\"}",
            "{\"minor\":1000,\"currency\":\"CHF\"}",
            "{\"minor\":1000,\"currency\":\"EUR\"}",
            "{\"minor\":1000}"
        }) {
            var event = captured(id, amount);
            assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> saga.handle(event)))
                    .as(amount)
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("amount");
            get(merchant, id).body("status", equalTo("processing")).body("amount_received", equalTo(0));
        }

        var exact = captured(id, "{\"minor\":1000,\"currency\":\"CNY\"}");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> saga.handle(exact)))
                .isTrue();
        get(merchant, id).body("status", equalTo("succeeded")).body("amount_received", equalTo(1000));
    }
}

package io.payguard.auth.webhook.adapter.in.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.auth.webhook.domain.EndpointMode;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.testing.contracts.EventContracts;

/** Which facts become merchant events, for whom, with what data: decoded from the contracts' examples. */
class MerchantFactsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CloudEvent event(String type, JsonNode data) {
        return CloudEvent.of(
                "5b0c6c84-0f0e-4c55-9d59-7e0f2b8a3c11",
                "/payguard/payment-service",
                type,
                "x",
                Instant.parse("2026-12-07T10:00:00Z"),
                data);
    }

    @Test
    void paymentFactsBecomeTheMerchantsEventsWithTheirObject() throws Exception {
        var fact = MerchantFacts.decode(
                        event(
                                "io.payguard.payment.captured.v1",
                                EventContracts.example("io.payguard.payment.captured.v1")),
                        Optional.empty())
                .orElseThrow();
        assertThat(fact.type()).isEqualTo("payment_intent.succeeded");
        assertThat(fact.merchantId()).isEqualTo("demo-merchant-a");
        assertThat(fact.mode()).isNull();
        assertThat(fact.objectId()).isEqualTo("pi_7Hq2Xk");
        var data = JSON.readTree(fact.data());
        assertThat(data.path("object").asText()).isEqualTo("payment_intent");
        assertThat(data.path("amount").path("minor").asLong()).isEqualTo(1000);
        assertThat(fact.toEvent().id()).matches("evt_[0-9a-f]{32}");
    }

    @Test
    void staffIdentitiesAreNotPassedOn() throws Exception {
        String type = "io.payguard.payment.review_closed.v1";
        var fact = MerchantFacts.decode(event(type, EventContracts.example(type)), Optional.empty())
                .orElseThrow();
        assertThat(JSON.readTree(fact.data()).has("reviewer")).isFalse();
        String key = "io.payguard.security.apikey.created.v1";
        var keyFact = MerchantFacts.decode(event(key, EventContracts.example(key)), Optional.empty())
                .orElseThrow();
        assertThat(JSON.readTree(keyFact.data()).has("actor")).isFalse();
        assertThat(keyFact.mode()).isEqualTo(EndpointMode.TEST);
        assertThat(keyFact.type()).isEqualTo("api_key.created");
    }

    @Test
    void topUpsAndPayoutsGoOnlyToThePlatformAccount() {
        ObjectNode topUp =
                EventContracts.example("io.payguard.payment.captured.v1").deepCopy();
        topUp.put("merchantId", "payguard:wallet-funding");
        String payout = "io.payguard.payment.payout_paid.v1";
        assertThat(MerchantFacts.decode(event("io.payguard.payment.captured.v1", topUp), Optional.empty()))
                .isEmpty();
        assertThat(MerchantFacts.decode(event(payout, EventContracts.example(payout)), Optional.empty()))
                .isEmpty();
        assertThat(MerchantFacts.decode(event(payout, EventContracts.example(payout)), Optional.of("platform-ops"))
                        .orElseThrow()
                        .merchantId())
                .isEqualTo("platform-ops");
        assertThat(MerchantFacts.decode(event("io.payguard.payment.captured.v1", topUp), Optional.of("platform-ops"))
                        .orElseThrow()
                        .merchantId())
                .isEqualTo("platform-ops");
    }

    @Test
    void otherTypesAreIgnoredAndAKnownTypeWithoutItsIdsIsMalformed() {
        String authorised = "io.payguard.payment.authorised.v1";
        assertThat(MerchantFacts.decode(event(authorised, EventContracts.example(authorised)), Optional.empty()))
                .isEmpty();
        ObjectNode broken =
                EventContracts.example("io.payguard.payment.captured.v1").deepCopy();
        broken.remove("paymentId");
        assertThatThrownBy(
                        () -> MerchantFacts.decode(event("io.payguard.payment.captured.v1", broken), Optional.empty()))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> MerchantFacts.decode(
                        event(
                                "io.payguard.payment.captured.v1",
                                JSON.getNodeFactory().textNode("x")),
                        Optional.empty()))
                .isInstanceOf(MalformedEventException.class);
    }
}

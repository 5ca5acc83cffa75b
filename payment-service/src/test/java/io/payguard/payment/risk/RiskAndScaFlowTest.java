package io.payguard.payment.risk;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.payguard.payment.CapturingScaNotifier;
import io.payguard.payment.FakeWallet;
import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Risk decisions before authorisation (with their event) and the one-time-code SCA step, against the running service. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class RiskAndScaFlowTest {

    static FakeWallet wallet;
    final String merchant = merchant("merchant-" + UUID.randomUUID());
    final String payer = "cust-" + UUID.randomUUID();

    @BeforeAll
    static void startWallet() {
        wallet = new FakeWallet(true, 1);
    }

    @AfterAll
    static void stopWallet() throws Exception {
        wallet.close();
    }

    io.restassured.response.ValidatableResponse authenticate(String id, String code) {
        return as(customer(payer))
                .body(Map.of("code", code))
                .post("/v1/payment_intents/" + id + "/authenticate")
                .then();
    }

    @Test
    void aboveTheThresholdTheCustomerEntersTheCodeSentForThisAmountAndPayee() {
        String id = create(merchant, 60_000, payer, "wallet", "automatic");
        as(customer(payer))
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_action"));
        String code = CapturingScaNotifier.LAST_CODE.get(id);
        assertThat(code).matches("\\d{6}");
        String wrong = code.equals("000000") ? "000001" : "000000";
        authenticate(id, wrong)
                .statusCode(400)
                .body("code", equalTo("sca_code_invalid"))
                .body("detail", equalTo("4 attempts left"));
        as(merchant)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/capture")
                .then()
                .statusCode(409);
        as(customer("someone-else"))
                .body(Map.of("code", code))
                .post("/v1/payment_intents/" + id + "/authenticate")
                .then()
                .statusCode(404);
        authenticate(id, code).statusCode(200).body("status", equalTo("succeeded"));
        authenticate(id, code).statusCode(409).body("payment_intent_status", equalTo("succeeded"));
        assertThat(wallet.commandCount()).isPositive();
    }

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private long todaysTotal(String customer) {
        return pool.preparedQuery(
                        "SELECT coalesce(sum(total_minor), 0) FROM customer_daily_total WHERE customer_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(customer))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    /** The daily_limit rule reads a running total (V8 trigger): a payment counts from its confirm until it fails or is canceled. */
    @Test
    void todaysTotalCountsAPaymentFromItsConfirmUntilItIsCanceled() {
        String buyer = "cust-" + UUID.randomUUID();
        String paid = create(merchant, 1_000, buyer, "wallet", "automatic");
        String held = create(merchant, 2_500, buyer, "wallet", "manual");
        create(merchant, 9_000, buyer, "wallet", "automatic");
        assertThat(todaysTotal(buyer)).as("created, not confirmed: not counted").isZero();
        as(customer(buyer))
                .body("{}")
                .post("/v1/payment_intents/" + paid + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("succeeded"));
        as(customer(buyer))
                .body("{}")
                .post("/v1/payment_intents/" + held + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_capture"));
        assertThat(todaysTotal(buyer)).isEqualTo(3_500);
        as(merchant)
                .body("{}")
                .post("/v1/payment_intents/" + held + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("canceled"));
        assertThat(todaysTotal(buyer)).isEqualTo(1_000);
    }

    @Test
    void fiveWrongCodesFailThePayment() {
        String id = create(merchant, 70_000, payer, "wallet", "automatic");
        as(customer(payer))
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_action"));
        String code = CapturingScaNotifier.LAST_CODE.get(id);
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 4; i >= 1; i--) {
            authenticate(id, wrong).statusCode(400).body("detail", equalTo(i + " attempts left"));
        }
        authenticate(id, wrong)
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("authentication_failed"));
        authenticate(id, code).statusCode(409);
    }

    @Test
    void blocklistsAndLimitsDeclineBeforeAnyAuthorisationAndEachDecisionIsPublished() throws Exception {
        String blocked = as(merchant)
                .body(Map.of(
                        "amount",
                        100,
                        "currency",
                        "CNY",
                        "customer",
                        "blocked-customer",
                        "payment_method_type",
                        "wallet"))
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(customer("blocked-customer"))
                .body("{}")
                .post("/v1/payment_intents/" + blocked + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("risk_declined"));
        String big = create(merchant, 6_000_000, payer, "wallet", "automatic");
        as(customer(payer))
                .body("{}")
                .post("/v1/payment_intents/" + big + "/confirm")
                .then()
                .statusCode(200)
                .body("failure_code", equalTo("risk_declined"));

        String token = as(customer(payer))
                .body(Map.of("number", "5105105105105100", "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String card = as(merchant)
                .body(Map.of("amount", 100, "currency", "USD", "customer", payer, "payment_method_type", "card"))
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(merchant)
                .body(Map.of("payment_method", token, "cvc", "123"))
                .post("/v1/payment_intents/" + card + "/confirm")
                .then()
                .statusCode(200)
                .body("failure_code", equalTo("risk_declined"));
        String visa = as(customer(payer))
                .body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String bigCard = as(merchant)
                .body(Map.of("amount", 60_000, "currency", "USD", "customer", payer, "payment_method_type", "card"))
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(merchant)
                .body(Map.of("payment_method", visa, "cvc", "123"))
                .post("/v1/payment_intents/" + bigCard + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_action"))
                .body("next_action.type", equalTo("three_d_secure"));

        var paymentIds = List.of(blocked, big, card, bigCard);
        java.util.function.Function<
                        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>, List<String>>
                decisionsIn = records -> records.stream()
                .filter(r -> paymentIds.contains(r.key()) && r.value().contains("io.payguard.payment.risk_decision.v1"))
                .map(r -> r.value())
                .toList();
        List<String> decisions = decisionsIn.apply(LocalKafka.read(
                "payment.events", read -> decisionsIn.apply(read).size() >= 4, Duration.ofSeconds(20)));
        assertThat(decisions).hasSize(4);
        assertThat(decisions)
                .anyMatch(d -> d.contains(blocked)
                        && d.contains("\"outcome\":\"decline\"")
                        && d.contains("\"id\":\"blocklist\""));
        assertThat(decisions).anyMatch(d -> d.contains(big) && d.contains("\"id\":\"per_transaction_limit\""));
        assertThat(decisions).anyMatch(d -> d.contains(bigCard) && d.contains("\"id\":\"sca_threshold\""));
        assertThat(decisions).noneMatch(d -> d.contains("127.0.0.1"));
    }

    @jakarta.inject.Inject
    io.payguard.platform.web.merchant.MerchantDirectory directory;

    private String ruleIds(String paymentId) {
        return pool.preparedQuery("SELECT rule_ids FROM risk_assessment WHERE payment_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(paymentId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
    }

    /** Confirms a fresh wallet payment of a fresh customer (no velocity or history rule can fire); returns its status. */
    private String pay(String merchantToken, long amount, String... expected) {
        String buyer = "cust-" + UUID.randomUUID();
        String id = create(merchantToken, amount, buyer, "wallet", "automatic");
        String status = as(customer(buyer))
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .extract()
                .path("status");
        lastPayment = id;
        return status;
    }

    private String lastPayment;

    /**
     * The limits set at onboarding, read from the merchant directory (auth-service's facts on auth.merchants): above the
     * merchant's per-transaction limit, or above its total of the UTC day, the payment is declined with the rule's id;
     * a suspended merchant's payments are declined. A caller unknown to the directory has only the global limits (the
     * other tests of this class).
     */
    @Test
    void theMerchantsOwnLimitsFromOnboardingDeclinePaymentsAboveThem() {
        String limitedId = "limited-" + UUID.randomUUID().toString().substring(0, 8);
        String suspendedId = "suspended-" + UUID.randomUUID().toString().substring(0, 8);
        io.payguard.platform.testing.MerchantFixtures.publish(limitedId, true, "CNY", 10_000, 25_000);
        io.payguard.platform.testing.MerchantFixtures.publish(suspendedId, false, "CNY", 10_000, 25_000);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> directory.find(limitedId).isPresent()
                        && directory.find(suspendedId).isPresent());
        String limited = merchant(limitedId);

        assertThat(pay(limited, 10_001)).isEqualTo("failed");
        assertThat(ruleIds(lastPayment)).isEqualTo("merchant_per_transaction_limit");
        assertThat(pay(limited, 10_000)).isEqualTo("succeeded");
        assertThat(pay(limited, 10_000)).isEqualTo("succeeded");
        assertThat(pay(limited, 6_000)).isEqualTo("failed");
        assertThat(ruleIds(lastPayment)).isEqualTo("merchant_daily_limit");
        assertThat(pay(limited, 5_000)).as("exactly at the daily limit").isEqualTo("succeeded");
        assertThat(pay(limited, 1)).isEqualTo("failed");

        assertThat(pay(merchant(suspendedId), 100)).isEqualTo("failed");
        assertThat(ruleIds(lastPayment)).isEqualTo("merchant_inactive");
    }
}

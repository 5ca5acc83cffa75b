package io.payguard.payment.card;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.payguard.kernel.Money;
import io.payguard.payment.CapturingScaNotifier;
import io.payguard.payment.FakeWallet;
import io.payguard.payment.adapter.out.acquirer.SimulatedAcquirer;
import io.payguard.payment.adapter.out.acquirer.SimulatedAcs;
import io.payguard.payment.application.port.Acquirer;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/**
 * 3-D Secure for card payments: the issuer's challenge (simulator card 3220, or the risk SCA rule) puts the payment
 * in requires_action with a three_d_secure next action; the code passes → requires_confirmation with the issuer's
 * authentication result; the second confirm (card + CVV again) carries it and is approved. Wrong codes fail the
 * payment; new codes on request are limited (429) and invalidate the previous code, for cards and wallets.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ThreeDSecureTest {

    static final String CHALLENGE_CARD = "4000000000003220";
    static FakeWallet wallet;

    @Inject
    SimulatedAcquirer acquirer;

    @Inject
    SimulatedAcs acs;

    @Inject
    AgroalDataSource db;

    final String payer = "cust-" + UUID.randomUUID();
    final String merchant = merchant("merchant-" + UUID.randomUUID());

    @BeforeAll
    static void startWallet() {
        wallet = new FakeWallet(true, 1);
    }

    @AfterAll
    static void stopWallet() throws Exception {
        wallet.close();
    }

    String token(String pan) {
        return as(customer(payer))
                .body(Map.of("number", pan, "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    String cardPayment(long amount) {
        return as(merchant)
                .body(Map.of("amount", amount, "currency", "USD", "customer", payer, "payment_method_type", "card"))
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    Response confirm(String id, String token, String cvc) {
        return as(merchant)
                .body(cvc == null ? Map.of("payment_method", token) : Map.of("payment_method", token, "cvc", cvc))
                .post("/v1/payment_intents/" + id + "/confirm");
    }

    Response authenticate(String id, String code) {
        return as(customer(payer)).body(Map.of("code", code)).post("/v1/payment_intents/" + id + "/authenticate");
    }

    Response resend(String id) {
        return as(customer(payer)).post("/v1/payment_intents/" + id + "/authenticate/resend");
    }

    static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    @Test
    void theIssuerChallengeIsPassedAndTheSecondConfirmCarriesTheAuthenticationAndIsApproved() throws Exception {
        String token = token(CHALLENGE_CARD);
        String id = cardPayment(4200);
        var first = confirm(id, token, "123");
        first.then()
                .statusCode(200)
                .body("status", equalTo("requires_action"))
                .body("failure_code", nullValue())
                .body("next_action.type", equalTo("three_d_secure"))
                .body("next_action.challenge_id", startsWith("scach_"))
                .body("next_action.authenticate_url", equalTo("/v1/payment_intents/" + id + "/authenticate"))
                .body("next_action.resend_url", equalTo("/v1/payment_intents/" + id + "/authenticate/resend"));
        assertThat(acquirer.authorisations(id))
                .as("the issuer decided nothing yet")
                .isZero();
        String code = CapturingScaNotifier.LAST_CODE.get(id);
        assertThat(code).matches("\\d{6}");

        // only the paying customer answers; the merchant cannot, nor can anyone confirm before the challenge passed
        as(merchant)
                .body(Map.of("code", code))
                .post("/v1/payment_intents/" + id + "/authenticate")
                .then()
                .statusCode(403);
        confirm(id, token, "123").then().statusCode(409).body("payment_intent_status", equalTo("requires_action"));

        authenticate(id, code)
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_confirmation"))
                .body("next_action", nullValue());
        try (var c = db.getConnection();
                var st = c.prepareStatement(
                        "SELECT authentication_value, authentication_eci FROM payment_intent WHERE id = ?")) {
            st.setString(1, id);
            var rs = st.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1))
                    .as("the issuer's authentication value is kept")
                    .isNotBlank()
                    .doesNotContain("3220");
            assertThat(rs.getString(2)).isEqualTo("05");
        }
        // the CVV was not kept: the second confirm must bring it again
        confirm(id, token, null).then().statusCode(400).body("code", equalTo("card_required"));
        // the authentication belongs to the challenged card: another card of the same customer cannot use it
        confirm(id, token("4242424242424242"), "123")
                .then()
                .statusCode(400)
                .body("code", equalTo("card_not_authenticated"));
        as(merchant).get("/v1/payment_intents/" + id).then().body("status", equalTo("requires_confirmation"));
        assertThat(acquirer.authorisations(id))
                .as("nothing went to the issuer with the other card")
                .isZero();
        confirm(id, token, "123")
                .then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("amount_received", equalTo(4200));
        assertThat(acquirer.authorisations(id)).isEqualTo(1);
        authenticate(id, code).then().statusCode(409).body("payment_intent_status", equalTo("succeeded"));
    }

    @Test
    void theAuthenticationValueOnlyPassesForItsOwnPaymentAndAmount() {
        var amount = Money.of(4200, "USD");
        io.payguard.payment.domain.CardAuthentication withoutValue = null;
        var foreign = new Acquirer.AuthorisationRequest(
                "pi_a-" + UUID.randomUUID(),
                "m",
                CHALLENGE_CARD,
                12,
                2031,
                "123",
                amount,
                acs.authenticated("pi_other", amount));
        assertThat(acquirer.authorise(foreign).await().indefinitely())
                .isInstanceOf(Acquirer.Result.ChallengeRequired.class);
        String ref = "pi_b-" + UUID.randomUUID();
        var otherAmount = new Acquirer.AuthorisationRequest(
                ref, "m", CHALLENGE_CARD, 12, 2031, "123", amount, acs.authenticated(ref, Money.of(4201, "USD")));
        assertThat(acquirer.authorise(otherAmount).await().indefinitely())
                .isInstanceOf(Acquirer.Result.ChallengeRequired.class);
        var none = new Acquirer.AuthorisationRequest(ref, "m", CHALLENGE_CARD, 12, 2031, "123", amount, withoutValue);
        assertThat(acquirer.authorise(none).await().indefinitely())
                .isInstanceOf(Acquirer.Result.ChallengeRequired.class);
        var own = new Acquirer.AuthorisationRequest(
                ref, "m", CHALLENGE_CARD, 12, 2031, "123", amount, acs.authenticated(ref, amount));
        assertThat(acquirer.authorise(own).await().indefinitely()).isInstanceOf(Acquirer.Result.Approved.class);
    }

    @Test
    void theRiskScaRuleOnACardLeadsToTheSameFlowAndIsNotAskedTwice() {
        String token = token("4242424242424242");
        String id = cardPayment(60_000);
        confirm(id, token, "321")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_action"))
                .body("next_action.type", equalTo("three_d_secure"));
        authenticate(id, CapturingScaNotifier.LAST_CODE.get(id))
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_confirmation"));
        confirm(id, token, "321")
                .then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("amount_received", equalTo(60_000));
    }

    @Test
    void fiveWrongCodesFailTheCardPaymentWithAuthenticationFailed() {
        String id = cardPayment(4200);
        confirm(id, token(CHALLENGE_CARD), "123").then().statusCode(200).body("status", equalTo("requires_action"));
        String code = CapturingScaNotifier.LAST_CODE.get(id);
        for (int left = 4; left >= 1; left--) {
            authenticate(id, wrong(code))
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("sca_code_invalid"))
                    .body("detail", equalTo(left + " attempts left"));
        }
        authenticate(id, wrong(code))
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("authentication_failed"));
        authenticate(id, code).then().statusCode(409);
        assertThat(acquirer.authorisations(id)).isZero();
    }

    @Test
    void aNewCodeReplacesTheOldOneAtMostThreeTimesAndNotTooOftenForACard() {
        String id = cardPayment(4200);
        String token = token(CHALLENGE_CARD);
        var first = confirm(id, token, "123");
        first.then().statusCode(200);
        String firstChallenge = first.path("next_action.challenge_id");
        String firstCode = CapturingScaNotifier.LAST_CODE.get(id);

        resend(id).then().statusCode(429).body("code", equalTo("sca_resend_too_soon"));
        as(merchant)
                .post("/v1/payment_intents/" + id + "/authenticate/resend")
                .then()
                .statusCode(403);
        as(customer("someone-else"))
                .post("/v1/payment_intents/" + id + "/authenticate/resend")
                .then()
                .statusCode(404);

        String lastCode = firstCode;
        String lastChallenge = firstChallenge;
        for (int i = 1; i <= 3; i++) {
            var r = await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> resend(id), x -> x.statusCode() != 429);
            r.then()
                    .statusCode(200)
                    .body("status", equalTo("requires_action"))
                    .body("next_action.type", equalTo("three_d_secure"));
            String challenge = r.path("next_action.challenge_id");
            assertThat(challenge).as("a new challenge id").isNotEqualTo(lastChallenge);
            lastChallenge = challenge;
            lastCode = CapturingScaNotifier.LAST_CODE.get(id);
        }
        String newest = lastCode;
        resend(id)
                .then()
                .statusCode(429)
                .body("code", equalTo("sca_resend_limit_reached"))
                .body("status", equalTo(429));
        if (!firstCode.equals(newest)) {
            authenticate(id, firstCode).then().statusCode(400).body("code", equalTo("sca_code_invalid"));
        }
        authenticate(id, newest).then().statusCode(200).body("status", equalTo("requires_confirmation"));
        resend(id).then().statusCode(409).body("payment_intent_status", equalTo("requires_confirmation"));
        confirm(id, token, "123").then().statusCode(200).body("status", equalTo("succeeded"));
    }

    @Test
    void aWalletPaymentGetsANewCodeTooAndTheOldOneStopsWorking() {
        String id = create(merchant, 60_000, payer, "wallet", "automatic");
        as(customer(payer))
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_action"))
                .body("next_action.type", equalTo("sca_code"));
        String oldCode = CapturingScaNotifier.LAST_CODE.get(id);
        var r = await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> resend(id), x -> x.statusCode() != 429);
        r.then().statusCode(200).body("status", equalTo("requires_action"));
        String newCode = CapturingScaNotifier.LAST_CODE.get(id);
        if (!oldCode.equals(newCode)) {
            authenticate(id, oldCode)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("sca_code_invalid"))
                    .body("detail", equalTo("4 attempts left"));
        }
        authenticate(id, newCode).then().statusCode(200).body("status", equalTo("succeeded"));
    }
}

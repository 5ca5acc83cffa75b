package io.payguard.payment.sca;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.kernel.Money;
import io.payguard.payment.Api;
import io.payguard.payment.CapturingScaNotifier;
import io.payguard.payment.FakeWallet;
import io.payguard.payment.domain.DeviceLinking;
import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.payguard.platform.testing.contracts.EventContracts;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 17: SCA the customer can complete. WebAuthn authenticators (registration after a step-up login, list,
 * revocation by the customer and by an operator), device-bound confirmation of a wallet payment with dynamic linking
 * (a software authenticator signs the challenge), and one-time codes delivered by e-mail (mock mailbox) and SMS (an
 * in-test HTTP gateway).
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmsGatewayStub.class, restrictToAnnotatedClass = false)
class DeviceConfirmationApiTest {

    static FakeWallet wallet;
    static final ObjectMapper JSON = new ObjectMapper();

    final String merchant = merchant("merchant-" + UUID.randomUUID());
    final String payer = "cust-" + UUID.randomUUID();

    @Inject
    MockMailbox mailbox;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @BeforeAll
    static void startWallet() {
        wallet = new FakeWallet(true, 1);
    }

    @AfterAll
    static void stopWallet() throws Exception {
        wallet.close();
    }

    @BeforeEach
    void clearMailbox() {
        mailbox.clear();
    }

    /** A customer token that says when they logged in, and optionally their verified contacts. */
    static String customer(String subject, Instant authTime, Map<String, Object> claims) {
        var builder = TestTokens.claims(subject, Api.AUDIENCE, List.of("customer"));
        if (authTime != null) {
            builder.claim("auth_time", authTime.getEpochSecond());
        }
        claims.forEach(builder::claim);
        return TestTokens.sign(builder);
    }

    String recentLogin() {
        return customer(payer, Instant.now(), Map.of());
    }

    /** Registers a new software authenticator for the payer; returns it with its id set. */
    Registered register(String token) {
        var options = as(token)
                .post("/v1/authenticators/registration_options")
                .then()
                .statusCode(200)
                .body("attestation", equalTo("none"))
                .body("rp.id", equalTo("localhost"))
                .body("authenticatorSelection.userVerification", equalTo("required"))
                .extract();
        var device = new SoftwareAuthenticator();
        String id = as(token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "registration",
                        (String) options.path("registration"),
                        "name",
                        "Pixel 8",
                        "credential",
                        device.register((String) options.path("challenge"), SoftwareAuthenticator.ORIGIN)))
                .post("/v1/authenticators")
                .then()
                .statusCode(201)
                .body("object", equalTo("authenticator"))
                .body("status", equalTo("active"))
                .body("name", equalTo("Pixel 8"))
                .body("last_used_at", nullValue())
                .extract()
                .path("id");
        return new Registered(id, device);
    }

    record Registered(String id, SoftwareAuthenticator device) {}

    /** A wallet payment above the SCA threshold, confirmed by the payer: requires_action. */
    String paymentRequiringAction(String token, long amount) {
        String id = create(merchant, amount, payer, "wallet", "automatic");
        as(token)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_action"));
        return id;
    }

    ValidatableResponse authenticate(String token, String id, Object body) {
        return as(token)
                .body(body)
                .post("/v1/payment_intents/" + id + "/authenticate")
                .then();
    }

    @Test
    void aRegisteredAuthenticatorConfirmsPaymentsWithSignaturesOverTheirAmountAndPayeeAndAStaleCounterIsRefused()
            throws Exception {
        String token = recentLogin();
        var authn = register(token);
        var registered = LocalKafka.awaitRecord(
                "security.events",
                v -> v.contains("io.payguard.security.authenticator.registered.v1") && v.contains(authn.id()),
                "the registration's security event",
                Duration.ofSeconds(30));
        var data = JSON.readTree(registered.value()).get("data");
        EventContracts.assertConforms("io.payguard.security.authenticator.registered.v1", data);
        assertThat(data.toString()).doesNotContain(authn.device().credentialId());

        String id = paymentRequiringAction(token, 60_000);
        var options = as(token)
                .get("/v1/payment_intents/" + id + "/authenticate")
                .then()
                .statusCode(200)
                .body("amount", equalTo(60_000))
                .body("currency", equalTo("CNY"))
                .body("methods", hasItem("webauthn"))
                .body("methods", hasItem("code"))
                .body("webauthn.userVerification", equalTo("required"))
                .body("webauthn.allowCredentials[0].id", equalTo(authn.device().credentialId()))
                .extract();
        String challenge = options.path("webauthn.challenge");
        String payeeId = options.path("payee");
        // the challenge commits to this payment: SHA-256 over the stored nonce and id, amount, currency, payee
        byte[] nonce = Base64.getUrlDecoder().decode(nonce(id));
        assertThat(challenge)
                .isEqualTo(SoftwareAuthenticator.b64(DeviceLinking.challenge(
                        nonce, id, new Money(60_000, java.util.Currency.getInstance("CNY")), payeeId)));

        authenticate(token, id, Map.of("webauthn", authn.device().assertion(challenge, SoftwareAuthenticator.ORIGIN)))
                .statusCode(200);
        awaitSucceeded(id);
        as(token)
                .get("/v1/authenticators")
                .then()
                .statusCode(200)
                .body("data.find { it.id == '" + authn.id() + "' }.last_used_at", not(nullValue()));

        // the stored counter is now 1: an assertion that does not increase it is a possible clone
        String next = paymentRequiringAction(token, 60_500);
        String nextChallenge = as(token)
                .get("/v1/payment_intents/" + next + "/authenticate")
                .then()
                .extract()
                .path("webauthn.challenge");
        authn.device().forcedCounter = 1;
        authenticate(
                        token,
                        next,
                        Map.of("webauthn", authn.device().assertion(nextChallenge, SoftwareAuthenticator.ORIGIN)))
                .statusCode(400)
                .body("code", equalTo("webauthn_assertion_invalid"))
                .body("detail", equalTo("4 attempts left"));
        authn.device().forcedCounter = null;
        authenticate(
                        token,
                        next,
                        Map.of("webauthn", authn.device().assertion(nextChallenge, SoftwareAuthenticator.ORIGIN)))
                .statusCode(200);
        awaitSucceeded(next);
    }

    /** The wallet answers over Kafka: the authenticate call may answer processing before it has. */
    private void awaitSucceeded(String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> Api.get(merchant, id).extract().<String>path("status"), "succeeded"::equals);
    }

    private String nonce(String paymentId) {
        return pool.preparedQuery("SELECT nonce FROM sca_device_challenge WHERE payment_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(paymentId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
    }

    @Test
    void anAssertionOverAnotherAmountOrOriginOrWithoutUserVerificationIsRefusedAndCounted() {
        String token = recentLogin();
        var authn = register(token);
        String id = paymentRequiringAction(token, 70_000);
        String challenge = as(token)
                .get("/v1/payment_intents/" + id + "/authenticate")
                .then()
                .statusCode(200)
                .extract()
                .path("webauthn.challenge");
        String payeeId = as(token)
                .get("/v1/payment_intents/" + id + "/authenticate")
                .then()
                .extract()
                .path("payee");
        byte[] nonce = Base64.getUrlDecoder().decode(nonce(id));
        String otherAmount = SoftwareAuthenticator.b64(
                DeviceLinking.challenge(nonce, id, new Money(7_000, java.util.Currency.getInstance("CNY")), payeeId));
        authenticate(token, id, Map.of("webauthn", authn.device().assertion(otherAmount, SoftwareAuthenticator.ORIGIN)))
                .statusCode(400)
                .body("code", equalTo("webauthn_assertion_invalid"))
                .body("detail", equalTo("4 attempts left"));
        authenticate(token, id, Map.of("webauthn", authn.device().assertion(challenge, "https://evil.example")))
                .statusCode(400)
                .body("detail", equalTo("3 attempts left"));
        authn.device().userVerified = false;
        authenticate(token, id, Map.of("webauthn", authn.device().assertion(challenge, SoftwareAuthenticator.ORIGIN)))
                .statusCode(400)
                .body("detail", equalTo("2 attempts left"));
        authn.device().userVerified = true;
        authenticate(token, id, Map.of("webauthn", authn.device().assertion(challenge, SoftwareAuthenticator.ORIGIN)))
                .statusCode(200);
        awaitSucceeded(id);
    }

    @Test
    void aRevokedAuthenticatorNeverConfirmsAgainAndAnOperatorCanRevokeALostDevice() throws Exception {
        String token = recentLogin();
        var authn = register(token);
        String id = paymentRequiringAction(token, 61_000);
        String challenge = as(token)
                .get("/v1/payment_intents/" + id + "/authenticate")
                .then()
                .extract()
                .path("webauthn.challenge");
        as(token)
                .delete("/v1/authenticators/" + authn.id())
                .then()
                .statusCode(200)
                .body("status", equalTo("revoked"));
        authenticate(token, id, Map.of("webauthn", authn.device().assertion(challenge, SoftwareAuthenticator.ORIGIN)))
                .statusCode(400)
                .body("code", equalTo("webauthn_assertion_invalid"));
        as(token)
                .get("/v1/payment_intents/" + id + "/authenticate")
                .then()
                .statusCode(200)
                .body("methods", equalTo(List.of("code")))
                .body("webauthn", nullValue());

        var lost = register(token);
        String operator = TestTokens.token("ops-" + UUID.randomUUID(), Api.AUDIENCE, "operator");
        as(token)
                .body(Map.of("reason", "x"))
                .post("/v1/authenticators/" + lost.id() + "/revoke?customer=" + payer)
                .then()
                .statusCode(403);
        as(operator)
                .body(Map.of("reason", "lost device"))
                .post("/v1/authenticators/" + lost.id() + "/revoke?customer=someone-else")
                .then()
                .statusCode(404)
                .body("code", equalTo("authenticator_not_found"));
        as(operator)
                .body(Map.of("reason", "lost device"))
                .post("/v1/authenticators/" + lost.id() + "/revoke?customer=" + payer)
                .then()
                .statusCode(200)
                .body("status", equalTo("revoked"));
        var revoked = LocalKafka.awaitRecord(
                "security.events",
                v -> v.contains("io.payguard.security.authenticator.revoked.v1") && v.contains(lost.id()),
                "the operator's revocation",
                Duration.ofSeconds(30));
        var data = JSON.readTree(revoked.value()).get("data");
        EventContracts.assertConforms("io.payguard.security.authenticator.revoked.v1", data);
        assertThat(data.path("reason").asText()).isEqualTo("lost device");
        assertThat(data.path("actor").path("roles").get(0).asText()).isEqualTo("operator");
        as(customer("someone-else", Instant.now(), Map.of()))
                .delete("/v1/authenticators/" + authn.id())
                .then()
                .statusCode(404);
    }

    @Test
    void registrationNeedsARecentLoginAndAFreshChallengeUsedOnce() {
        as(customer(payer, null, Map.of()))
                .post("/v1/authenticators/registration_options")
                .then()
                .statusCode(403)
                .body("code", equalTo("step_up_required"));
        as(customer(payer, Instant.now().minusSeconds(600), Map.of()))
                .post("/v1/authenticators/registration_options")
                .then()
                .statusCode(403)
                .body("code", equalTo("step_up_required"));

        String token = recentLogin();
        var device = new SoftwareAuthenticator();
        // another origin, another challenge, no user verification: each refused, and each uses up its registration
        var evilOrigin = options(token);
        finish(token, evilOrigin, device.register(evilOrigin.challenge(), "https://evil.example"))
                .statusCode(400)
                .body("code", equalTo("webauthn_registration_invalid"));
        finish(token, evilOrigin, device.register(evilOrigin.challenge(), SoftwareAuthenticator.ORIGIN))
                .statusCode(422)
                .body("code", equalTo("registration_invalid"));
        var otherChallenge = options(token);
        finish(
                        token,
                        otherChallenge,
                        device.register(SoftwareAuthenticator.b64(new byte[32]), SoftwareAuthenticator.ORIGIN))
                .statusCode(400)
                .body("code", equalTo("webauthn_registration_invalid"));
        var noUv = options(token);
        device.userVerified = false;
        finish(token, noUv, device.register(noUv.challenge(), SoftwareAuthenticator.ORIGIN))
                .statusCode(400)
                .body("code", equalTo("webauthn_registration_invalid"));
        device.userVerified = true;
        var good = options(token);
        var credential = device.register(good.challenge(), SoftwareAuthenticator.ORIGIN);
        finish(token, good, credential).statusCode(201);
        finish(token, good, credential).statusCode(422).body("code", equalTo("registration_invalid"));
        as(token).get("/v1/authenticators").then().statusCode(200).body("data.size()", equalTo(1));
        // the same credential again, with a fresh registration: refused
        var again = options(token);
        finish(token, again, device.register(again.challenge(), SoftwareAuthenticator.ORIGIN))
                .statusCode(422)
                .body("code", equalTo("authenticator_already_registered"));
    }

    record Options(String registration, String challenge) {}

    Options options(String token) {
        var o = as(token)
                .post("/v1/authenticators/registration_options")
                .then()
                .statusCode(200)
                .extract();
        return new Options(o.path("registration"), o.path("challenge"));
    }

    ValidatableResponse finish(String token, Options options, Map<String, Object> credential) {
        return as(token)
                .body(Map.of("registration", options.registration(), "credential", credential))
                .post("/v1/authenticators")
                .then();
    }

    /** An assertion of an unknown credential whose clientDataJSON is {@code clientData}, the rest garbage. */
    private static Map<String, Object> garbageAssertion(String clientData) {
        return Map.of(
                "webauthn",
                Map.of(
                        "id",
                        "AAAA",
                        "type",
                        "public-key",
                        "response",
                        Map.of("clientDataJSON", clientData, "authenticatorData", "AAAA", "signature", "AAAA")));
    }

    @Test
    void hostileInputsAreRefusedWithProblems() {
        String token = recentLogin();
        String id = paymentRequiringAction(token, 62_000);
        authenticate(token, id, "{\"webauthn\":{\"id\":\"!!!\",\"type\":\"public-key\",\"response\":{}}}")
                .statusCode(400);
        authenticate(token, id, garbageAssertion("%%%")).statusCode(400).body("code", equalTo("invalid_request"));
        // well-formed base64url, garbage inside: an unknown credential, counted as an attempt
        authenticate(token, id, garbageAssertion("AAAA"))
                .statusCode(400)
                .body("code", equalTo("webauthn_assertion_invalid"));
        as(token)
                .body("{\"registration\":\"reg_x\",\"credential\":{\"id\":\"" + "A".repeat(2_000_000) + "\"}}")
                .post("/v1/authenticators")
                .then()
                .statusCode(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(400), org.hamcrest.Matchers.lessThan(500)));
        var options =
                as(token).post("/v1/authenticators/registration_options").then().extract();
        as(token)
                .body(Map.of(
                        "registration",
                        (String) options.path("registration"),
                        "credential",
                        Map.of(
                                "id", "AAAA",
                                "type", "public-key",
                                "response", Map.of("clientDataJSON", "AAAA", "attestationObject", "AAAA"))))
                .post("/v1/authenticators")
                .then()
                .statusCode(400)
                .body("code", equalTo("webauthn_registration_invalid"));
    }

    @Test
    void aPaymentTheRulesMarkForADeviceRefusesACode() {
        String token = recentLogin();
        String id = paymentRequiringAction(token, 63_000);
        pool.preparedQuery("INSERT INTO risk_assessment (payment_id, merchant_id, customer_id, amount_minor, outcome, "
                        + "rule_ids, created_at) VALUES ($1, 'm', $2, 63000, 'require_sca', "
                        + "'sca_threshold,barcode_dynamic_level_b', now())")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, payer))
                .await()
                .indefinitely();
        authenticate(token, id, Map.of("code", CapturingScaNotifier.LAST_CODE.get(id)))
                .statusCode(403)
                .body("code", equalTo("device_confirmation_required"));
        as(token)
                .get("/v1/payment_intents/" + id + "/authenticate")
                .then()
                .statusCode(200)
                .body("methods", equalTo(List.of()));
    }

    @Test
    void aCodeSentByEmailToTheCustomersVerifiedAddressCompletesThePayment() {
        String email = "buyer-" + UUID.randomUUID() + "@example.com";
        String token = customer(payer, Instant.now(), Map.of("email", email, "email_verified", true));
        String id = paymentRequiringAction(token, 60_000);
        var mail = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> mailbox.getMailsSentTo(email), list -> list != null && !list.isEmpty())
                .get(0);
        assertThat(mail.getSubject()).contains("PayGuard");
        assertThat(mail.getText()).contains("CNY 600.00").contains("to pay");
        var matcher = java.util.regex.Pattern.compile("code (\\d{6})").matcher(mail.getText());
        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(1)).isEqualTo(CapturingScaNotifier.LAST_CODE.get(id));
        as(token)
                .get("/v1/payment_intents/" + id + "/authenticate")
                .then()
                .statusCode(200)
                .body("code.channel", equalTo("email"))
                .body("code.sent_to", equalTo("b***@e***"));
        authenticate(token, id, Map.of("code", matcher.group(1))).statusCode(200);
        awaitSucceeded(id);
    }

    @Test
    void aCodeGoesBySmsWhenOnlyAVerifiedPhoneIsKnown() {
        String phone =
                "+86138" + String.format("%08d", Math.abs(UUID.randomUUID().hashCode()) % 100_000_000);
        String token = customer(
                payer,
                Instant.now(),
                Map.of("phone_number", phone, "phone_number_verified", true, "email", "x@example.com"));
        String id = paymentRequiringAction(token, 60_000);
        var sms = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> SmsGatewayStub.RECEIVED.stream()
                                .filter(m -> phone.equals(m.path("to").asText()))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .get();
        assertThat(sms.path("text").asText())
                .contains(CapturingScaNotifier.LAST_CODE.get(id))
                .contains("CNY 600.00");
        assertThat(mailbox.getMailsSentTo("x@example.com")).isNullOrEmpty();
        authenticate(token, id, Map.of("code", CapturingScaNotifier.LAST_CODE.get(id)))
                .statusCode(200);
        awaitSucceeded(id);
    }
}

package io.payguard.e2e;

import static io.payguard.e2e.Funding.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.e2e.Customers.Customer;

/**
 * Issue 17's "Done when" against the running suite (API: QR codes, payment codes, barcode limits, SCA the customer can
 * complete), with real Keycloak logins, the dev mail server (GreenMail) and a software WebAuthn authenticator:
 * <ol>
 * <li>a merchant shows a dynamic QR code (600.00 CNY: above the SCA threshold); the customer registers a passkey after a
 * fresh login, scans, pays, and completes the challenge with a WebAuthn assertion over the challenge the server gave
 * (which commits to the payment's id, amount, currency and payee): succeeded; the same code paid again is refused
 * ({@code qr_code_used});</li>
 * <li>a customer shows a payment code, the merchant charges it once (succeeded) and the second scan is refused
 * ({@code payment_code_used});</li>
 * <li>a payment code charge above the level-C daily limit (1,000 CNY) is declined by risk, naming the rule
 * ({@code barcode_dynamic_level_c});</li>
 * <li>an in-app payment (client secret) above the SCA threshold by a customer with no authenticator: the one-time code
 * arrives by e-mail in GreenMail and completes the payment.</li>
 * </ol>
 * Each case has customers of its own, created fresh in the local Keycloak ({@code mobile-<run>-<case>}, raised to KYC
 * tier 2 so their wallets are class II) and funded by card top-ups of 400 CNY (below the SCA threshold): the barcode
 * daily totals (per customer and UTC day) and the wallet limits start at zero in every run, and no other test's
 * customer is touched. The merchant is {@code demo-merchant-a}: these amounts are far below its daily limit.
 */
class MobilePaymentsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final long TOP_UP = 40_000;
    private static final Set<String> FINAL = Set.of("succeeded", "failed", "canceled");

    private final Http http = new Http();
    private final String payment = Stack.serviceUrl("payment");
    private final Map<String, String> merchant = Map.of(
            "Authorization",
            "Bearer " + Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET")));

    // ------------------------------------------------------------------------------------------------ the cases
    @Test
    void aCustomerTokenCarriesAuthTimeAndAVerifiedEmail() {
        var session = Keycloak.customerSession("alice");
        JsonNode claims = claims(session.accessToken());
        // the step-up check of authenticator registration reads auth_time; the e-mail channel needs email_verified
        assertThat(claims.path("auth_time").asLong())
                .as("auth_time of a fresh login")
                .isBetween(Instant.now().getEpochSecond() - 120, Instant.now().getEpochSecond() + 5);
        assertThat(claims.path("email").asText()).isEqualTo("alice@demo.payguard.invalid");
        assertThat(claims.path("email_verified").asBoolean()).isTrue();
        // dana has a verified mobile number too (the SMS channel)
        JsonNode dana = claims(Keycloak.customerSession("dana").accessToken());
        assertThat(dana.path("phone_number").asText()).matches("\\+[1-9][0-9]{6,14}");
        assertThat(dana.path("phone_number_verified").asBoolean()).isTrue();
    }

    @Test
    void aMerchantShowsADynamicQrAndTheCustomerPaysItWithADeviceBoundConfirmation() {
        var customer = customer("qr", 2 * TOP_UP);
        long before = balance(customer);

        var qr = send(
                "POST",
                "/v1/qr_codes",
                idempotent(merchant),
                Map.of(
                        "type",
                        "dynamic",
                        "amount",
                        60_000,
                        "currency",
                        "CNY",
                        "description",
                        "table 4",
                        "expires_in",
                        300));
        assertThat(qr.status()).as(qr.body()).isEqualTo(201);
        assertThat(qr.json().path("object").asText()).isEqualTo("qr_code");
        assertThat(qr.json().path("status").asText()).isEqualTo("active");
        assertThat(qr.json().path("amount").asLong()).isEqualTo(60_000);
        String payload = qr.json().path("payload").asText();
        assertThat(payload).startsWith("000201");
        String intentId = qr.json().path("payment_intent").asText();

        // a fresh login (auth_time within the step-up window), then the passkey
        var session = customer.login();
        var authenticator = new SoftAuthenticator();
        register(session, authenticator);

        var scanned = send("POST", "/v1/qr_codes/scan", session, Map.of("payload", payload), false);
        assertThat(scanned.status()).as(scanned.body()).isEqualTo(200);
        assertThat(scanned.json().path("qr_code").asText())
                .isEqualTo(qr.json().path("id").asText());
        assertThat(scanned.json().path("amount").asLong()).isEqualTo(60_000);
        assertThat(scanned.json().path("currency").asText()).isEqualTo("CNY");
        assertThat(scanned.json().path("merchant").path("id").asText()).isEqualTo("demo-merchant-a");

        var paid = send("POST", "/v1/qr_codes/pay", session, Map.of("payload", payload), true);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json().path("id").asText()).isEqualTo(intentId);
        assertThat(paid.json().path("status").asText()).as(paid.body()).isEqualTo("requires_action");
        String authenticate =
                paid.json().path("next_action").path("authenticate_url").asText();

        var challenge = send("GET", authenticate, session, null, false);
        assertThat(challenge.status()).as(challenge.body()).isEqualTo(200);
        assertThat(challenge.json().path("payment_intent").asText()).isEqualTo(intentId);
        assertThat(challenge.json().path("amount").asLong()).isEqualTo(60_000);
        assertThat(challenge.json().path("methods").toString()).contains("\"webauthn\"");
        JsonNode webauthn = challenge.json().path("webauthn");
        assertThat(webauthn.path("rpId").asText()).isEqualTo("localhost");
        assertThat(webauthn.path("allowCredentials").toString()).contains(authenticator.credentialId());

        // an assertion over another challenge (not linked to this payment) is refused, and changes nothing
        var forged = send(
                "POST",
                authenticate,
                session,
                Map.of("webauthn", authenticator.assertion(Keycloak.randomUrlSafe(32))),
                true);
        assertThat(forged.status()).as(forged.body()).isBetween(400, 499);
        assertThat(intent(intentId).path("status").asText()).isEqualTo("requires_action");

        var confirmed = send(
                "POST",
                authenticate,
                session,
                Map.of(
                        "webauthn",
                        authenticator.assertion(webauthn.path("challenge").asText())),
                true);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(awaitFinal(intentId).path("status").asText()).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(balance(customer)).isEqualTo(before - 60_000));

        // a dynamic code pays once
        var again = send("POST", "/v1/qr_codes/pay", customer.login(), Map.of("payload", payload), true);
        problem(again, 422, "qr_code_used");
        assertThat(balance(customer)).isEqualTo(before - 60_000);
    }

    @Test
    void aCustomerShowsAPaymentCodeTheMerchantChargesItOnceAndTheSecondScanIsRefused() {
        var customer = customer("code", TOP_UP);
        long before = balance(customer);
        String code = paymentCode(customer.login());

        var charged = charge(code, 1_000);
        assertThat(charged.status()).as(charged.body()).isEqualTo(200);
        String intentId = charged.json().path("id").asText();
        JsonNode done = awaitFinal(intentId);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("channel").asText()).isEqualTo("payment_code");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(balance(customer)).isEqualTo(before - 1_000));

        problem(charge(code, 1_000), 422, "payment_code_used");
        assertThat(balance(customer)).isEqualTo(before - 1_000);
    }

    @Test
    void aPaymentCodeChargeAboveTheLevelCDailyLimitIsDeclinedNamingTheRule() {
        // funded above the amount: the refusal is the barcode limit's, not the balance's
        var customer = customer("limit", 3 * TOP_UP);
        long before = balance(customer);
        String code = paymentCode(customer.login());

        var charged = charge(code, 100_001);
        assertThat(charged.status()).as(charged.body()).isEqualTo(200);
        JsonNode done = awaitFinal(charged.json().path("id").asText());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("failed");
        assertThat(done.path("failure_code").asText()).isEqualTo("risk_declined");
        assertThat(done.path("risk_rules").toString()).contains("\"barcode_dynamic_level_c\"");
        assertThat(balance(customer)).as("nothing moved").isEqualTo(before);
    }

    @Test
    void anInAppPaymentAboveTheScaThresholdIsCompletedWithTheCodeTheCustomerGotByEmail() {
        var customer = customer("mail", 2 * TOP_UP);
        long before = balance(customer);
        var challenge = inAppPaymentAwaitingACode(customer, 52_000);
        assertThat(challenge.options().path("code").path("channel").asText()).isEqualTo("email");
        assertThat(challenge.options().path("code").path("sent_to").asText())
                .as("masked")
                .doesNotContain(customer.email());

        var mail = Mailbox.awaitNewest(customer.email(), challenge.sent(), Duration.ofSeconds(30));
        assertThat(mail.subject()).contains("PayGuard");
        assertThat(mail.text()).contains("520.00").doesNotContain(customer.subject());
        completeWithCode(challenge, Mailbox.code(mail));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(balance(customer)).isEqualTo(before - 52_000));
    }

    @Test
    void aCustomerWithOnlyAVerifiedMobileNumberGetsTheCodeBySms() {
        var customer = customer("sms", 2 * TOP_UP);
        String phone = "+86139"
                + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
        Keycloak.setPhone(customer.username(), phone, false);
        JsonNode claims = claims(customer.login().accessToken());
        assertThat(claims.path("phone_number").asText()).isEqualTo(phone);
        assertThat(claims.path("email_verified").asBoolean()).isFalse();
        long before = balance(customer);

        var challenge = inAppPaymentAwaitingACode(customer, 51_000);
        assertThat(challenge.options().path("code").path("channel").asText()).isEqualTo("sms");
        assertThat(challenge.options().path("code").path("sent_to").asText()).doesNotContain(phone);
        var sms = SmsInbox.awaitNewest(phone, challenge.sent(), Duration.ofSeconds(30));
        assertThat(sms.text()).contains("PayGuard").contains("510.00");
        completeWithCode(challenge, SmsInbox.code(sms));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(balance(customer)).isEqualTo(before - 51_000));
    }

    // ------------------------------------------------------------------------------------------------ helpers
    /** An in-app payment waiting for the customer's one-time code: its id, authenticate URL, session, options. */
    record CodeChallenge(
            String intentId, String authenticateUrl, Keycloak.DpopSession session, Instant sent, JsonNode options) {}

    /**
     * The merchant creates a wallet intent of {@code amount} without a customer (in-app: the answer carries the
     * client secret); a wrong secret finds nothing; the customer (no authenticator) confirms with the secret and is
     * asked for a code, the only method offered.
     */
    private CodeChallenge inAppPaymentAwaitingACode(Customer customer, long amount) {
        var created = send(
                "POST",
                "/v1/payment_intents",
                idempotent(merchant),
                Map.of(
                        "amount", amount,
                        "currency", "CNY",
                        "description", "e2e in-app order",
                        "payment_method_type", "wallet",
                        "capture_method", "automatic"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String intentId = created.json().path("id").asText();
        String secret = created.json().path("client_secret").asText();
        assertThat(secret).startsWith(intentId + "_secret_");

        var session = customer.login();
        String confirm = "/v1/payment_intents/" + intentId + "/confirm";
        var wrongSecret = send(
                "POST", confirm, session, Map.of("payment_method_type", "wallet", "client_secret", secret + "x"), true);
        problem(wrongSecret, 404, null);

        Instant sent = Instant.now();
        var confirmed =
                send("POST", confirm, session, Map.of("payment_method_type", "wallet", "client_secret", secret), true);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText())
                .as(confirmed.body())
                .isEqualTo("requires_action");
        String authenticate =
                confirmed.json().path("next_action").path("authenticate_url").asText();

        var options = send("GET", authenticate, session, null, false);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.json().path("methods").toString())
                .as("no authenticator: codes only")
                .contains("\"code\"")
                .doesNotContain("\"webauthn\"");
        return new CodeChallenge(intentId, authenticate, session, sent, options.json());
    }

    private void completeWithCode(CodeChallenge challenge, String code) {
        var authenticated = send("POST", challenge.authenticateUrl(), challenge.session(), Map.of("code", code), true);
        assertThat(authenticated.status()).as(authenticated.body()).isEqualTo(200);
        assertThat(awaitFinal(challenge.intentId()).path("status").asText()).isEqualTo("succeeded");
    }

    /** A new customer of this run, raised to KYC tier 2 by the operator, with a CNY wallet funded with {@code minor}. */
    private Customer customer(String tag, long minor) {
        return Customers.create(
                "mobile-" + RUN + "-" + tag,
                2,
                "mobile-payments-it-" + RUN,
                "e2e customer of MobilePaymentsIT",
                minor,
                TOP_UP);
    }

    private long balance(Customer customer) {
        return customer.balance();
    }

    /** Registers the authenticator for the session's customer (step-up: the session must be a fresh login). */
    private void register(Keycloak.DpopSession session, SoftAuthenticator authenticator) {
        var options = send("POST", "/v1/authenticators/registration_options", session, Map.of(), false);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        assertThat(options.json().path("rp").path("id").asText()).isEqualTo("localhost");
        assertThat(options.json().path("attestation").asText()).isEqualTo("none");
        var registered = send(
                "POST",
                "/v1/authenticators",
                session,
                Map.of(
                        "registration", options.json().path("registration").asText(),
                        "name", "e2e soft authenticator",
                        "credential", authenticator.register(options.json())),
                true);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().path("status").asText()).isEqualTo("active");
        var list = send("GET", "/v1/authenticators", session, null, false);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(registered.json().path("id").asText());
    }

    /** A new payment code of the session's customer, paid from the wallet. */
    private String paymentCode(Keycloak.DpopSession session) {
        var created = send("POST", "/v1/payment_codes", session, Map.of("funding", "wallet"), true);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("level").asText()).isEqualTo("C");
        assertThat(Instant.parse(created.json().path("expires_at").asText()))
                .isBefore(Instant.now().plusSeconds(61));
        String code = created.json().path("code").asText();
        assertThat(code).matches("[0-9]{18}");
        return code;
    }

    private Http.Response charge(String code, long amount) {
        return send(
                "POST",
                "/v1/payment_codes/charge",
                idempotent(merchant),
                Map.of("code", code, "amount", amount, "currency", "CNY", "description", "e2e POS " + RUN));
    }

    private JsonNode intent(String id) {
        var r = http.get(payment + "/v1/payment_intents/" + id, merchant);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The merchant's view of the intent once it is succeeded, failed or canceled. */
    private JsonNode awaitFinal(String id) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> intent(id), i -> FINAL.contains(i.path("status").asText()));
    }

    /** A merchant call ({@code path} on payment-service). */
    private Http.Response send(String method, String path, Map<String, String> headers, Object body) {
        return http.send(method, payment + path, headers, body);
    }

    /** A customer call with a DPoP proof, with a fresh Idempotency-Key when {@code idempotent}. */
    private Http.Response send(
            String method, String path, Keycloak.DpopSession session, Object body, boolean idempotent) {
        String url = payment + path;
        var headers = new HashMap<>(session.headers(method, url));
        if (idempotent) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        return http.send(method, url, headers, body);
    }

    private static void problem(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        if (code != null) {
            assertThat(r.json().path("code").asText()).as(r.body()).isEqualTo(code);
        }
    }

    static JsonNode claims(String accessToken) {
        try {
            return Http.JSON.readTree(
                    new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JWT", e);
        }
    }
}

package io.payguard.e2e;

import static io.payguard.e2e.Funding.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.e2e.Customers.Customer;

/**
 * Issue 18's "Done when" against the running suite (real Keycloak, GreenMail, the four services), written to the
 * shared API contract of issue 18:
 * <ol>
 * <li>a customer grants marketing consent and an operator's marketing mail reaches them; they withdraw it and the next
 * one is refused {@code 403 consent_required}, naming the purpose;</li>
 * <li>a customer exports their data: the bundle has entries from all four services and an Ed25519 signature that the
 * published export signing key verifies;</li>
 * <li>erasure of a customer whose wallet holds money is refused {@code wallet_balance_not_zero};</li>
 * <li>a customer who spent their wallet to 0 asks for erasure while a compliance officer's legal hold stands: the
 * request waits {@code on_hold}; the hold is released and the erasure completes. Afterwards the profile reads as
 * erased, the card token is unusable, the payment record shows a pseudonym, the outcome lists what was erased and what
 * is held (until when, on what legal basis), and the audit chain still verifies.</li>
 * </ol>
 * Each case has a customer of its own, created fresh in the local Keycloak ({@code privacy-<run>-<case>}, raised to
 * KYC tier 2 by {@code otto}), so the cases run in any order and erase no one else. The compliance officer is
 * {@code cora}, the auditor {@code ada}, the merchant {@code demo-merchant-a}.
 */
class PrivacyIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final long TOP_UP = 10_000; // 100.00 CNY: below the SCA threshold
    private static final Duration DSR_WAIT = Duration.ofSeconds(90);

    private final Http http = new Http();
    private final Funding funding = new Funding();
    private final String auth = Stack.serviceUrl("auth");
    private final String payment = Stack.serviceUrl("payment");
    private final Map<String, String> merchant = Map.of(
            "Authorization",
            "Bearer " + Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET")));

    // ------------------------------------------------------------------------------------------------ the cases

    @Test
    void aCustomerWhoWithdrawsMarketingConsentIsRefusedForThatPurposeNamingIt() {
        var customer = customer("consent", 0);
        var session = customer.login();
        int version = currentVersion(session, "marketing");

        var granted = send(
                "POST",
                auth + "/v1/consents",
                session,
                Map.of("purpose", "marketing", "version", version, "channel", "web"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().path("status").asText()).isEqualTo("granted");
        assertThat(consentStatus(session, "marketing")).isEqualTo("granted");

        Instant sent = Instant.now();
        String subjectLine = "PayGuard offers " + RUN;
        var accepted = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> marketing(customer, subjectLine), r -> r.status() != 403);
        assertThat(accepted.status())
                .as("sent while consent is granted: %s", accepted.body())
                .isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("sent");
        var mail = Mailbox.awaitNewest(customer.email(), sent, Duration.ofSeconds(30));
        assertThat(mail.subject()).isEqualTo(subjectLine);

        var withdrawn =
                send("POST", auth + "/v1/consents/marketing/withdraw", customer.login(), Map.of("channel", "web"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asText()).isEqualTo("withdrawn");

        // every service reads consent from privacy.consents: the withdrawal reaches auth-service's view shortly
        var refused = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> marketing(customer, subjectLine), r -> r.status() != 202);
        problem(refused, 403, "consent_required");
        assertThat(refused.json().path("detail").asText())
                .as("names the purpose")
                .contains("marketing");
    }

    @Test
    void anExportHoldsEntriesFromAllFourServicesSignedWithThePublishedKey() throws Exception {
        var customer = customer("export", TOP_UP);
        var session = customer.login();
        createProfile(session, customer);
        pay(customer, 2_500);
        send(
                "POST",
                auth + "/v1/consents",
                session,
                Map.of("purpose", "marketing", "version", currentVersion(session, "marketing"), "channel", "mobile"));

        var request = dataSubjectRequest(customer.login(), Map.of("type", "access"));
        var done = awaitStatus(customer.login(), request, Set.of("completed", "refused"));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("export").path("available").asBoolean())
                .as(done.toString())
                .isTrue();

        String url = auth + "/v1/data_subject_requests/" + request + "/export";
        var export = http.send("GET", url, customer.login().headers("GET", url), null);
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode bundle = export.json();
        assertThat(bundle.path("object").asText()).isEqualTo("data_export");
        assertThat(bundle.path("subject").asText()).isEqualTo(customer.subject());
        assertThat(bundle.path("summary").asText())
                .as("a human-readable summary")
                .isNotBlank();
        for (String service : ExportSignature.SERVICES) {
            assertThat(ExportSignature.hasEntries(bundle.path("services").path(service)))
                    .as("entries from %s in %s", service, bundle.path("services"))
                    .isTrue();
        }
        assertThat(bundle.path("services").path("wallet-service").toString()).contains(customer.walletId());
        assertThat(bundle.toString())
                .as("cards masked: no PAN in the export")
                .doesNotContainPattern("(?<![0-9A-Za-z_])4[0-9]{15}(?![0-9A-Za-z])");

        var key = http.get(
                auth + "/v1/data_subject_requests/export_signing_key",
                customer.login().headers("GET", auth + "/v1/data_subject_requests/export_signing_key"));
        assertThat(key.status()).as(key.body()).isEqualTo(200);
        assertThat(bundle.path("signature").path("alg").asText()).isEqualTo("Ed25519");
        assertThat(ExportSignature.verifies(bundle, key.json()))
                .as("the export's signature verifies with the published key")
                .isTrue();
        assertThat(ExportSignature.verifies(ExportSignature.tampered(bundle), key.json()))
                .as("a changed export does not verify")
                .isFalse();
    }

    @Test
    void erasureOfACustomerWhoseWalletHoldsMoneyIsRefusedNamingTheBlocker() {
        var customer = customer("funded", TOP_UP);
        var request = dataSubjectRequest(customer.login(), Map.of("type", "erasure"));
        var refused = awaitStatus(customer.login(), request, Set.of("refused", "completed", "on_hold"));
        assertThat(refused.path("status").asText()).as(refused.toString()).isEqualTo("refused");
        assertThat(refused.path("refusal").path("code").asText()).isEqualTo("wallet_balance_not_zero");
        assertThat(balance(customer)).as("nothing was taken").isEqualTo(TOP_UP);
        // the wallet was unfrozen again (abort): the customer can still pay
        pay(customer, 1_000);
        assertThat(balance(customer)).isEqualTo(TOP_UP - 1_000);
    }

    @Test
    void aLegalHoldDelaysErasureUntilReleasedThenDataIsErasedOrPseudonymisedAndTheChainVerifies() {
        var customer = customer("erasure", TOP_UP);
        var session = customer.login();
        String profileId = createProfile(session, customer);
        String cardToken = funding.tokenise(session, Funding.approvedCard());
        String paymentId = pay(customer, TOP_UP); // drains the wallet to 0: erasure may proceed
        assertThat(balance(customer)).isZero();

        var cora = Keycloak.customerSession("cora");
        String holdId = setLegalHold(cora, customer.subject());
        String request = dataSubjectRequest(customer.login(), Map.of("type", "erasure"));
        var onHold = awaitStatus(customer.login(), request, Set.of("on_hold", "completed", "refused"));
        assertThat(onHold.path("status").asText())
                .as("a legal hold blocks erasure: %s", onHold)
                .isEqualTo("on_hold");

        String release = auth + "/v1/legal_holds/" + holdId + "/release";
        var released =
                http.send("POST", release, cora.headers("POST", release), Map.of("reason", "case closed " + RUN));
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().path("releasedAt").isNull()).isFalse();

        var completed = awaitStatusAsCompliance(cora, request, Set.of("completed", "refused"));
        assertThat(completed.path("status").asText()).as(completed.toString()).isEqualTo("completed");

        theOutcomeListsErasedAndHeldDataWithHoldEndAndLegalBasis(completed.path("outcome"));
        theCustomerIsToldByMail(customer.email(), request);
        theProfileReadsAsErased(cora, profileId);
        theCardTokenIsUnusable(customer, cardToken);
        thePaymentRecordShowsAPseudonym(paymentId, customer.subject());
        theAuditChainStillVerifies();
    }

    // ------------------------------------------------------------------------------------------------ afterwards

    private void theOutcomeListsErasedAndHeldDataWithHoldEndAndLegalBasis(JsonNode outcome) {
        assertThat(outcome.isArray() && outcome.size() > 0)
                .as("outcome %s", outcome)
                .isTrue();
        boolean paymentsHeld = false;
        boolean paymentDataErased = false;
        boolean auditFieldsErased = false;
        for (JsonNode o : outcome) {
            String service = o.path("service").asText();
            String action = o.path("action").asText();
            assertThat(action).as(o.toString()).isIn("erased", "pseudonymised_held", "kept");
            if (action.equals("pseudonymised_held")) {
                Instant holdUntil = Instant.parse(o.path("holdUntil").asText());
                if (service.equals("payment-service") || service.equals("wallet-service")) {
                    assertThat(holdUntil)
                            .as("transaction records held under AML retention (5 years): %s", o)
                            .isAfter(Instant.now().plus(4 * 365, ChronoUnit.DAYS));
                } else {
                    assertThat(holdUntil).as("a hold ends in the future: %s", o).isAfter(Instant.now());
                }
                assertThat(o.path("legalBasis").asText()).as(o.toString()).isNotBlank();
                paymentsHeld |= service.equals("payment-service");
            }
            paymentDataErased |= service.equals("payment-service") && action.equals("erased");
            auditFieldsErased |= service.equals("audit-service")
                    && action.equals("erased")
                    && o.path("dataType").asText().equals("audit_personal_fields");
        }
        assertThat(paymentsHeld)
                .as("payment records pseudonymised and held: %s", outcome)
                .isTrue();
        assertThat(paymentDataErased)
                .as("cards and authenticators erased: %s", outcome)
                .isTrue();
        assertThat(auditFieldsErased)
                .as("the audit trail's personal fields shredded: %s", outcome)
                .isTrue();
        assertThat(outcome.toString()).contains("audit_records").contains("\"kept\"");
    }

    /** The customer is told by mail what was erased and what is held (before their Keycloak user goes). */
    private void theCustomerIsToldByMail(String email, String request) {
        var told = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Mailbox.messages(email).stream()
                                .filter(m -> (m.subject() + m.text()).contains(request))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        assertThat(told.text())
                .as("what was erased and what is held, per service")
                .contains("payment-service");
    }

    private void theProfileReadsAsErased(Keycloak.DpopSession cora, String profileId) {
        String url = auth + "/v1/profiles/" + profileId;
        var profile = http.send("GET", url, cora.headers("GET", url), null);
        assertThat(profile.status()).as(profile.body()).isIn(200, 404);
        if (profile.status() == 200) {
            assertThat(profile.json().path("status").asText())
                    .as(profile.body())
                    .isEqualTo("erased");
        }
        String reveal = url + "/reveal";
        var revealed = http.send("POST", reveal, cora.headers("POST", reveal), Map.of("reason", "e2e check " + RUN));
        assertThat(revealed.body()).as("nothing left to reveal").doesNotContain("Privacy " + RUN);
    }

    /** The merchant cannot charge the erased customer's card token: it is refused, or the payment fails. */
    private void theCardTokenIsUnusable(Customer customer, String cardToken) {
        var created = http.send(
                "POST",
                payment + "/v1/payment_intents",
                idempotent(merchant),
                Map.of(
                        "amount", 100,
                        "currency", "CNY",
                        "description", "after erasure " + RUN,
                        "payment_method_type", "card",
                        "capture_method", "automatic"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String url =
                payment + "/v1/payment_intents/" + created.json().path("id").asText();
        var confirmed = http.send(
                "POST",
                url + "/confirm",
                idempotent(merchant),
                Map.of("payment_method_type", "card", "payment_method", cardToken, "cvc", Funding.CVC));
        if (confirmed.status() / 100 == 4) {
            return;
        }
        var status = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> http.get(url, merchant).json().path("status").asText(),
                        s -> Set.of("succeeded", "failed", "canceled", "requires_capture")
                                .contains(s));
        assertThat(status)
                .as("the erased token charged nothing (confirm answered %s)", confirmed.body())
                .isIn("failed", "canceled");
    }

    private void thePaymentRecordShowsAPseudonym(String paymentId, String subject) {
        var intent = http.get(payment + "/v1/payment_intents/" + paymentId, merchant);
        assertThat(intent.status())
                .as("kept under AML retention: %s", intent.body())
                .isEqualTo(200);
        assertThat(intent.body()).as("the subject is gone from the record").doesNotContain(subject);
        assertThat(intent.json().path("customer").asText()).as(intent.body()).startsWith("psn_");
    }

    private void theAuditChainStillVerifies() {
        var ada = Keycloak.customerSession("ada");
        String verify = Stack.serviceUrl("audit") + "/v1/audit/chain/verifications?mode=full";
        var verification = http.send("POST", verify, ada.headers("POST", verify), null);
        assertThat(verification.status()).as(verification.body()).isEqualTo(200);
        assertThat(verification.json().path("intact").asBoolean())
                .as(verification.body())
                .isTrue();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A new customer of this run, raised to KYC tier 2 by the operator, with a CNY wallet funded with {@code minor}. */
    private Customer customer(String tag, long minor) {
        return Customers.create(
                "privacy-" + RUN + "-" + tag, 2, "privacy-it-" + RUN, "e2e customer of PrivacyIT", minor, TOP_UP);
    }

    private String createProfile(Keycloak.DpopSession session, Customer customer) {
        var created = send(
                "POST",
                auth + "/v1/profiles",
                session,
                Map.of("name", "Privacy " + RUN, "phone", "+8613800138000", "email", customer.email()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    /** The merchant charges the customer's wallet {@code amount} (automatic capture); returns the succeeded payment. */
    private String pay(Customer customer, long amount) {
        var created = http.send(
                "POST",
                payment + "/v1/payment_intents",
                idempotent(merchant),
                Map.of(
                        "amount",
                        amount,
                        "currency",
                        "CNY",
                        "description",
                        "e2e privacy order " + RUN,
                        "customer",
                        customer.subject(),
                        "payment_method_type",
                        "wallet",
                        "capture_method",
                        "automatic"));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        String id = created.json().path("id").asText();
        String confirm = payment + "/v1/payment_intents/" + id + "/confirm";
        var confirmed = send("POST", confirm, customer.login(), Map.of("payment_method_type", "wallet"));
        assertThat(confirmed.status()).as(confirmed.body()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(http.get(payment + "/v1/payment_intents/" + id, merchant)
                                .json()
                                .path("status")
                                .asText())
                        .isEqualTo("succeeded"));
        return id;
    }

    private long balance(Customer customer) {
        return customer.balance();
    }

    private int currentVersion(Keycloak.DpopSession session, String purpose) {
        var purposes = http.send(
                "GET", auth + "/v1/consent_purposes", session.headers("GET", auth + "/v1/consent_purposes"), null);
        assertThat(purposes.status()).as(purposes.body()).isEqualTo(200);
        for (JsonNode p : list(purposes.json())) {
            if (purpose.equals(p.path("id").asText(p.path("purpose").asText()))) {
                return p.path("version").asInt();
            }
        }
        throw new AssertionError("no purpose " + purpose + " in " + purposes.body());
    }

    /** The items of a list answer ({@code {object: "list", data: [...]}}, or a bare array). */
    private static JsonNode list(JsonNode answer) {
        return answer.has("data") ? answer.get("data") : answer;
    }

    private String consentStatus(Keycloak.DpopSession session, String purpose) {
        var list = http.send("GET", auth + "/v1/consents", session.headers("GET", auth + "/v1/consents"), null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode c : list(list.json())) {
            if (purpose.equals(c.path("purpose").asText())) {
                return c.path("status").asText();
            }
        }
        return "not_given";
    }

    /** The operator {@code otto} sends the customer a marketing mail. */
    private Http.Response marketing(Customer customer, String subjectLine) {
        var otto = Keycloak.customerSession("otto");
        return send(
                "POST",
                auth + "/v1/marketing/messages",
                otto,
                Map.of(
                        "customer",
                        customer.subject(),
                        "subject",
                        subjectLine,
                        "body",
                        "Spring offers for PayGuard customers."));
    }

    private String setLegalHold(Keycloak.DpopSession cora, String subject) {
        var hold = send(
                "POST",
                auth + "/v1/legal_holds",
                cora,
                Map.of("subject", subject, "reason", "litigation hold, case " + RUN));
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        assertThat(hold.json().path("id").asText()).startsWith("lh_");
        return hold.json().path("id").asText();
    }

    /** The customer files a data-subject request (a fresh login: verified at once); returns its id. */
    private String dataSubjectRequest(Keycloak.DpopSession session, Map<String, Object> body) {
        var created = send("POST", auth + "/v1/data_subject_requests", session, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("id").asText()).startsWith("dsr_");
        assertThat(created.json().path("deadline").asText())
                .as("a deadline (CN: 15 days)")
                .isNotBlank();
        return created.json().path("id").asText();
    }

    private JsonNode awaitStatus(Keycloak.DpopSession session, String request, Set<String> wanted) {
        String url = auth + "/v1/data_subject_requests/" + request;
        return await().atMost(DSR_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> http.send("GET", url, session.headers("GET", url), null)
                                .json(),
                        r -> wanted.contains(r.path("status").asText()));
    }

    /** After erasure the customer's Keycloak user is gone: the compliance officer follows the request. */
    private JsonNode awaitStatusAsCompliance(Keycloak.DpopSession cora, String request, Set<String> wanted) {
        return awaitStatus(cora, request, wanted);
    }

    private Http.Response send(String method, String url, Keycloak.DpopSession session, Object body) {
        var headers = new HashMap<>(session.headers(method, url));
        if (!method.equals("GET")) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        return http.send(method, url, headers, body);
    }

    private static void problem(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.json().path("code").asText()).as(r.body()).isEqualTo(code);
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 13 item 5 against the running suite with the real Keycloak: the realm issues {@code kyc_tier} from the user
 * attribute, an operator changes it through the auth service, the customer's next token carries it, and the wallet
 * service gives the class it allows.
 */
class KycTierIT {

    private final Http http = new Http();

    static JsonNode claims(String accessToken) {
        try {
            return Http.JSON.readTree(
                    new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String tierClaim(Keycloak.DpopSession session) {
        JsonNode tier = claims(session.accessToken()).get("kyc_tier");
        return tier == null ? null : tier.asText();
    }

    private Http.Response openWallet(Keycloak.DpopSession customer, String currency, String walletClass) {
        String url = Stack.serviceUrl("wallet") + "/v1/wallets";
        Map<String, String> body = walletClass == null
                ? Map.of("currency", currency)
                : Map.of("currency", currency, "walletClass", walletClass);
        return http.send("POST", url, customer.headers("POST", url), body);
    }

    private Http.Response assignTier(Keycloak.DpopSession caller, String subject, Object body) {
        String url = Stack.serviceUrl("auth") + "/v1/customers/" + subject + "/kyc";
        return http.send("PUT", url, caller.headers("PUT", url), body);
    }

    @Test
    void theDemoCustomersCarryTheirTierInTheAccessToken() {
        assertThat(tierClaim(Keycloak.customerSession("bob"))).isEqualTo("1");
        assertThat(tierClaim(Keycloak.customerSession("alice"))).isEqualTo("2");
        assertThat(tierClaim(Keycloak.customerSession("dana"))).isEqualTo("3");
        // staff have no tier
        assertThat(tierClaim(Keycloak.customerSession("otto"))).isNull();
    }

    @Test
    void anOperatorRaisesACustomerToTier3AndTheNextTokenOpensAClassIiiWallet() {
        // a new customer, no KYC beyond sign-up: no attribute, tier 1
        String username = "kyc-" + UUID.randomUUID().toString().substring(0, 8);
        Keycloak.ensureCustomer(username);
        var before = Keycloak.customerSession(username);
        String subject = claims(before.accessToken()).get("sub").asText();
        assertThat(tierClaim(before)).isNull();

        var opened = openWallet(before, "CNY", null);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().get("walletClass").asText()).isEqualTo("class_i");
        var refused = openWallet(before, "EUR", "class_iii");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("kyc_tier_too_low");

        // the customer cannot lift their own tier
        var self = assignTier(before, subject, Map.of("tier", 3, "evidenceRef", "self-declared"));
        assertThat(self.status()).as(self.body()).isEqualTo(403);

        var otto = Keycloak.customerSession("otto");
        String evidence = "kyc-case-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        var raised = assignTier(
                otto,
                subject,
                Map.of("tier", 3, "evidenceRef", evidence, "reason", "passport and proof of address verified"));
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(raised.json().get("tier").asInt()).isEqualTo(3);
        assertThat(raised.json().get("previousTier").asInt()).isEqualTo(1);
        assertThat(raised.json().get("changed").asBoolean()).isTrue();
        assertThat(raised.json().get("walletClass").asText()).isEqualTo("class_iii");

        // the token issued before the change keeps the old tier until it expires
        assertThat(openWallet(before, "EUR", "class_iii").status()).isEqualTo(403);

        var after = Keycloak.customerSession(username);
        assertThat(claims(after.accessToken()).get("sub").asText()).isEqualTo(subject);
        assertThat(tierClaim(after)).isEqualTo("3");
        var classIii = openWallet(after, "EUR", "class_iii");
        assertThat(classIii.status()).as(classIii.body()).isEqualTo(201);
        assertThat(classIii.json().get("walletClass").asText()).isEqualTo("class_iii");

        // the same tier again changes nothing
        var again = assignTier(otto, subject, Map.of("tier", 3, "evidenceRef", evidence));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("changed").asBoolean()).isFalse();

        // the change is in the audit trail, with who made it
        var auditor = Keycloak.customerSession("ada");
        String search = Stack.serviceUrl("audit") + "/v1/audit/search?objectType=customer&objectId=" + subject
                + "&eventType=io.payguard.security.customer.kyc_tier_changed.v1";
        String ottoSubject = claims(otto.accessToken()).get("sub").asText();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    var r = http.get(search, auditor.headers("GET", search));
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    assertThat(r.json().get("records").size()).as(r.body()).isEqualTo(1);
                    assertThat(r.json()
                                    .get("records")
                                    .get(0)
                                    .get("actor")
                                    .get("subject")
                                    .asText())
                            .isEqualTo(ottoSubject);
                });
    }

    @Test
    void aComplianceOfficerDowngradesAndTheRefusalsHold() {
        String username = "kyc-" + UUID.randomUUID().toString().substring(0, 8);
        Keycloak.ensureCustomer(username);
        String subject = claims(Keycloak.customerSession(username).accessToken())
                .get("sub")
                .asText();
        var cora = Keycloak.customerSession("cora");
        assertThat(assignTier(cora, subject, Map.of("tier", 2, "evidenceRef", "kyc-up"))
                        .status())
                .isEqualTo(200);
        assertThat(tierClaim(Keycloak.customerSession(username))).isEqualTo("2");
        var down = assignTier(
                cora,
                subject,
                Map.of("tier", 1, "evidenceRef", "kyc-review-expired-id", "reason", "identity document expired"));
        assertThat(down.status()).as(down.body()).isEqualTo(200);
        assertThat(down.json().get("previousTier").asInt()).isEqualTo(2);
        assertThat(tierClaim(Keycloak.customerSession(username))).isEqualTo("1");

        var bad = assignTier(cora, subject, Map.of("tier", 4, "evidenceRef", "x"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().get("detail").asText()).contains("tier");
        var noEvidence = assignTier(cora, subject, Map.of("tier", 2));
        assertThat(noEvidence.status()).as(noEvidence.body()).isEqualTo(400);
        assertThat(noEvidence.json().get("detail").asText()).contains("evidenceRef");
        var unknown = assignTier(cora, UUID.randomUUID().toString(), Map.of("tier", 2, "evidenceRef", "x"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("customer_not_found");
        // staff are not customers
        String ottoSubject = claims(Keycloak.customerSession("otto").accessToken())
                .get("sub")
                .asText();
        assertThat(assignTier(cora, ottoSubject, Map.of("tier", 3, "evidenceRef", "x"))
                        .status())
                .isEqualTo(404);

        // merchants are refused too
        String merchant = Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET"));
        String url = Stack.serviceUrl("auth") + "/v1/customers/" + subject + "/kyc";
        var asMerchant = http.send(
                "PUT", url, Map.of("Authorization", "Bearer " + merchant), Map.of("tier", 3, "evidenceRef", "x"));
        assertThat(asMerchant.status()).as(asMerchant.body()).isEqualTo(403);
    }
}

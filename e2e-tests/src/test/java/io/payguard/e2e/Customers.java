package io.payguard.e2e;

import static io.payguard.e2e.Funding.idempotent;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * Fresh customers of one test run: created in the local Keycloak ({@link Keycloak#customerWithTier}, e-mail
 * {@code <username>@load.payguard.invalid}, verified), raised to a KYC tier by the operator {@code otto} (the token then
 * carries it, so the wallet opened with it has that tier's class), with a CNY wallet funded by card top-ups. No other
 * test's customer is touched, and daily limits start at zero.
 */
final class Customers {

    /** A fresh customer: Keycloak user, subject, e-mail, CNY wallet. */
    record Customer(String username, String subject, String email, String walletId) {
        Keycloak.DpopSession login() {
            return Keycloak.customerSession(username);
        }

        /** The wallet's balance in minor units, as the customer reads it. */
        long balance() {
            var session = login();
            String url = Stack.serviceUrl("wallet") + "/v1/wallets/" + walletId;
            var r = new Http().send("GET", url, session.headers("GET", url), null);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json().path("balance").path("minor").asLong();
        }
    }

    private Customers() {}

    /**
     * Creates {@code username} at KYC {@code tier} (set by {@code otto} with {@code evidenceRef} and {@code reason}),
     * opens a CNY wallet and funds it with {@code minor}, in card top-ups of at most {@code topUp} each.
     */
    static Customer create(String username, int tier, String evidenceRef, String reason, long minor, long topUp) {
        var tiered = Keycloak.customerWithTier(username, tier, Keycloak.customerSession("otto"), evidenceRef, reason);
        var session = tiered.session();
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        var opened = new Http()
                .send("POST", wallets, idempotent(session.headers("POST", wallets)), Map.of("currency", "CNY"));
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        String walletId = opened.json().get("id").asText();
        var funding = new Funding();
        for (long funded = 0; funded < minor; funded += topUp) {
            funding.topUp(session, walletId, Math.min(topUp, minor - funded), "CNY");
        }
        String email =
                MobilePaymentsIT.claims(session.accessToken()).path("email").asText();
        return new Customer(username, tiered.subject(), email, walletId);
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Puts money into a wallet the only way the suite allows: the customer charges their own card (tokenised through the
 * payment service) in a top-up, and the wallet is credited once the charge is captured. Each call tokenises a card of
 * its own (a Luhn-valid Visa number the simulator approves), as a customer's real card would be, so the per-card
 * velocity rule sees one charge per card.
 */
final class Funding {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String CVC = "737";

    private final Http http = new Http();

    /** A Luhn-valid 16-digit Visa number that none of the simulator's special test cards uses: approved. */
    static String approvedCard() {
        var digits = new StringBuilder("49");
        while (digits.length() < 15) {
            digits.append(RANDOM.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int d = digits.charAt(14 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }

    static Map<String, String> idempotent(Map<String, String> auth) {
        var h = new HashMap<>(auth);
        h.put("Idempotency-Key", UUID.randomUUID().toString());
        return h;
    }

    /** Tokenises {@code pan} for the customer; returns the token id. */
    String tokenise(Keycloak.DpopSession customer, String pan) {
        String tokens = Stack.serviceUrl("payment") + "/v1/tokens";
        var token = http.send(
                "POST",
                tokens,
                idempotent(customer.headers("POST", tokens)),
                Map.of("number", pan, "exp_month", 12, "exp_year", 2031));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return token.json().get("id").asText();
    }

    /** Creates a top-up of the wallet; returns the answer (201 with the top-up, or a problem). */
    Http.Response create(Keycloak.DpopSession customer, String walletId, Object amount, String currency) {
        String url = Stack.serviceUrl("payment") + "/v1/top_ups";
        return http.send(
                "POST",
                url,
                idempotent(customer.headers("POST", url)),
                Map.of("wallet_id", walletId, "amount", amount, "currency", currency));
    }

    Http.Response confirm(Keycloak.DpopSession customer, String topUpId, String token) {
        String url = Stack.serviceUrl("payment") + "/v1/top_ups/" + topUpId + "/confirm";
        return http.send(
                "POST", url, idempotent(customer.headers("POST", url)), Map.of("payment_method", token, "cvc", CVC));
    }

    JsonNode get(Keycloak.DpopSession customer, String topUpId) {
        String url = Stack.serviceUrl("payment") + "/v1/top_ups/" + topUpId;
        var r = http.send("GET", url, customer.headers("GET", url), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Waits until the top-up's credit has an outcome other than {@code crediting}; returns the top-up. */
    JsonNode awaitCredit(Keycloak.DpopSession customer, String topUpId) {
        var last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    last[0] = get(customer, topUpId);
                    assertThat(last[0].get("credit_status").asText())
                            .as(last[0].toString())
                            .isIn("credited", "refused");
                });
        return last[0];
    }

    /** Tops up {@code minor} from a fresh card of the customer's; waits until the wallet is credited. */
    JsonNode topUp(Keycloak.DpopSession customer, String walletId, long minor, String currency) {
        var created = create(customer, walletId, minor, currency);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        var confirmed = confirm(customer, id, tokenise(customer, approvedCard()));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asText()).as(confirmed.body()).isEqualTo("succeeded");
        var done = awaitCredit(customer, id);
        assertThat(done.get("credit_status").asText()).as(done.toString()).isEqualTo("credited");
        return done;
    }
}

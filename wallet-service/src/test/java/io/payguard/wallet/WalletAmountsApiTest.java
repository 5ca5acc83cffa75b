package io.payguard.wallet;

import static io.payguard.wallet.WalletApiTest.as;
import static io.payguard.wallet.WalletApiTest.customer;
import static io.payguard.wallet.WalletApiTest.open;
import static io.payguard.wallet.WalletApiTest.topUp;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 13, item 4: a wallet amount is {@code {"minor": <JSON integer>, "currency": <enabled code>}}. A top-up of
 * {@code 1.5} credits nothing (it used to credit 1); fractions, strings, exponents, overflows, XXX/XTS/metals, a
 * currency not enabled, zero, negative and too-large amounts answer an RFC 9457 problem naming the field, on every
 * money movement, and the balance and statement stay as they were.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletAmountsApiTest {

    static final String[] MOVES = {"transfers", "payments"};

    final String alice = customer("alice-" + UUID.randomUUID(), "2");

    static ValidatableResponse problem(ValidatableResponse r, String code, String field) {
        return r.statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("code", equalTo(code))
                .body("detail", containsString("'" + field + "'"));
    }

    /** A request body of {@code move} carrying {@code amount} (raw JSON), otherwise valid. */
    static String body(String move, String amount) {
        String rest = switch (move) {
            case "transfers" -> "\"toWalletId\":\"w-" + UUID.randomUUID() + "\"";
            case "payments" -> "\"merchantId\":\"demo-merchant-a\"";
            default -> throw new IllegalArgumentException(move);
        };
        return "{\"amount\":" + amount + "," + rest + "}";
    }

    ValidatableResponse post(String wallet, String move, String amount) {
        return as(alice)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(body(move, amount))
                .post("/v1/wallets/" + wallet + "/" + move)
                .then();
    }

    void unchanged(String wallet, long balance) {
        as(alice)
                .get("/v1/wallets/" + wallet)
                .then()
                .statusCode(200)
                .body("balance.minor", equalTo((int) balance))
                .body("available.minor", equalTo((int) balance));
        as(alice)
                .get("/v1/wallets/" + wallet + "/statement")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
    }

    @ParameterizedTest(name = "minor {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.5|malformed_json",
                "1.99|malformed_json",
                "1.0|malformed_json",
                "1e2|malformed_json",
                "\"100\"|malformed_json",
                "\"\"|malformed_json",
                "99999999999999999999|malformed_json",
                "true|malformed_json",
                "0|invalid_amount",
                "-1|invalid_amount",
                "-1000|invalid_amount",
                "100000000000|invalid_amount",
                "9223372036854775807|invalid_amount"
            })
    void aMinorThatIsNotAPositiveJsonIntegerUpToTheMaximumIsRefusedOnEveryMove(String minor, String code) {
        String wallet = open(alice, null);
        topUp(alice, wallet, 1000);
        for (var move : MOVES) {
            problem(post(wallet, move, "{\"minor\":" + minor + ",\"currency\":\"CNY\"}"), code, "amount.minor");
        }
        unchanged(wallet, 1000);
    }

    @ParameterizedTest(name = "currency {0}")
    @CsvSource({"XXX", "XTS", "XAU", "XPT", "XDR", "CHF", "cny"})
    void aCurrencyThatIsNotEnabledMoneyIsRefusedOnEveryMoveAndForANewWallet(String currency) {
        String wallet = open(alice, null);
        topUp(alice, wallet, 1000);
        for (var move : MOVES) {
            problem(
                            post(wallet, move, "{\"minor\":100,\"currency\":\"" + currency + "\"}"),
                            "invalid_currency",
                            "amount.currency")
                    .body("detail", containsString("CNY"));
        }
        problem(
                as(alice)
                        .body("{\"currency\":\"" + currency + "\"}")
                        .post("/v1/wallets")
                        .then(),
                "invalid_currency",
                "currency");
        as(alice).get("/v1/wallets").then().statusCode(200).body("size()", equalTo(1));
        unchanged(wallet, 1000);
    }

    @Test
    void aYenWalletTakesWholeYenAndFenStillWork() {
        String cny = open(alice, null);
        Rails.topUp(alice, cny, 199);
        String jpy = as(alice)
                .body("{\"currency\":\"JPY\"}")
                .post("/v1/wallets")
                .then()
                .statusCode(201)
                .body("balance.currency", equalTo("JPY"))
                .extract()
                .path("id");
        Rails.topUp(alice, jpy, 1500, "JPY");
        problem(post(jpy, "transfers", "{\"minor\":1.5,\"currency\":\"JPY\"}"), "malformed_json", "amount.minor");
        as(alice).get("/v1/wallets/" + jpy).then().body("balance.minor", equalTo(1500));
    }
}

package io.payguard.payment;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.get;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
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
 * Issue 13, item 4: an amount is a JSON integer of minor units in an enabled currency. A fraction, a string, an
 * exponent or an overflow is refused (never truncated), as are XXX, XTS, metals, a currency not enabled, zero,
 * negative and too-large amounts; each answers an RFC 9457 problem naming the field and creates or changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class AmountsAndCurrenciesApiTest {

    final String merchant = merchant("merchant-" + UUID.randomUUID());

    static ValidatableResponse problem(ValidatableResponse r, String code, String field) {
        return r.statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("code", equalTo(code))
                .body("type", equalTo("https://payguard.io/problems/" + code))
                .body("detail", containsString("'" + field + "'"));
    }

    List<Object> intents() {
        return as(merchant)
                .get("/v1/payment_intents")
                .then()
                .statusCode(200)
                .extract()
                .path("data");
    }

    @ParameterizedTest(name = "amount {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.99|malformed_json",
                "1.0|malformed_json",
                "1e2|malformed_json",
                "\"100\"|malformed_json",
                "\"\"|malformed_json",
                "99999999999999999999|malformed_json",
                "true|malformed_json",
                "0|invalid_amount",
                "-1|invalid_amount",
                "-2500|invalid_amount",
                "100000000000|invalid_amount",
                "9223372036854775807|invalid_amount"
            })
    void anAmountThatIsNotAPositiveJsonIntegerUpToTheMaximumIsRefusedAndNothingIsCreated(String amount, String code) {
        problem(
                as(merchant)
                        .body("{\"amount\":" + amount + ",\"currency\":\"CNY\"}")
                        .post("/v1/payment_intents")
                        .then(),
                code,
                "amount");
        assertThat(intents()).isEmpty();
    }

    @ParameterizedTest(name = "currency {0}")
    @CsvSource({"XXX", "XTS", "XAU", "XAG", "XDR", "CHF", "cny", "XYZ"})
    void aCurrencyThatIsNotEnabledMoneyIsRefusedAndNothingIsCreated(String currency) {
        problem(
                        as(merchant)
                                .body("{\"amount\":100,\"currency\":\"" + currency + "\"}")
                                .post("/v1/payment_intents")
                                .then(),
                        "invalid_currency",
                        "currency")
                .body("detail", containsString("CNY"));
        assertThat(intents()).isEmpty();
    }

    @Test
    void yenHaveNoMinorUnitsAndFenTwoBothStillWork() {
        as(merchant)
                .body("{\"amount\":1500,\"currency\":\"JPY\"}")
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .body("amount", equalTo(1500))
                .body("currency", equalTo("JPY"));
        as(merchant)
                .body("{\"amount\":199,\"currency\":\"CNY\"}")
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .body("amount", equalTo(199))
                .body("currency", equalTo("CNY"));
        as(merchant)
                .body("{\"amount\":99999999999,\"currency\":\"EUR\"}")
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .body("amount", equalTo(99999999999L));
        assertThat(intents()).hasSize(3);
    }

    @ParameterizedTest(name = "amount_to_capture {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.5|malformed_json",
                "\"100\"|malformed_json",
                "1e2|malformed_json",
                "99999999999999999999|malformed_json",
                "0|invalid_amount",
                "-1|invalid_amount",
                "100000000000|invalid_amount"
            })
    void aCaptureAmountIsExactOrRefusedAndThePaymentIsUnchanged(String amount, String code) {
        String id = create(merchant, 1000, "cust-1", "wallet", "manual");
        problem(
                as(merchant)
                        .body("{\"amount_to_capture\":" + amount + "}")
                        .post("/v1/payment_intents/" + id + "/capture")
                        .then(),
                code,
                "amount_to_capture");
        get(merchant, id)
                .statusCode(200)
                .body("status", equalTo("requires_confirmation"))
                .body("amount", equalTo(1000))
                .body("amount_received", equalTo(0));
    }

    @ParameterizedTest(name = "refund amount {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.99|malformed_json",
                "\"100\"|malformed_json",
                "1e2|malformed_json",
                "99999999999999999999|malformed_json",
                "0|invalid_amount",
                "-1|invalid_amount",
                "100000000000|invalid_amount"
            })
    void aRefundAmountIsExactOrRefusedAndNoRefundExists(String amount, String code) {
        String id = create(merchant, 1000, "cust-1", "wallet", "manual");
        problem(
                as(merchant)
                        .body("{\"amount\":" + amount + "}")
                        .post("/v1/payment_intents/" + id + "/refunds")
                        .then(),
                code,
                "amount");
        as(merchant)
                .get("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        get(merchant, id).body("amount_refunded", equalTo(0));
    }
}

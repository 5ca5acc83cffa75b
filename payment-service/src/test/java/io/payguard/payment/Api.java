package io.payguard.payment;

import static io.restassured.RestAssured.given;

import java.util.List;

import io.payguard.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Tokens and calls of the payment API for tests. */
public final class Api {

    public static final String AUDIENCE = "payguard-payment-api";

    private Api() {}

    public static String merchant(String clientId) {
        return TestTokens.sign(TestTokens.claims("service-account-" + clientId, AUDIENCE, List.of("merchant"))
                .claim("azp", clientId));
    }

    public static String customer(String subject) {
        return TestTokens.token(subject, AUDIENCE, "customer");
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Creates a payment intent; returns its id. */
    public static String create(String merchant, long amount, String customer, String method, String capture) {
        return as(merchant)
                .body("""
                {"amount":%d,"currency":"CNY","customer":"%s","payment_method_type":"%s","capture_method":"%s","description":"order 42"}
                """.formatted(amount, customer, method, capture))
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static ValidatableResponse get(String merchant, String id) {
        return as(merchant).get("/v1/payment_intents/" + id).then();
    }
}

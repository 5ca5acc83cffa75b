package io.payguard.platform.web.openapi;

/**
 * Bounds and formats every service's API models share, as annotation constants ({@code @Schema(maximum =
 * ApiSchemas.MAX_AMOUNT)}). Each is what the code enforces or produces; the comment says where.
 */
public final class ApiSchemas {

    /** {@code payguard.money.max-amount}'s default: {@code MoneyInputs} refuses larger amounts. */
    public static final String MAX_AMOUNT = "99999999999";

    public static final String AMOUNT =
            "A whole number of minor units (cents, fen: 1000 is 10.00 USD; JPY has none), 1 to 99999999999";

    /** {@code MoneyInputs.currency}: an enabled ISO 4217 code, upper case. */
    public static final String CURRENCY_PATTERN = "^[A-Z]{3}$";

    public static final String CURRENCY =
            "An enabled ISO 4217 code (payguard.money.currencies; by default CNY, HKD, USD, EUR, GBP, JPY, SGD)";

    /** A stable refusal or failure code, as {@code ApplicationException} codes are written. */
    public static final String CODE_PATTERN = "^[a-z0-9_]{1,64}$";

    /** {@code quarkus.http.limits.max-body-size}: no string in a body can be longer. */
    public static final int MAX_BODY = 1_048_576;

    /** A wallet id ({@code w-<uuid>}), as payment-service's request checks and wallet-service write it. */
    public static final String WALLET_ID_PATTERN = "^w-[0-9a-f-]{36}$";

    /** A merchant id, as auth-service's {@code Merchant.ID} accepts it. */
    public static final String MERCHANT_ID_PATTERN = "^[a-z][a-z0-9-]{2,40}$";

    public static final int MERCHANT_ID_MAX = 41;

    private ApiSchemas() {}
}

package io.payguard.payment.domain;

import java.util.Optional;

/**
 * How a payment was initiated, which decides the rules that apply to it (the PBoC barcode-payment limits apply to the
 * QR and payment-code channels only). {@code API}: the merchant's server created it (a checkout, an in-app payment);
 * {@code QR_DYNAMIC}/{@code QR_STATIC}: the customer scanned a merchant-presented code with a fixed amount, or a till's
 * static code where the customer entered the amount; {@code PAYMENT_CODE}: the merchant scanned the customer's
 * one-time payment code.
 */
public enum PaymentChannel {
    API("api"),
    QR_DYNAMIC("qr_dynamic"),
    QR_STATIC("qr_static"),
    PAYMENT_CODE("payment_code");

    private final String id;

    PaymentChannel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** A barcode payment: merchant- or customer-presented code (PBoC barcode-payment rules). */
    public boolean barcode() {
        return this != API;
    }

    public static Optional<PaymentChannel> parse(String value) {
        for (var c : values()) {
            if (c.id.equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}

package io.payguard.payment.domain;

import java.util.Objects;

/**
 * The result of a passed 3-D Secure challenge: the issuer ACS's authentication value (CAVV-like cryptogram, bound
 * by the ACS to the payment id and amount) and the ECI. No card data: it is sent with the next authorisation of the
 * same payment, which the issuer approves without asking for a challenge again.
 */
public record CardAuthentication(String value, String eci) {

    public CardAuthentication {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(eci, "eci");
    }

    @Override
    public String toString() {
        return "CardAuthentication[eci=" + eci + "]";
    }
}

package io.payguard.payment.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.payguard.kernel.Money;

/**
 * Dynamic linking of a device-bound confirmation (PSD2 RTS art. 5): the WebAuthn challenge is SHA-256 over a random
 * nonce and the linking text (payment id, amount in minor units, currency, payee), so the authenticator's signature
 * covers exactly what the customer approves. Recomputed from the payment as it is when the assertion arrives: a
 * changed amount or payee never verifies.
 */
public final class DeviceLinking {

    private DeviceLinking() {}

    public static String text(String paymentId, Money amount, String payee) {
        return "payguard-sca-v1|" + paymentId + "|" + amount.minor() + "|" + amount.currencyCode() + "|" + payee;
    }

    public static byte[] challenge(byte[] nonce, String paymentId, Money amount, String payee) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(nonce);
            sha.update(text(paymentId, amount, payee).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

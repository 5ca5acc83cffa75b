package io.payguard.payment.adapter.out.acquirer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.IssuerAcs;
import io.payguard.payment.domain.CardAuthentication;

/**
 * The issuer ACS of the acquirer simulator. The authentication value is a 20-byte HMAC (like a CAVV) over payment
 * reference, amount and currency under a key drawn at start, so only this process's {@link SimulatedAcquirer} can
 * check it, and a value of one payment or amount never passes for another. ECI 05: fully authenticated.
 */
@ApplicationScoped
public class SimulatedAcs implements IssuerAcs {

    static final String ECI_AUTHENTICATED = "05";

    private final byte[] key = new byte[32];

    public SimulatedAcs() {
        new SecureRandom().nextBytes(key);
    }

    @Override
    public CardAuthentication authenticated(String reference, Money amount) {
        return new CardAuthentication(value(reference, amount), ECI_AUTHENTICATED);
    }

    /** Whether {@code authentication} is this ACS's result for exactly this payment and amount. */
    public boolean valid(String reference, Money amount, CardAuthentication authentication) {
        return authentication != null
                && ECI_AUTHENTICATED.equals(authentication.eci())
                && MessageDigest.isEqual(
                        value(reference, amount).getBytes(StandardCharsets.US_ASCII),
                        authentication.value().getBytes(StandardCharsets.US_ASCII));
    }

    private String value(String reference, Money amount) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(
                    (reference + "|" + amount.minor() + "|" + amount.currencyCode()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(Arrays.copyOf(full, 20));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

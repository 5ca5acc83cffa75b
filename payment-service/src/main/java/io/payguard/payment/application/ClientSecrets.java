package io.payguard.payment.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.ClientSecretStore;
import io.payguard.payment.domain.PaymentIntent;
import io.smallrye.mutiny.Uni;

/**
 * The client secret of an in-app payment: {@code <intent id>_secret_<32 random letters and digits>} (190 bits),
 * handed to the merchant's server once in the create answer, for its app. Only its SHA-256 is kept (the secret has
 * far more entropy than a password, so a plain hash cannot be guessed back). It is worth nothing alone: the confirm
 * also needs the customer's own DPoP-bound token, and it confirms that one intent, for its amount, only.
 */
@ApplicationScoped
public class ClientSecrets {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientSecretStore store;
    private final Clock clock;

    public ClientSecrets(ClientSecretStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Issues the intent's secret and keeps its hash, in the caller's transaction; answers the secret. */
    public Uni<String> issue(PaymentIntent p) {
        var secret = new StringBuilder(p.id()).append("_secret_");
        for (int i = 0; i < LENGTH; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String value = secret.toString();
        return store.save(p.id(), sha256(value), clock.instant()).replaceWith(value);
    }

    /** Whether {@code secret} is the secret of the intent {@code paymentId} (false for an intent without one). */
    public Uni<Boolean> matches(String paymentId, String secret) {
        if (secret == null || !secret.startsWith(paymentId + "_secret_")) {
            return Uni.createFrom().item(false);
        }
        return store.hash(paymentId)
                .map(found -> found.map(h -> MessageDigest.isEqual(
                                h.getBytes(StandardCharsets.US_ASCII),
                                sha256(secret).getBytes(StandardCharsets.US_ASCII)))
                        .orElse(false));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.payguard.payment.application.port;

import java.time.Instant;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** The SHA-256 of each in-app payment's client secret (never the secret). In the caller's transaction. */
public interface ClientSecretStore {

    Uni<Void> save(String paymentId, String secretHash, Instant now);

    Uni<Optional<String>> hash(String paymentId);
}

package io.payguard.payment.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.payment.domain.Authenticator;
import io.smallrye.mutiny.Uni;

/** Customers' WebAuthn authenticators, their registrations, and the device-bound challenges of payments. */
public interface AuthenticatorStore {

    /** A registration ceremony: its challenge (base64url) is used once, until {@code expiresAt}. */
    record Registration(String id, String customerId, String challenge, Instant expiresAt, Instant usedAt) {}

    /** The WebAuthn nonce (base64url) of a payment's challenge {@code challengeId}. */
    record DeviceChallenge(String paymentId, String challengeId, String nonce) {}

    Uni<Void> saveRegistration(Registration registration);

    /** Marks the customer's registration used if it is unused and unexpired; returns it as it was, or empty. */
    Uni<Optional<Registration>> useRegistration(String id, String customerId, Instant now);

    Uni<Void> insert(Authenticator authenticator);

    Uni<Void> update(Authenticator authenticator);

    /** The customer's authenticators, newest first, at most {@code limit}. */
    Uni<List<Authenticator>> ofCustomer(String customerId, int limit);

    Uni<Optional<Authenticator>> find(String customerId, String id);

    Uni<Optional<Authenticator>> byCredentialId(String credentialId);

    Uni<Boolean> credentialExists(String credentialId);

    /** The device challenge of {@code challengeId}: the stored one, or {@code fresh} stored now (replacing an older one). */
    Uni<DeviceChallenge> deviceChallenge(DeviceChallenge fresh, Instant now);

    Uni<Optional<DeviceChallenge>> deviceChallenge(String paymentId);

    /** The rule ids of the payment's latest risk assessment (empty when none). */
    Uni<List<String>> ruleIds(String paymentId);
}

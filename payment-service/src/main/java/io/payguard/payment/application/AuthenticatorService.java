package io.payguard.payment.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.AuthenticatorEvents;
import io.payguard.payment.application.port.AuthenticatorStore;
import io.payguard.payment.application.port.WebAuthnVerifier;
import io.payguard.payment.config.ScaConfig;
import io.payguard.payment.domain.Authenticator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A customer's WebAuthn authenticators: registration after a step-up login (the token's {@code auth_time} within
 * {@code payguard.sca.webauthn.step-up-max-age}), listing, and revocation by the customer or an operator (lost
 * device). Each registration and revocation is a fact on {@code security.events}.
 */
@ApplicationScoped
public class AuthenticatorService {

    static final int LIST_LIMIT = 50;

    private final AuthenticatorStore store;
    private final WebAuthnVerifier verifier;
    private final AuthenticatorEvents events;
    private final ScaConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AuthenticatorService(
            AuthenticatorStore store,
            WebAuthnVerifier verifier,
            AuthenticatorEvents events,
            ScaConfig config,
            Clock clock) {
        this.store = store;
        this.verifier = verifier;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** The options of a registration ceremony ({@code PublicKeyCredentialCreationOptionsJSON}'s values). */
    public record RegistrationOptions(
            String registration,
            String challenge,
            String rpId,
            String rpName,
            String userId,
            String userName,
            long timeoutMillis,
            List<String> excludeCredentials) {}

    /** A registration's answer: the credential the browser created, with a name the customer chose. */
    public record Register(String registration, String name, WebAuthnVerifier.Attestation attestation) {}

    /** Starts a registration; needs a login at most {@code step-up-max-age} ago ({@code authTime}; null: refused). */
    public Uni<RegistrationOptions> registrationOptions(String customer, Instant authTime) {
        var now = clock.instant();
        requireStepUp(authTime, now);
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        var reg = new AuthenticatorStore.Registration(
                "reg_" + hex(),
                customer,
                b64(challenge),
                now.plus(config.webauthn().registrationTtl()),
                null);
        return Panache.withTransaction(() -> store.ofCustomer(customer, LIST_LIMIT)
                .call(existing -> store.saveRegistration(reg))
                .map(existing -> new RegistrationOptions(
                        reg.id(),
                        reg.challenge(),
                        config.webauthn().rpId(),
                        config.webauthn().rpName(),
                        userHandle(customer),
                        customer,
                        config.webauthn().timeout().toMillis(),
                        existing.stream()
                                .filter(Authenticator::active)
                                .map(Authenticator::credentialId)
                                .toList())));
    }

    private void requireStepUp(Instant authTime, Instant now) {
        var maxAge = config.webauthn().stepUpMaxAge();
        if (authTime == null || authTime.isBefore(now.minus(maxAge)) || authTime.isAfter(now.plusSeconds(60))) {
            throw ApplicationException.notPermitted(
                    "step_up_required",
                    "Recent login required",
                    "registering an authenticator needs a login at most " + maxAge.toSeconds()
                            + " seconds ago (the token's auth_time); log in again");
        }
    }

    /**
     * Finishes a registration: the challenge is used once (also by an attestation that does not verify: that refusal
     * commits the use), the attestation verified, the authenticator stored.
     */
    public Uni<Authenticator> register(String customer, Register r, InTransaction<Authenticator> tx) {
        var now = clock.instant();
        return Panache.withTransaction(() -> tx.begin()
                        .chain(() -> store.useRegistration(r.registration(), customer, now))
                        .map(found -> found.orElseThrow(() -> ApplicationException.refused(
                                "registration_invalid",
                                "Registration unknown, used or expired",
                                "start again with POST /v1/authenticators/registration_options")))
                        .flatMap(reg -> {
                            WebAuthnVerifier.NewCredential credential;
                            try {
                                credential = verifier.register(
                                        r.attestation(), Base64.getUrlDecoder().decode(reg.challenge()));
                            } catch (ApplicationException refused) {
                                return Uni.createFrom().item(new Registered(null, refused));
                            }
                            return stored(customer, r, credential, now).map(a -> new Registered(a, null));
                        })
                        .call(done -> done.problem() == null
                                ? tx.end(done.authenticator())
                                : Uni.createFrom().voidItem()))
                .flatMap(done -> done.problem() != null
                        ? Uni.createFrom().failure(done.problem())
                        : Uni.createFrom().item(done.authenticator()));
    }

    private record Registered(Authenticator authenticator, ApplicationException problem) {}

    private Uni<Authenticator> stored(
            String customer, Register r, WebAuthnVerifier.NewCredential credential, java.time.Instant now) {
        return store.ofCustomer(customer, LIST_LIMIT)
                .flatMap(existing -> {
                    if (existing.stream().filter(Authenticator::active).count()
                            >= config.webauthn().maxPerCustomer()) {
                        throw ApplicationException.refused(
                                "authenticator_limit_reached",
                                "Too many authenticators",
                                "revoke one before registering another");
                    }
                    return store.credentialExists(credential.credentialId());
                })
                .flatMap(exists -> {
                    if (exists) {
                        throw ApplicationException.refused(
                                "authenticator_already_registered",
                                "Authenticator already registered",
                                "this credential is already registered");
                    }
                    var a = Authenticator.registered(
                            "authn_" + hex(),
                            customer,
                            credential.credentialId(),
                            credential.publicKeyCose(),
                            credential.signCount(),
                            credential.aaguid(),
                            r.name(),
                            now);
                    return store.insert(a)
                            .chain(() -> events.registered(a, customer, "customer"))
                            .replaceWith(a);
                });
    }

    public Uni<List<Authenticator>> list(String customer) {
        return Panache.withSession(() -> store.ofCustomer(customer, LIST_LIMIT));
    }

    /**
     * Revokes one of {@code customer}'s authenticators; {@code actorSubject} and {@code actorRole} say who (the customer
     * or an operator). Another customer's id is 404; revoking twice answers the revoked authenticator.
     */
    public Uni<Authenticator> revoke(
            String customer,
            String id,
            String actorSubject,
            String actorRole,
            String reason,
            InTransaction<Authenticator> tx) {
        var now = clock.instant();
        return Panache.withTransaction(() -> tx.begin()
                .chain(() -> store.find(customer, id))
                .map(found -> found.orElseThrow(
                        () -> ApplicationException.notFound("authenticator_not_found", "No such authenticator")))
                .flatMap(a -> {
                    if (!a.active()) {
                        return Uni.createFrom().item(a);
                    }
                    var revoked = a.revoke(actorSubject, reason, now);
                    return store.update(revoked)
                            .chain(() -> events.revoked(revoked, actorSubject, actorRole))
                            .replaceWith(revoked);
                })
                .call(tx::end));
    }

    /** The WebAuthn user handle: opaque, stable per customer, no personal data (SHA-256 of the subject). */
    static String userHandle(String customer) {
        try {
            return b64(MessageDigest.getInstance("SHA-256")
                    .digest(("payguard-user:" + customer).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

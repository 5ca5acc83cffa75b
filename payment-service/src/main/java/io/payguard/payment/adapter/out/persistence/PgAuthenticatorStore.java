package io.payguard.payment.adapter.out.persistence;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.AuthenticatorStore;
import io.payguard.payment.domain.Authenticator;
import io.smallrye.mutiny.Uni;

/** Authenticators, registrations and device challenges (V55), in the session's transaction. */
@ApplicationScoped
public class PgAuthenticatorStore implements AuthenticatorStore {

    private static final String COLUMNS = "id, customer_id, credential_id, public_key_cose, sign_count, aaguid, name, "
            + "status, created_at, last_used_at, revoked_at, revoked_by, revoke_reason";

    @Override
    public Uni<Void> saveRegistration(Registration r) {
        return PgPaymentStore.update(
                        "INSERT INTO authenticator_registration (id, customer_id, challenge, expires_at) VALUES (?1, ?2, ?3, ?4)",
                        List.of(r.id(), r.customerId(), r.challenge(), PgPaymentStore.utc(r.expiresAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<Registration>> useRegistration(String id, String customerId, Instant now) {
        return PgPaymentStore.select(
                        "UPDATE authenticator_registration SET used_at = ?3 WHERE id = ?1 AND customer_id = ?2 "
                                + "AND used_at IS NULL AND expires_at > ?3 RETURNING id, customer_id, challenge, expires_at",
                        List.of(id, customerId, PgPaymentStore.utc(now)))
                .map(rows -> rows.stream()
                        .findFirst()
                        .map(r -> new Registration(
                                (String) r[0], (String) r[1], (String) r[2], PgPaymentStore.instant(r[3]), null)));
    }

    @Override
    public Uni<Void> insert(Authenticator a) {
        return PgPaymentStore.update(
                        "INSERT INTO authenticator (" + COLUMNS
                                + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                        values(a))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> update(Authenticator a) {
        return PgPaymentStore.update(
                        "UPDATE authenticator SET sign_count = ?5, status = ?8, last_used_at = ?10, revoked_at = ?11, "
                                + "revoked_by = ?12, revoke_reason = ?13 WHERE id = ?1 AND customer_id = ?2 AND "
                                + "credential_id = ?3 AND public_key_cose = ?4 AND aaguid = ?6 AND name = ?7 AND created_at = ?9",
                        values(a))
                .replaceWithVoid();
    }

    private static List<Object> values(Authenticator a) {
        return Arrays.asList(
                a.id(),
                a.customerId(),
                a.credentialId(),
                a.publicKeyCose(),
                a.signCount(),
                a.aaguid(),
                a.name(),
                a.status().id(),
                PgPaymentStore.utc(a.createdAt()),
                a.lastUsedAt() == null ? null : PgPaymentStore.utc(a.lastUsedAt()),
                a.revokedAt() == null ? null : PgPaymentStore.utc(a.revokedAt()),
                a.revokedBy(),
                a.revokeReason());
    }

    @Override
    public Uni<List<Authenticator>> ofCustomer(String customerId, int limit) {
        return PgPaymentStore.select(
                        "SELECT " + COLUMNS
                                + " FROM authenticator WHERE customer_id = ?1 ORDER BY created_at DESC, id LIMIT ?2",
                        List.of(customerId, limit))
                .map(rows ->
                        rows.stream().map(PgAuthenticatorStore::authenticator).toList());
    }

    @Override
    public Uni<Optional<Authenticator>> find(String customerId, String id) {
        return PgPaymentStore.select(
                        "SELECT " + COLUMNS + " FROM authenticator WHERE id = ?1 AND customer_id = ?2",
                        List.of(id, customerId))
                .map(rows -> rows.stream().findFirst().map(PgAuthenticatorStore::authenticator));
    }

    @Override
    public Uni<Optional<Authenticator>> byCredentialId(String credentialId) {
        return PgPaymentStore.select(
                        "SELECT " + COLUMNS + " FROM authenticator WHERE credential_id = ?1", List.of(credentialId))
                .map(rows -> rows.stream().findFirst().map(PgAuthenticatorStore::authenticator));
    }

    @Override
    public Uni<Boolean> credentialExists(String credentialId) {
        return byCredentialId(credentialId).map(Optional::isPresent);
    }

    private static Authenticator authenticator(Object[] r) {
        return new Authenticator(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                PgPaymentStore.num(r[4]),
                (String) r[5],
                (String) r[6],
                Authenticator.Status.of((String) r[7]),
                PgPaymentStore.instant(r[8]),
                r[9] == null ? null : PgPaymentStore.instant(r[9]),
                r[10] == null ? null : PgPaymentStore.instant(r[10]),
                (String) r[11],
                (String) r[12]);
    }

    @Override
    public Uni<DeviceChallenge> deviceChallenge(DeviceChallenge fresh, Instant now) {
        // a new challenge id (a resent code) gets a new nonce; the same one keeps its nonce however often it is read
        return PgPaymentStore.update(
                        "INSERT INTO sca_device_challenge (payment_id, challenge_id, nonce, created_at) VALUES (?1, ?2, ?3, ?4) "
                                + "ON CONFLICT (payment_id) DO UPDATE SET challenge_id = EXCLUDED.challenge_id, "
                                + "nonce = EXCLUDED.nonce, created_at = EXCLUDED.created_at "
                                + "WHERE sca_device_challenge.challenge_id <> EXCLUDED.challenge_id",
                        List.of(fresh.paymentId(), fresh.challengeId(), fresh.nonce(), PgPaymentStore.utc(now)))
                .chain(() -> deviceChallenge(fresh.paymentId()))
                .map(Optional::orElseThrow);
    }

    @Override
    public Uni<Optional<DeviceChallenge>> deviceChallenge(String paymentId) {
        return PgPaymentStore.select(
                        "SELECT payment_id, challenge_id, nonce FROM sca_device_challenge WHERE payment_id = ?1",
                        List.of(paymentId))
                .map(rows -> rows.stream()
                        .findFirst()
                        .map(r -> new DeviceChallenge((String) r[0], (String) r[1], (String) r[2])));
    }

    @Override
    public Uni<List<String>> ruleIds(String paymentId) {
        return PgPaymentStore.select(
                        // two columns: a native query of one column answers scalars, not rows
                        "SELECT rule_ids, id FROM risk_assessment WHERE payment_id = ?1 ORDER BY id DESC LIMIT 1",
                        List.of(paymentId))
                .map(rows -> rows.isEmpty() || rows.get(0)[0] == null
                        ? List.<String>of()
                        : Arrays.stream(((String) rows.get(0)[0]).split(","))
                                .filter(s -> !s.isBlank())
                                .toList());
    }
}

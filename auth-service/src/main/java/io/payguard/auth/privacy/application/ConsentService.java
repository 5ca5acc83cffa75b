package io.payguard.auth.privacy.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.ConsentEvents;
import io.payguard.auth.privacy.application.port.ConsentStore;
import io.payguard.auth.privacy.domain.Consent;
import io.payguard.auth.privacy.domain.Purpose;
import io.payguard.kernel.failure.ApplicationException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The consent registry: a customer grants or withdraws consent to a purpose; each change keeps its evidence in the
 * history, publishes the new state on {@code privacy.consents} and an audit record on {@code security.events}, all in
 * one transaction.
 */
@ApplicationScoped
public class ConsentService {

    private final ConsentStore store;
    private final ConsentEvents events;
    private final Purposes purposes;
    private final Clock clock;

    public ConsentService(ConsentStore store, ConsentEvents events, Purposes purposes, Clock clock) {
        this.store = store;
        this.events = events;
        this.purposes = purposes;
        this.clock = clock;
    }

    /** One row per consent purpose: the customer's decision, or {@code not_given}. */
    public Uni<List<Consent>> list(String subject) {
        return Panache.withSession(() -> store.current(subject)).map(found -> {
            Map<String, Consent> byPurpose =
                    found.stream().collect(Collectors.toMap(Consent::purpose, Function.identity()));
            return purposes.all().stream()
                    .filter(Purpose::needsConsent)
                    .map(p -> byPurpose.getOrDefault(
                            p.id(), new Consent(subject, p.id(), Consent.NOT_GIVEN, p.version(), null, null)))
                    .toList();
        });
    }

    public Uni<Consent> grant(String subject, String purposeId, Integer version, String channel, String userAgent) {
        Purpose purpose = purposes.find(purposeId);
        Consent.checkGrant(purpose, purposeId, version, channel);
        return change(subject, purpose, Consent.GRANTED, channel, userAgent);
    }

    public Uni<Consent> withdraw(String subject, String purposeId, String channel, String userAgent) {
        Purpose purpose = purposes.find(purposeId);
        if (purpose == null || !purpose.needsConsent()) {
            throw ApplicationException.notFound(
                    "consent_not_found", "Consent not found", "There is no consent purpose with this id.");
        }
        Consent.checkChannel(channel);
        return change(subject, purpose, Consent.WITHDRAWN, channel, userAgent);
    }

    public Uni<List<ConsentStore.Change>> history(String subject) {
        return Panache.withSession(() -> store.history(subject));
    }

    private Uni<Consent> change(String subject, Purpose purpose, String status, String channel, String userAgent) {
        Instant now = clock.instant();
        var consent = new Consent(subject, purpose.id(), status, purpose.version(), channel, now);
        var evidence = new Consent.Evidence(
                purpose.version(),
                sha256(purpose.shownText()),
                channel,
                userAgent == null ? null : sha256(userAgent),
                now);
        return Panache.withTransaction(() -> store.lock(subject, purpose.id())
                .chain(() ->
                        store.save(consent, new ConsentStore.Change(subject, purpose.id(), status, evidence, null)))
                .chain(() -> events.changed(consent, subject))
                .replaceWith(consent));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

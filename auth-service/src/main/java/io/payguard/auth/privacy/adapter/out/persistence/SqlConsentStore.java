package io.payguard.auth.privacy.adapter.out.persistence;

import static io.payguard.platform.messaging.NativeSql.instant;
import static io.payguard.platform.messaging.NativeSql.utc;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.ConsentStore;
import io.payguard.auth.privacy.domain.Consent;
import io.payguard.platform.messaging.NativeSql;
import io.smallrye.mutiny.Uni;

/** {@link ConsentStore} on {@code privacy_consent} and {@code privacy_consent_history}, native SQL in the caller's session. */
@ApplicationScoped
public class SqlConsentStore implements ConsentStore {

    private static final String COLUMNS = "subject, purpose, status, version, channel, changed_at";

    @Override
    public Uni<List<Consent>> current(String subject) {
        return NativeSql.select(
                        "SELECT " + COLUMNS + " FROM privacy_consent WHERE subject = ?1 ORDER BY purpose",
                        List.of(subject))
                .map(rows -> rows.stream().map(SqlConsentStore::consent).toList());
    }

    @Override
    public Uni<Optional<Consent>> lock(String subject, String purpose) {
        return NativeSql.select(
                        "SELECT " + COLUMNS + " FROM privacy_consent WHERE subject = ?1 AND purpose = ?2 FOR UPDATE",
                        List.of(subject, purpose))
                .map(rows -> rows.stream().findFirst().map(SqlConsentStore::consent));
    }

    @Override
    public Uni<Void> save(Consent c, Change change) {
        var e = change.evidence();
        return NativeSql.update(
                        "INSERT INTO privacy_consent (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                + " ON CONFLICT (subject, purpose) DO UPDATE SET status = ?3, version = ?4, channel = ?5,"
                                + " changed_at = ?6",
                        List.of(c.subject(), c.purpose(), c.status(), c.version(), c.channel(), utc(c.changedAt())))
                .chain(() -> NativeSql.update(
                        "INSERT INTO privacy_consent_history (subject, purpose, status, version, text_sha256, channel,"
                                + " user_agent_sha256, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        Arrays.asList(
                                change.subject(),
                                change.purpose(),
                                change.status(),
                                e.version(),
                                e.textSha256(),
                                e.channel(),
                                e.userAgentSha256(),
                                utc(e.at()))))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<Change>> history(String subject) {
        return NativeSql.select(
                        "SELECT subject, purpose, status, version, text_sha256, channel, user_agent_sha256, changed_at,"
                                + " hold_until FROM privacy_consent_history WHERE subject = ?1 ORDER BY id",
                        List.of(subject))
                .map(rows -> rows.stream()
                        .map(r -> new Change(
                                (String) r[0],
                                (String) r[1],
                                (String) r[2],
                                new Consent.Evidence(
                                        ((Number) r[3]).intValue(),
                                        (String) r[4],
                                        (String) r[5],
                                        (String) r[6],
                                        instant(r[7])),
                                r[8] == null ? null : instant(r[8])))
                        .toList());
    }

    @Override
    public Uni<Integer> pseudonymise(String subject, String pseudonym, Instant holdUntil) {
        return NativeSql.update(
                        "UPDATE privacy_consent_history SET subject = ?2, hold_until = ?3 WHERE subject = ?1",
                        List.of(subject, pseudonym, utc(holdUntil)))
                .call(() -> NativeSql.update("DELETE FROM privacy_consent WHERE subject = ?1", List.of(subject)))
                .chain(() -> NativeSql.select(
                        "SELECT count(*), max(subject) FROM privacy_consent_history WHERE subject = ?1",
                        List.of(pseudonym)))
                .map(rows -> ((Number) rows.get(0)[0]).intValue());
    }

    private static Consent consent(Object[] r) {
        return new Consent(
                (String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(), (String) r[4], instant(r[5]));
    }
}

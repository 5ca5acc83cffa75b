package io.payguard.auth.webhook.adapter.out.persistence;

import static io.payguard.platform.messaging.NativeSql.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.webhook.application.port.EndpointStore;
import io.payguard.auth.webhook.domain.EndpointMode;
import io.payguard.auth.webhook.domain.EndpointStatus;
import io.payguard.auth.webhook.domain.SealedSecrets;
import io.payguard.auth.webhook.domain.WebhookEndpoint;
import io.payguard.platform.messaging.NativeSql;
import io.smallrye.mutiny.Uni;

/** {@link EndpointStore} on {@code webhook_endpoint}, with native SQL in the caller's session or transaction. */
@ApplicationScoped
public class SqlEndpointStore implements EndpointStore {

    private static final String COLUMNS = "id, merchant_id, mode, url, description, enabled_events, status, created_at,"
            + " updated_at, previous_secret_expires_at, failing_since, disabled_reason, secret_ciphertext,"
            + " previous_secret_ciphertext, secret_key_version";
    private static final String OWNED =
            "SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = ?1 AND merchant_id = ?2 AND status <> 'deleted'";

    @Override
    public Uni<Long> count(String merchantId) {
        return NativeSql.select(
                        "SELECT count(*), max(merchant_id) FROM webhook_endpoint WHERE merchant_id = ?1 AND status <> 'deleted'",
                        List.of(merchantId))
                .map(rows -> ((Number) rows.get(0)[0]).longValue());
    }

    @Override
    public Uni<Void> add(WebhookEndpoint e, SealedSecrets s) {
        return NativeSql.update(
                        "INSERT INTO webhook_endpoint (id, merchant_id, mode, url, description, enabled_events, status,"
                                + " secret_ciphertext, previous_secret_ciphertext, previous_secret_expires_at,"
                                + " secret_key_version, created_at, updated_at)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                        Arrays.asList(
                                e.id(),
                                e.merchantId(),
                                e.mode().label(),
                                e.url(),
                                e.description(),
                                joinEvents(e.enabledEvents()),
                                e.status().label(),
                                s.current(),
                                s.previous(),
                                utc(s.previousExpiresAt()),
                                s.keyVersion(),
                                utc(e.createdAt()),
                                utc(e.updatedAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<Stored>> findOwned(String merchantId, String id) {
        return NativeSql.select(OWNED, List.of(id, merchantId)).map(SqlEndpointStore::first);
    }

    @Override
    public Uni<Optional<Stored>> lockOwned(String merchantId, String id) {
        return NativeSql.select(OWNED + " FOR UPDATE", List.of(id, merchantId)).map(SqlEndpointStore::first);
    }

    @Override
    public Uni<List<WebhookEndpoint>> list(String merchantId, String startingAfter, int limit) {
        var params = new ArrayList<Object>(List.of(merchantId, limit));
        String after = "";
        if (startingAfter != null) {
            after =
                    " AND (created_at, id) < (SELECT created_at, id FROM webhook_endpoint WHERE id = ?3 AND merchant_id = ?1)";
            params.add(startingAfter);
        }
        return NativeSql.select(
                        "SELECT " + COLUMNS + " FROM webhook_endpoint WHERE merchant_id = ?1 AND status <> 'deleted'"
                                + after + " ORDER BY created_at DESC, id DESC LIMIT ?2",
                        params)
                .map(rows -> rows.stream().map(row -> toStored(row).endpoint()).toList());
    }

    @Override
    public Uni<Void> update(WebhookEndpoint e) {
        return NativeSql.update(
                        "UPDATE webhook_endpoint SET url = ?2, description = ?3, enabled_events = ?4, status = ?5,"
                                + " disabled_reason = ?6, failing_since = ?7, updated_at = ?8 WHERE id = ?1",
                        Arrays.asList(
                                e.id(),
                                e.url(),
                                e.description(),
                                joinEvents(e.enabledEvents()),
                                e.status().label(),
                                e.disabledReason(),
                                utc(e.failingSince()),
                                utc(e.updatedAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> updateSecrets(String id, SealedSecrets s, Instant now) {
        return NativeSql.update(
                        "UPDATE webhook_endpoint SET secret_ciphertext = ?2, previous_secret_ciphertext = ?3,"
                                + " previous_secret_expires_at = ?4, secret_key_version = ?5, updated_at = ?6 WHERE id = ?1",
                        Arrays.asList(
                                id, s.current(), s.previous(), utc(s.previousExpiresAt()), s.keyVersion(), utc(now)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> delete(String id, Instant now) {
        return NativeSql.update(
                        "UPDATE webhook_endpoint SET status = 'deleted', secret_ciphertext = NULL,"
                                + " previous_secret_ciphertext = NULL, previous_secret_expires_at = NULL,"
                                + " secret_key_version = NULL, updated_at = ?2 WHERE id = ?1",
                        List.of(id, utc(now)))
                .chain(() -> NativeSql.update(
                        "UPDATE webhook_delivery SET status = 'canceled', next_attempt_at = NULL"
                                + " WHERE endpoint_id = ?1 AND status = 'pending'",
                        List.of(id)))
                .replaceWithVoid();
    }

    static String joinEvents(List<String> types) {
        return "," + String.join(",", types) + ",";
    }

    private static Optional<Stored> first(List<Object[]> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(toStored(rows.get(0)));
    }

    private static Stored toStored(Object[] r) {
        String events = (String) r[5];
        var endpoint = new WebhookEndpoint(
                (String) r[0],
                (String) r[1],
                EndpointMode.valueOf(((String) r[2]).toUpperCase(java.util.Locale.ROOT)),
                (String) r[3],
                (String) r[4],
                Arrays.stream(events.substring(1, events.length() - 1).split(","))
                        .toList(),
                EndpointStatus.of((String) r[6]),
                NativeSql.instant(r[7]),
                NativeSql.instant(r[8]),
                r[9] == null ? null : NativeSql.instant(r[9]),
                r[10] == null ? null : NativeSql.instant(r[10]),
                (String) r[11]);
        var secrets = r[12] == null
                ? null
                : new SealedSecrets(
                        (String) r[12],
                        (String) r[13],
                        r[9] == null ? null : NativeSql.instant(r[9]),
                        ((Number) r[14]).intValue());
        return new Stored(endpoint, secrets);
    }
}

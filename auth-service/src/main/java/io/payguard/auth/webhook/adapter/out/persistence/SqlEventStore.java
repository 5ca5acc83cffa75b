package io.payguard.auth.webhook.adapter.out.persistence;

import static io.payguard.platform.messaging.NativeSql.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.auth.webhook.application.port.EventStore;
import io.payguard.auth.webhook.domain.MerchantEvent;
import io.payguard.platform.messaging.NativeSql;
import io.smallrye.mutiny.Uni;

/**
 * {@link EventStore} on {@code webhook_event} and {@code webhook_delivery}: the event is stored with the webhook body
 * it is delivered as ({@code {"id", "object": "event", "type", "createdAt", "mode", "data"}}), and its deliveries are
 * queued by one {@code INSERT ... SELECT} over the merchant's subscribed endpoints in the same transaction.
 */
@ApplicationScoped
public class SqlEventStore implements EventStore {

    private final ObjectMapper mapper;

    public SqlEventStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Uni<Optional<Integer>> record(MerchantEvent event, Instant now) {
        return NativeSql.update(
                        "INSERT INTO webhook_event (id, merchant_id, mode, type, object_id, created_at, recorded_at, body)"
                                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING",
                        Arrays.asList(
                                event.id(),
                                event.merchantId(),
                                event.mode() == null ? null : event.mode().label(),
                                event.type(),
                                event.objectId(),
                                utc(event.createdAt()),
                                utc(now),
                                body(event)))
                .flatMap(inserted -> inserted == 0
                        ? Uni.createFrom().item(Optional.<Integer>empty())
                        : fanOut(event, now).map(Optional::of));
    }

    private Uni<Integer> fanOut(MerchantEvent event, Instant now) {
        var params = new ArrayList<Object>(List.of(event.id(), utc(now), event.merchantId(), "," + event.type() + ","));
        String mode = "";
        if (event.mode() != null) {
            mode = " AND e.mode = ?5";
            params.add(event.mode().label());
        }
        return NativeSql.update(
                "INSERT INTO webhook_delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at, created_at)"
                        + " SELECT 'wd_' || substr(md5(?1 || e.id), 1, 24), ?1, e.id, 'pending', 0, ?2, ?2"
                        + " FROM webhook_endpoint e WHERE e.merchant_id = ?3 AND e.status = 'enabled'" + mode
                        + " AND (position(',*,' IN e.enabled_events) > 0 OR position(?4 IN e.enabled_events) > 0)"
                        + " ON CONFLICT (event_id, endpoint_id) DO NOTHING",
                params);
    }

    @Override
    public Uni<List<StoredEvent>> list(Query q) {
        var params = new ArrayList<Object>(List.of(q.merchantId(), q.limit()));
        var where = new StringBuilder("merchant_id = ?1");
        if (q.type() != null) {
            params.add(q.type());
            where.append(" AND type = ?").append(params.size());
        }
        if (q.createdFrom() != null) {
            params.add(utc(q.createdFrom()));
            where.append(" AND created_at >= ?").append(params.size());
        }
        if (q.createdTo() != null) {
            params.add(utc(q.createdTo()));
            where.append(" AND created_at < ?").append(params.size());
        }
        if (q.startingAfter() != null) {
            params.add(q.startingAfter());
            where.append(" AND (created_at, id) < (SELECT created_at, id FROM webhook_event WHERE id = ?")
                    .append(params.size())
                    .append(" AND merchant_id = ?1)");
        }
        return NativeSql.select(
                        "SELECT id, type, created_at, body FROM webhook_event WHERE " + where
                                + " ORDER BY created_at DESC, id DESC LIMIT ?2",
                        params)
                .map(rows -> rows.stream().map(SqlEventStore::toStored).toList());
    }

    @Override
    public Uni<Optional<StoredEvent>> findOwned(String merchantId, String id) {
        return NativeSql.select(
                        "SELECT id, type, created_at, body FROM webhook_event WHERE id = ?1 AND merchant_id = ?2",
                        List.of(id, merchantId))
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(toStored(rows.get(0))));
    }

    private String body(MerchantEvent event) {
        ObjectNode body = mapper.createObjectNode();
        body.put("id", event.id());
        body.put("object", "event");
        body.put("type", event.type());
        body.put("createdAt", event.createdAt().toString());
        body.put("mode", event.mode() == null ? null : event.mode().label());
        try {
            body.set("data", mapper.readTree(event.data()));
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not JSON", e);
        }
    }

    private static StoredEvent toStored(Object[] r) {
        return new StoredEvent((String) r[0], (String) r[1], NativeSql.instant(r[2]), (String) r[3]);
    }
}

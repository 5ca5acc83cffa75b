package io.payguard.platform.protection.privacy;

import static io.payguard.platform.messaging.NativeSql.instant;
import static io.payguard.platform.messaging.NativeSql.select;
import static io.payguard.platform.messaging.NativeSql.update;
import static io.payguard.platform.messaging.NativeSql.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What erasure requests did in this service (issue 18), table {@code privacy_outcome} ({@code db/platform V0_6}): one
 * row per data type, in the order of the commit's answer. It makes a commit idempotent per request id (a redelivery
 * answers what was recorded) and holds the retention holds of pseudonymised records, which {@link PrivacyHoldEnd}
 * ends. Native SQL in the current Hibernate Reactive session ({@code NativeSql}): call inside a session or transaction.
 */
@ApplicationScoped
public class PrivacyOutcomes {

    /** A pseudonymised set of records under a retention hold that has ended. */
    public record EndedHold(String requestId, String pseudonym) {
        @Override
        public String toString() {
            return "EndedHold[" + requestId + "]"; // logs name the request, not the pseudonym
        }
    }

    private final Clock clock;

    public PrivacyOutcomes(Clock clock) {
        this.clock = clock;
    }

    /**
     * A commit once per request, in a transaction (the caller's when there is one): the recorded outcomes when the
     * request was committed here already, else {@code erase}'s, recorded under the pseudonym. {@code erase} gets the
     * commit's time, in microseconds as PostgreSQL keeps them, so a redelivered commit answers exactly the same.
     */
    public Uni<List<ErasureOutcome>> commitOnce(
            String requestId, String pseudonym, Function<Instant, Uni<List<ErasureOutcome>>> erase) {
        return Panache.withTransaction(() -> outcomes(requestId).flatMap(done -> {
            if (!done.isEmpty()) {
                return Uni.createFrom().item(done);
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return erase.apply(now).call(outcomes -> recordOutcomes(requestId, pseudonym, outcomes, now));
        }));
    }

    /** The outcomes recorded for a request, in their order (empty when it was not committed here). */
    public Uni<List<ErasureOutcome>> outcomes(String requestId) {
        return select(
                        "SELECT data_type, action, record_count, hold_until, legal_basis FROM privacy_outcome "
                                + "WHERE request_id = ?1 ORDER BY position",
                        List.of(requestId))
                .map(rows -> rows.stream()
                        .map(r -> new ErasureOutcome(
                                (String) r[0],
                                ErasureOutcome.Action.fromWire((String) r[1]),
                                ((Number) r[2]).longValue(),
                                r[3] == null ? null : instant(r[3]),
                                (String) r[4]))
                        .toList());
    }

    public Uni<Void> recordOutcomes(String requestId, String pseudonym, List<ErasureOutcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var sql = new StringBuilder(
                "INSERT INTO privacy_outcome (request_id, data_type, position, action, record_count, pseudonym, hold_until, "
                        + "legal_basis, created_at) VALUES ");
        var params = new ArrayList<Object>();
        for (var o : outcomes) {
            int n = params.size();
            sql.append(n == 0 ? "" : ", ")
                    .append("(?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d)"
                            .formatted(n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9));
            params.addAll(List.of(requestId, o.dataType(), n / 9, o.action().wire(), o.count(), pseudonym));
            params.add(utc(o.holdUntil()));
            params.add(o.legalBasis());
            params.add(utc(now));
        }
        return update(sql.toString(), params).replaceWithVoid();
    }

    /** Requests whose hold has passed at {@code now} and was not ended yet, the oldest hold first. */
    public Uni<List<EndedHold>> endedHolds(Instant now, int limit) {
        return select(
                        "SELECT request_id, min(pseudonym) FROM privacy_outcome WHERE hold_ended_at IS NULL "
                                + "AND hold_until <= ?1 GROUP BY request_id ORDER BY min(hold_until) LIMIT ?2",
                        List.of(utc(now), limit))
                .map(rows -> rows.stream()
                        .map(r -> new EndedHold((String) r[0], (String) r[1]))
                        .toList());
    }

    /** Marks the request's holds as ended at {@code now}, with how many rows were deleted. */
    public Uni<Void> markHoldEnded(String requestId, long deleted, Instant now) {
        return update(
                        "UPDATE privacy_outcome SET hold_ended_at = ?2, deleted_count = ?3 "
                                + "WHERE request_id = ?1 AND hold_ended_at IS NULL AND hold_until IS NOT NULL",
                        List.of(requestId, utc(now), deleted))
                .replaceWithVoid();
    }
}

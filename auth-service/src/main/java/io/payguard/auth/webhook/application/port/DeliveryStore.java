package io.payguard.auth.webhook.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.auth.webhook.domain.Attempt;
import io.payguard.auth.webhook.domain.ClaimedDelivery;
import io.payguard.auth.webhook.domain.Delivery;
import io.smallrye.mutiny.Uni;

/** Deliveries and their log. */
public interface DeliveryStore {

    /** The outcome of an attempt, to record: the delivery's next state. */
    sealed interface Next {
        record Delivered(Instant at) implements Next {}

        record RetryAt(Instant at) implements Next {}

        record GiveUp(Instant at) implements Next {}
    }

    /**
     * Leases up to {@code limit} due deliveries of enabled endpoints until {@code leaseUntil}, in its own statement (no
     * session): {@code FOR UPDATE SKIP LOCKED}, so replicas never claim the same one, and a delivery whose lease expired
     * (its dispatcher crashed mid-send) is due again. Counts the attempt.
     */
    Uni<List<ClaimedDelivery>> claimDue(Instant now, Instant leaseUntil, String leaseToken, int limit);

    /**
     * In the caller's transaction: logs the attempt and, if the lease still holds, moves the delivery on.
     *
     * @return whether the lease still held
     */
    Uni<Boolean> record(ClaimedDelivery claim, Attempt attempt, Next next);

    /**
     * In the caller's transaction: the endpoint's health after an attempt. A success clears {@code failing_since}; a
     * failure sets it if unset. Returns when it has been failing since (empty: healthy).
     */
    Uni<Optional<Instant>> endpointHealth(String endpointId, boolean delivered, Instant at);

    /** Disables an enabled endpoint for failing; false when it was no longer enabled. */
    Uni<Boolean> disableForFailing(String endpointId, Instant now);

    /** Newest first, after the delivery {@code startingAfter}; with their attempts. */
    Uni<List<Delivery>> list(String endpointId, String startingAfter, int limit);

    /** Makes the delivery due now (pending again if it had ended); empty when unknown, false while an attempt runs. */
    Uni<Optional<Boolean>> redeliver(String endpointId, String deliveryId, Instant now);

    Uni<Optional<Delivery>> find(String endpointId, String deliveryId);

    /** Pending deliveries, for the gauge (its own statement). */
    Uni<Long> pending();
}

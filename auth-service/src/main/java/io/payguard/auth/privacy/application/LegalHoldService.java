package io.payguard.auth.privacy.application;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.DsrEvents;
import io.payguard.auth.privacy.application.port.HoldStore;
import io.payguard.auth.privacy.domain.LegalHold;
import io.payguard.kernel.failure.ApplicationException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Legal holds set and released by compliance officers; releasing the last one resumes erasures on hold. */
@ApplicationScoped
public class LegalHoldService {

    private final HoldStore store;
    private final DsrEvents events;
    private final DsrService requests;
    private final Clock clock;

    public LegalHoldService(HoldStore store, DsrEvents events, DsrService requests, Clock clock) {
        this.store = store;
        this.events = events;
        this.requests = requests;
        this.clock = clock;
    }

    public Uni<LegalHold> set(String subject, String reason, String officer) {
        var hold = new LegalHold(
                "lh_" + DsrService.randomHex(), subject, reason, officer, clock.instant(), null, null, null);
        return Panache.withTransaction(
                () -> store.add(hold).chain(() -> events.holdSet(hold)).replaceWith(hold));
    }

    public Uni<List<LegalHold>> list(String subject) {
        return Panache.withSession(() -> store.list(subject, 100));
    }

    public Uni<LegalHold> release(String id, String reason, String officer) {
        return Panache.withTransaction(() -> store.lock(id).flatMap(found -> {
                    LegalHold hold = found.orElseThrow(
                            () -> ApplicationException.notFound("legal_hold_not_found", "Legal hold not found"));
                    if (!hold.active()) {
                        return Uni.createFrom()
                                .failure(ApplicationException.stateConflict(
                                        "legal_hold_released",
                                        "Legal hold released",
                                        "The hold was released already."));
                    }
                    var released = hold.released(officer, reason, clock.instant());
                    return store.update(released)
                            .chain(() -> events.holdReleased(released))
                            .replaceWith(released);
                }))
                .call(released -> Panache.withTransaction(() -> store.anyActive(released.subject())
                        .flatMap(
                                held -> held ? Uni.createFrom().voidItem() : requests.resumeHeld(released.subject()))));
    }
}

package io.payguard.auth.privacy.application.port;

import java.util.List;
import java.util.Optional;

import io.payguard.auth.privacy.domain.LegalHold;
import io.smallrye.mutiny.Uni;

/** Legal holds; every call runs in the caller's session or transaction. */
public interface HoldStore {

    Uni<Void> add(LegalHold hold);

    Uni<Optional<LegalHold>> lock(String id);

    Uni<Void> update(LegalHold hold);

    /** Newest first; {@code subject} null for all. */
    Uni<List<LegalHold>> list(String subject, int limit);

    Uni<Boolean> anyActive(String subject);
}

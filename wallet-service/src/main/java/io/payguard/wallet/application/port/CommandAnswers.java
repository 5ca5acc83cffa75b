package io.payguard.wallet.application.port;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The answer given to each wallet command, kept to re-publish it when the command comes again. */
public interface CommandAnswers {

    Uni<Void> save(String commandId, String event, Instant now);

    Uni<Optional<String>> find(String commandId);

    /** True while the outbox still holds the event (the relay will deliver it; no need to append it again). */
    Uni<Boolean> pendingInOutbox(UUID eventId);
}

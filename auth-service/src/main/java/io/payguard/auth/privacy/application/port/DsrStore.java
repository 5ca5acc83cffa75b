package io.payguard.auth.privacy.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.auth.privacy.domain.DataSubjectRequest;
import io.payguard.auth.privacy.domain.Replies;
import io.smallrye.mutiny.Uni;

/** Data-subject requests and their replies; every call runs in the caller's session or transaction. */
public interface DsrStore {

    Uni<Void> add(DataSubjectRequest request);

    Uni<Optional<DataSubjectRequest>> find(String id);

    Uni<Optional<DataSubjectRequest>> lock(String id);

    Uni<Void> update(DataSubjectRequest request);

    /** Newest first; {@code subject} and {@code status} null for all. */
    Uni<List<DataSubjectRequest>> list(String subject, String status, int limit);

    /** In-progress requests whose phase last asked before {@code before}. */
    Uni<List<String>> due(Instant before, int limit);

    Uni<List<String>> onHold(String subject);

    /** Requests whose export is still stored but expired at {@code now}. */
    Uni<List<String>> expiredExports(Instant now, int limit);

    /** Stores a reply once (a redelivered reply changes nothing); false when it was there already. */
    Uni<Boolean> addReply(String requestId, Replies.Reply reply, Instant at);

    Uni<Replies> replies(String requestId);
}

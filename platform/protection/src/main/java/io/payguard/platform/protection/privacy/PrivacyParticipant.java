package io.payguard.platform.protection.privacy;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * A service's part in data-subject requests (PIPL arts. 45 and 47, GDPR arts. 15 and 17). Each service that holds
 * personal data provides one bean; {@link PrivacyRequestConsumer} calls it for the requests auth-service coordinates on
 * {@code privacy.requests} and answers on {@code privacy.replies}. Every method runs inside a Hibernate Reactive
 * transaction opened by the consumer, together with the processed-event row and the reply's outbox row, so a request
 * redelivered after a crash is answered once.
 */
public interface PrivacyParticipant {

    /** The service's name as it appears in export bundles and erasure outcomes, e.g. {@code payment-service}. */
    String service();

    /**
     * Everything this service holds about the subject, as named sections ({@code {"payments": [...], "cards":
     * [...]}}). Values the suite shows masked elsewhere (card numbers, bank account numbers) stay masked.
     */
    Uni<ObjectNode> export(String subject);

    /**
     * Whether the subject's data may be erased now. May freeze what must not change until {@link #commitErasure} or
     * {@link #abortErasure}. Idempotent.
     */
    Uni<ErasureCheck> prepareErasure(String requestId, String subject);

    /**
     * Erases what may be erased (shredded keys, deleted rows) and pseudonymises what must be kept, replacing the
     * subject by {@code pseudonym} and recording its hold. Idempotent per request: a redelivery answers the same.
     */
    Uni<List<ErasureOutcome>> commitErasure(String requestId, String subject, String pseudonym);

    /** Undoes {@link #prepareErasure}'s freeze. Idempotent. */
    Uni<Void> abortErasure(String requestId, String subject);
}

package io.payguard.platform.protection.privacy;

import java.util.List;

/** What a participant answers on {@code privacy.replies}; auth-service collects them per request. */
public sealed interface PrivacyReply {

    String requestId();

    String service();

    /** One chunk of the service's sealed export; the chunks in order, joined, are one {@link ExportSeal} ciphertext. */
    record ExportPart(String requestId, String service, int chunk, int chunks, String sealed) implements PrivacyReply {}

    record ErasureReady(String requestId, String service) implements PrivacyReply {}

    record ErasureBlocked(String requestId, String service, String code, String detail) implements PrivacyReply {}

    record ErasureDone(String requestId, String service, List<ErasureOutcome> outcomes) implements PrivacyReply {
        public ErasureDone {
            outcomes = List.copyOf(outcomes);
        }
    }

    record ErasureAborted(String requestId, String service) implements PrivacyReply {}
}

package io.payguard.platform.protection.privacy;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/** TEMPORARY copy of the lead's interface (issue 18 contract, section 2); replaced by main's on merge. */
public interface PrivacyParticipant {
    String service();

    Uni<ObjectNode> export(String subject);

    Uni<ErasureCheck> prepareErasure(String requestId, String subject);

    Uni<List<ErasureOutcome>> commitErasure(String requestId, String subject, String pseudonym);

    Uni<Void> abortErasure(String requestId, String subject);
}

package io.payguard.auth.privacy.application.port;

import java.util.List;

import io.payguard.auth.privacy.domain.DataSubjectRequest;
import io.payguard.auth.privacy.domain.LegalHold;
import io.smallrye.mutiny.Uni;

/**
 * What the coordinator publishes through the outbox, in the change's transaction: requests to the participants on
 * {@code privacy.requests} and audit records on {@code security.events}.
 */
public interface DsrEvents {

    Uni<Void> received(DataSubjectRequest request);

    Uni<Void> completed(DataSubjectRequest request, String actor);

    Uni<Void> refused(DataSubjectRequest request, String actor);

    Uni<Void> profileCorrected(DataSubjectRequest request, List<String> fields, int profiles);

    Uni<Void> holdSet(LegalHold hold);

    Uni<Void> holdReleased(LegalHold hold);

    Uni<Void> exportRequested(DataSubjectRequest request);

    Uni<Void> erasurePrepare(DataSubjectRequest request);

    Uni<Void> erasureCommit(DataSubjectRequest request);

    Uni<Void> erasureAbort(DataSubjectRequest request);
}

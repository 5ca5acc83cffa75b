package io.payguard.auth.privacy.application.port;

import io.payguard.auth.privacy.domain.Consent;
import io.smallrye.mutiny.Uni;

/** The consent's state on {@code privacy.consents} and its audit record on {@code security.events}, in the change's transaction. */
public interface ConsentEvents {

    Uni<Void> changed(Consent consent, String actorSubject);
}

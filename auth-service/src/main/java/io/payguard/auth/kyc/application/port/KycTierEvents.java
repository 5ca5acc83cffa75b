package io.payguard.auth.kyc.application.port;

import java.time.Instant;

import io.payguard.auth.kyc.application.KycTierService.Actor;
import io.payguard.auth.kyc.domain.KycTierAssignment;
import io.payguard.auth.kyc.domain.KycTierAssignment.Outcome;
import io.smallrye.mutiny.Uni;

/** Records a KYC tier assignment (a change, or a confirmation of the tier the customer had) on the security trail. */
public interface KycTierEvents {

    /** Appends the record to the outbox in the caller's transaction. */
    Uni<Void> assigned(String subject, KycTierAssignment assignment, Outcome outcome, Actor actor, Instant at);
}

package io.payguard.audit.adapter.in.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The trail exists only for auditors and compliance officers: every other PayGuard role gets the same 404 an
 * unknown route gets, so the API does not even confirm itself to customers and merchants. The audit resources still
 * carry {@code @RolesAllowed} with every PayGuard role (at class level), so a token with none of them gets the
 * platform's 403. The gate reads the caller of the current request.
 */
@ApplicationScoped
public class AuditorGate {

    private final SecurityIdentity identity;

    public AuditorGate(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Whether to mask personal values (source addresses): yes unless a compliance officer asks for them unmasked. */
    public boolean mask(boolean unmasked) {
        if (unmasked && !identity.hasRole(Roles.COMPLIANCE_OFFICER)) {
            throw new ProblemException(
                    403, "unmasking_not_allowed", "Not allowed", "only compliance officers may see unmasked records");
        }
        return !unmasked;
    }

    /** Lets auditors and compliance officers through; anyone else gets 404. */
    public void require() {
        if (!identity.hasRole(Roles.AUDITOR) && !identity.hasRole(Roles.COMPLIANCE_OFFICER)) {
            throw new ProblemException(404, "not_found", "Not Found", null);
        }
    }
}

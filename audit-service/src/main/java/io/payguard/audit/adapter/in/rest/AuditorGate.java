package io.payguard.audit.adapter.in.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The trail exists only for auditors and compliance officers: every other PayGuard role gets the same 404 an
 * unknown route gets, so the API does not even confirm itself to customers and merchants. Endpoints still carry
 * {@code @RolesAllowed} with the PayGuard roles, so a token with none of them gets the platform's 403.
 */
@ApplicationScoped
public class AuditorGate {

    static final String[] PAYGUARD_ROLES = {
        Roles.AUDITOR, Roles.COMPLIANCE_OFFICER, Roles.CUSTOMER, Roles.MERCHANT, Roles.OPERATOR, Roles.SERVICE
    };

    /** Whether to mask personal values (source addresses): yes unless a compliance officer asks for them unmasked. */
    public boolean mask(SecurityIdentity identity, boolean unmasked) {
        if (unmasked && !identity.hasRole(Roles.COMPLIANCE_OFFICER)) {
            throw new ProblemException(
                    403, "unmasking_not_allowed", "Not allowed", "only compliance officers may see unmasked records");
        }
        return !unmasked;
    }

    public void require(SecurityIdentity identity) {
        if (!identity.hasRole(Roles.AUDITOR) && !identity.hasRole(Roles.COMPLIANCE_OFFICER)) {
            throw new ProblemException(404, "not_found", "Not Found", null);
        }
    }
}

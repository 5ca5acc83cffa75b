package io.payguard.platform.protection.privacy;

import java.time.Instant;

/** TEMPORARY copy of the lead's type (issue 18 contract, section 2); replaced by main's on merge. */
public record ErasureOutcome(String dataType, Action action, long count, Instant holdUntil, String legalBasis) {
    public enum Action {
        ERASED,
        PSEUDONYMISED_HELD,
        KEPT
    }
}

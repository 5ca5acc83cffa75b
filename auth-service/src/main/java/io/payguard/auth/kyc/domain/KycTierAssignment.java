package io.payguard.auth.kyc.domain;

import java.util.Objects;

/**
 * An operator's or compliance officer's request to put a customer on a KYC tier, with the reference of the
 * evidence that justifies it (a KYC case, a document check: a reference, never the document itself) and an
 * optional reason. Invalid input is refused with the offending field named.
 */
public record KycTierAssignment(KycTier tier, String evidenceRef, String reason) {

    public static final int EVIDENCE_REF_MAX = 128;
    public static final int REASON_MAX = 500;

    /** Invalid input, naming the field it concerns. */
    public static final class InvalidField extends IllegalArgumentException {
        private final String field;

        public InvalidField(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public KycTierAssignment {
        Objects.requireNonNull(tier, "tier");
        if (evidenceRef == null || evidenceRef.isBlank()) {
            throw new InvalidField("evidenceRef", "is required (the reference of the KYC evidence)");
        }
        if (evidenceRef.length() > EVIDENCE_REF_MAX) {
            throw new InvalidField("evidenceRef", "at most " + EVIDENCE_REF_MAX + " characters");
        }
        if (reason != null && reason.length() > REASON_MAX) {
            throw new InvalidField("reason", "at most " + REASON_MAX + " characters");
        }
        evidenceRef = evidenceRef.strip();
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** From the request's raw values; a missing or unknown tier is refused like any other field. */
    public static KycTierAssignment of(Integer tier, String evidenceRef, String reason) {
        if (tier == null) {
            throw new InvalidField("tier", "is required (1, 2 or 3)");
        }
        KycTier parsed = KycTier.of(tier).orElseThrow(() -> new InvalidField("tier", "must be 1, 2 or 3"));
        return new KycTierAssignment(parsed, evidenceRef, reason);
    }

    /** What assigning this tier does to a customer currently on {@code current}. */
    public Outcome applyTo(KycTier current) {
        Objects.requireNonNull(current, "current");
        return current == tier ? new Outcome.Unchanged(tier) : new Outcome.Changed(current, tier);
    }

    public sealed interface Outcome {
        KycTier previous();

        KycTier tier();

        /** The customer was already on this tier: nothing is written to Keycloak; the confirmation is still audited. */
        record Unchanged(KycTier tier) implements Outcome {
            @Override
            public KycTier previous() {
                return tier;
            }
        }

        /** An upgrade or a downgrade; it takes effect with the customer's next access token. */
        record Changed(KycTier previous, KycTier tier) implements Outcome {
            public boolean upgrade() {
                return tier.level() > previous.level();
            }
        }
    }
}

package io.payguard.auth.kyc.domain;

import java.util.Optional;

/**
 * A customer's KYC tier: how thoroughly their identity was verified. It caps the PBoC-style class of their
 * wallets (tier 1 Class I, tier 2 Class II, tier 3 Class III). Keycloak keeps it as the user attribute
 * {@code kyc_tier} ("1", "2", "3") and issues it as the access-token claim of the same name; no attribute
 * means tier 1.
 */
public enum KycTier {
    TIER_1(1),
    TIER_2(2),
    TIER_3(3);

    private final int level;

    KycTier(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    /** The value of the Keycloak attribute and of the token claim. */
    public String attributeValue() {
        return Integer.toString(level);
    }

    /** The wallet class this tier allows, as the wallet API names it. */
    public String walletClass() {
        return switch (this) {
            case TIER_1 -> "class_i";
            case TIER_2 -> "class_ii";
            case TIER_3 -> "class_iii";
        };
    }

    public static Optional<KycTier> of(int level) {
        return switch (level) {
            case 1 -> Optional.of(TIER_1);
            case 2 -> Optional.of(TIER_2);
            case 3 -> Optional.of(TIER_3);
            default -> Optional.empty();
        };
    }

    /** The stored attribute: absent is tier 1, like the wallet service reads a token without the claim. */
    public static KycTier fromAttribute(String value) {
        if (value == null || value.isBlank()) {
            return TIER_1;
        }
        try {
            return of(Integer.parseInt(value.trim()))
                    .orElseThrow(() -> new IllegalArgumentException("kyc_tier '" + value + "' is not 1, 2 or 3"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kyc_tier '" + value + "' is not 1, 2 or 3", e);
        }
    }
}

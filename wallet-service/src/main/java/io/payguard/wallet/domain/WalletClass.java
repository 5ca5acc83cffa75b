package io.payguard.wallet.domain;

import java.util.Locale;

/** PBoC-style payment account classes; the customer's KYC tier decides which one a wallet gets. */
public enum WalletClass {
    CLASS_I,
    CLASS_II,
    CLASS_III;

    /** Stable id used in limit ids and the API: {@code class_i}, {@code class_ii}, {@code class_iii}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** KYC tier 1, 2 or 3 (or the class id itself). */
    public static WalletClass fromKyc(String tier) {
        if (tier == null) {
            return CLASS_I;
        }
        return switch (tier.trim().toLowerCase(Locale.ROOT)) {
            case "1", "i", "class_i", "tier1", "basic" -> CLASS_I;
            case "2", "ii", "class_ii", "tier2", "verified" -> CLASS_II;
            case "3", "iii", "class_iii", "tier3", "full" -> CLASS_III;
            default -> throw new IllegalArgumentException("unknown KYC tier");
        };
    }
}

package io.payguard.wallet.domain;

import java.util.Locale;

/** Why a journal entry exists; the statement filters by it. */
public enum EntryKind {
    TOP_UP,
    TRANSFER,
    MERCHANT_PAYMENT,
    WITHDRAWAL,
    HOLD_CAPTURE,
    REFUND,
    REVERSAL,
    PAYOUT_RETURN,
    TOP_UP_REFUND;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EntryKind fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}

package io.payguard.wallet.domain;

import java.util.Locale;

/** Why the ledger said no to a well-formed request; the ids are the stable codes of the API and events. */
public enum RefusalReason {
    INSUFFICIENT_FUNDS,
    LIMIT_EXCEEDED,
    WALLET_NOT_FOUND,
    WALLET_FROZEN,
    WALLET_CLOSING,
    CURRENCY_MISMATCH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

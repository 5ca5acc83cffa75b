package io.payguard.wallet.domain;

import java.util.regex.Pattern;

/**
 * An opaque ledger account id. Its text orders every lock the ledger takes (rows are always locked in
 * ascending id order), so it must be stable and comparable.
 */
public record AccountId(String value) implements Comparable<AccountId> {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9:._-]{3,160}");

    public AccountId {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("bad account id");
        }
    }

    @Override
    public int compareTo(AccountId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

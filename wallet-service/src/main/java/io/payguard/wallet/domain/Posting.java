package io.payguard.wallet.domain;

import java.util.Objects;

import io.payguard.kernel.Money;

/** One leg of a journal entry: a signed amount on one account (positive = credit, negative = debit). */
public record Posting(AccountId account, Money amount) {
    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        if (amount.minor() == 0) {
            throw new IllegalArgumentException("a posting moves money");
        }
    }

    public static Posting debit(AccountId account, Money amount) {
        return new Posting(account, amount.negate());
    }

    public static Posting credit(AccountId account, Money amount) {
        return new Posting(account, amount);
    }
}

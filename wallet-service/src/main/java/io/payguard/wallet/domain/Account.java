package io.payguard.wallet.domain;

import java.util.Currency;
import java.util.Objects;

/**
 * A ledger account: one currency, a posted balance (credit-normal, see {@link AccountType}) and the part of
 * it reserved by active holds. {@code available = balance - held}; accounts without overdraft never let it
 * go below zero. {@code owner} is the customer's Keycloak subject, the merchant's client id, or
 * {@code system}. {@code frozen} is an operator's freeze; {@code closing} a customer wallet frozen by an erasure
 * request between its prepare and its commit or abort (no money moves in or out; refused {@code wallet_closing}).
 */
public record Account(
        AccountId id,
        AccountType type,
        String owner,
        Currency currency,
        long balance,
        long held,
        boolean overdraftAllowed,
        WalletClass walletClass,
        boolean frozen,
        boolean closing,
        OutflowUsage usage) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(currency, "currency");
        if (held < 0) {
            throw new IllegalArgumentException("held below zero");
        }
        if (type == AccountType.CUSTOMER_WALLET && (walletClass == null || usage == null)) {
            throw new IllegalArgumentException("a customer wallet needs a class and usage");
        }
    }

    public static Account open(
            AccountId id,
            AccountType type,
            String owner,
            Currency currency,
            WalletClass walletClass,
            OutflowUsage usage) {
        return new Account(
                id, type, owner, currency, 0, 0, type.overdraftByDefault(), walletClass, false, false, usage);
    }

    public long available() {
        return balance - held;
    }

    public boolean canCover(long amount) {
        return overdraftAllowed || available() - amount >= 0;
    }

    public boolean isCustomerWallet() {
        return type == AccountType.CUSTOMER_WALLET;
    }

    public Account post(long signedAmount) {
        return new Account(
                id,
                type,
                owner,
                currency,
                Math.addExact(balance, signedAmount),
                held,
                overdraftAllowed,
                walletClass,
                frozen,
                closing,
                usage);
    }

    public Account hold(long delta) {
        return new Account(
                id,
                type,
                owner,
                currency,
                balance,
                Math.addExact(held, delta),
                overdraftAllowed,
                walletClass,
                frozen,
                closing,
                usage);
    }

    public Account withUsage(OutflowUsage newUsage) {
        return new Account(
                id, type, owner, currency, balance, held, overdraftAllowed, walletClass, frozen, closing, newUsage);
    }
}

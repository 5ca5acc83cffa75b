package io.payguard.wallet.domain;

/**
 * What a ledger account stands for. Balances are credit-normal: a posting's positive amount is a credit,
 * a customer wallet's positive balance is money the institution owes the customer, and the external
 * clearing accounts mirror money at banks, so they run negative. Over all accounts of one currency the
 * balances sum to zero.
 */
public enum AccountType {
    CUSTOMER_WALLET(false),
    MERCHANT_SETTLEMENT(false),
    /** Money coming in from funding sources (cards, bank transfers) on its way to wallets. */
    FUNDING_CLEARING(true),
    /** Money going out to bank accounts. */
    WITHDRAWAL_CLEARING(true),
    FEES(false),
    /** Where unexplained differences wait for an operator; may go either way. */
    SUSPENSE(true);

    private final boolean overdraftByDefault;

    AccountType(boolean overdraftByDefault) {
        this.overdraftByDefault = overdraftByDefault;
    }

    public boolean overdraftByDefault() {
        return overdraftByDefault;
    }
}

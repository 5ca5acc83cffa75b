package io.payguard.wallet.application;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.wallet.config.WalletConfig;
import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.AccountType;
import io.payguard.wallet.domain.OutflowUsage;

/**
 * Where money sits besides customer wallets. Accounts that many transactions credit or debit at once (a
 * merchant's settlement account, the clearing accounts) are split into N buckets with their own rows: a
 * transaction locks one bucket picked by its reference, so concurrent payments to one merchant serialise
 * on 1/N of the traffic each instead of on one row. The merchant's balance is the sum of its buckets.
 */
@ApplicationScoped
public class AccountLayout {

    public static final String SYSTEM = "system";
    private final int settlementBuckets;
    private final int clearingBuckets;

    public AccountLayout(WalletConfig config) {
        this.settlementBuckets = config.settlementBuckets();
        this.clearingBuckets = config.clearingBuckets();
    }

    public AccountId funding(Currency currency, String reference) {
        return new AccountId("s:funding:" + currency.getCurrencyCode() + ":" + bucket(reference, clearingBuckets));
    }

    public AccountId withdrawal(Currency currency, String reference) {
        return new AccountId("s:withdrawal:" + currency.getCurrencyCode() + ":" + bucket(reference, clearingBuckets));
    }

    public AccountId merchantBucket(String merchantId, Currency currency, String reference) {
        return merchant(merchantId, currency, bucket(reference, settlementBuckets));
    }

    public List<AccountId> merchantBuckets(String merchantId, Currency currency) {
        return IntStream.range(0, settlementBuckets)
                .mapToObj(k -> merchant(merchantId, currency, k))
                .toList();
    }

    /** Every system account of a currency, to create once. */
    public List<Account> systemAccounts(Currency currency, LocalDate today) {
        var all = new java.util.ArrayList<Account>();
        for (int k = 0; k < clearingBuckets; k++) {
            all.add(Account.open(
                    new AccountId("s:funding:" + currency.getCurrencyCode() + ":" + k),
                    AccountType.FUNDING_CLEARING,
                    SYSTEM,
                    currency,
                    null,
                    OutflowUsage.none(today)));
            all.add(Account.open(
                    new AccountId("s:withdrawal:" + currency.getCurrencyCode() + ":" + k),
                    AccountType.WITHDRAWAL_CLEARING,
                    SYSTEM,
                    currency,
                    null,
                    OutflowUsage.none(today)));
        }
        all.add(Account.open(
                new AccountId("s:fees:" + currency.getCurrencyCode()),
                AccountType.FEES,
                SYSTEM,
                currency,
                null,
                OutflowUsage.none(today)));
        all.add(Account.open(
                new AccountId("s:suspense:" + currency.getCurrencyCode()),
                AccountType.SUSPENSE,
                SYSTEM,
                currency,
                null,
                OutflowUsage.none(today)));
        return all;
    }

    public List<Account> merchantAccounts(String merchantId, Currency currency, LocalDate today) {
        return merchantBuckets(merchantId, currency).stream()
                .map(id -> Account.open(
                        id, AccountType.MERCHANT_SETTLEMENT, merchantId, currency, null, OutflowUsage.none(today)))
                .toList();
    }

    public static boolean isValidMerchantId(String merchantId) {
        return merchantId != null && merchantId.matches("[A-Za-z0-9._-]{1,100}");
    }

    private static AccountId merchant(String merchantId, Currency currency, int k) {
        if (!isValidMerchantId(merchantId)) {
            throw new IllegalArgumentException("bad merchant id");
        }
        return new AccountId("m:" + merchantId + ":" + currency.getCurrencyCode() + ":" + k);
    }

    private static int bucket(String reference, int n) {
        return Math.floorMod(reference.hashCode() * 0x9E3779B9, n);
    }
}

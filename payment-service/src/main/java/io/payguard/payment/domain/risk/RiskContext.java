package io.payguard.payment.domain.risk;

import io.payguard.kernel.Money;

/**
 * What the risk policies see about one confirm: the payment, its card fingerprint (keyed hash) and BIN, the caller's
 * address, and the history counted over the configured windows (this attempt excluded). {@code merchant} is the payee's
 * terms from the merchant directory, null for a caller the directory does not know (only the global limits apply;
 * {@code merchantAmountToday} is then 0); {@code merchantAmountToday} is the payee's total of the UTC day in its
 * settlement currency.
 */
public record RiskContext(
        String merchantId,
        String customerId,
        Money amount,
        String cardFingerprint,
        String bin,
        String ip,
        long customerAmountToday,
        int customerRecent,
        int fingerprintRecent,
        int ipRecent,
        long customerAverage,
        int customerHistory,
        MerchantTerms merchant,
        long merchantAmountToday) {

    /** The merchant's limits apply: the directory knows it, and the payment is in its settlement currency. */
    public boolean merchantLimitsApply() {
        return merchant != null && merchant.currency().getCurrencyCode().equals(amount.currencyCode());
    }
}

package io.payguard.payment.domain.risk;

import io.payguard.kernel.Money;

/**
 * What the risk policies see about one confirm: the payment, its card fingerprint (keyed hash) and BIN, the caller's
 * address, and the history counted over the configured windows (this attempt excluded).
 */
public record RiskContext(String merchantId, String customerId, Money amount, String cardFingerprint, String bin, String ip,
        long customerAmountToday, int customerRecent, int fingerprintRecent, int ipRecent, long customerAverage, int customerHistory) {
}

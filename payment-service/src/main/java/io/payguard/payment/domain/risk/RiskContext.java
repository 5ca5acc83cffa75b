package io.payguard.payment.domain.risk;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.PaymentChannel;

/**
 * What the risk policies see about one confirm: the payment, its card fingerprint (keyed hash) and BIN, the caller's
 * address, and the history counted over the configured windows (this attempt excluded). {@code merchant} is the payee's
 * terms from the merchant directory, null for a caller the directory does not know (only the global limits apply;
 * {@code merchantAmountToday} is then 0); {@code merchantAmountToday} is the payee's total of the UTC day in its
 * settlement currency. {@code channel} is how the payment was initiated; {@code barcodeStaticToday} and
 * {@code barcodeDynamicToday} are the customer's barcode payments of the UTC day (static QR codes; dynamic QR codes and
 * payment codes) in the barcode limits' currency, this payment excluded (0 for other channels and currencies);
 * {@code level} is how strongly the customer is authenticated at assess time ({@link AuthenticationLevel#C} unless a
 * stronger authentication is known, a payment code carries the level it was created with).
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
        long merchantAmountToday,
        PaymentChannel channel,
        long barcodeStaticToday,
        long barcodeDynamicToday,
        AuthenticationLevel level) {

    public RiskContext {
        channel = channel == null ? PaymentChannel.API : channel;
        level = level == null ? AuthenticationLevel.C : level;
    }

    /** A payment through the API (no barcode history, authentication level C). */
    public RiskContext(
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
        this(
                merchantId,
                customerId,
                amount,
                cardFingerprint,
                bin,
                ip,
                customerAmountToday,
                customerRecent,
                fingerprintRecent,
                ipRecent,
                customerAverage,
                customerHistory,
                merchant,
                merchantAmountToday,
                PaymentChannel.API,
                0,
                0,
                AuthenticationLevel.C);
    }

    /** The merchant's limits apply: the directory knows it, and the payment is in its settlement currency. */
    public boolean merchantLimitsApply() {
        return merchant != null && merchant.currency().getCurrencyCode().equals(amount.currencyCode());
    }
}

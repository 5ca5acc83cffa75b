package io.payguard.payment.domain.risk;

import java.util.Currency;
import java.util.Objects;

/**
 * What the risk policy knows of the payee from the merchant directory (auth-service's facts): whether it is active,
 * its settlement currency and the limits set at onboarding, in minor units of that currency.
 */
public record MerchantTerms(boolean active, Currency currency, long perTransactionLimitMinor, long dailyLimitMinor) {
    public MerchantTerms {
        Objects.requireNonNull(currency, "currency");
    }
}

package io.payguard.payment.application.port;

import io.payguard.kernel.Money;
import io.payguard.payment.application.RiskService;
import io.payguard.payment.domain.CardAuthentication;

/**
 * The card issuer's access control server (3-D Secure). The one-time code of its challenge reaches the cardholder
 * through the {@link ScaNotifier} (see {@link RiskService#challenge}); once the code passed, the ACS states the
 * authentication result for this payment, which the next authorisation carries to the issuer.
 */
public interface IssuerAcs {

    /** The authentication value (bound to {@code reference} and {@code amount}) and ECI of a passed challenge. */
    CardAuthentication authenticated(String reference, Money amount);
}

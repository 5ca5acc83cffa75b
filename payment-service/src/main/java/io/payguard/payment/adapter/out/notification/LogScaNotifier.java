package io.payguard.payment.adapter.out.notification;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.ScaNotifier;
import io.payguard.payment.config.RiskConfig;
import io.quarkus.arc.DefaultBean;

/** The development notifier: writes the challenge to the log, the code itself only when {@code payguard.risk.sca.log-codes} is on. */
@ApplicationScoped
@DefaultBean
public class LogScaNotifier implements ScaNotifier {

    private static final Logger LOG = Logger.getLogger(LogScaNotifier.class);

    private final boolean logCodes;

    public LogScaNotifier(RiskConfig config) {
        this.logCodes = config.sca().logCodes();
    }

    @Override
    public void send(String customerId, String paymentId, String code, Money amount, String payee) {
        LOG.infof(
                "SCA code for payment %s (%d %s to %s): %s",
                paymentId, amount.minor(), amount.currencyCode(), payee, logCodes ? code : "******");
    }
}

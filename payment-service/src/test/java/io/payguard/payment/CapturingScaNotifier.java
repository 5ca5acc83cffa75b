package io.payguard.payment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.ScaNotifier;

/** Replaces the log notifier in tests: keeps the last code sent per payment, as the customer's phone would. */
@ApplicationScoped
public class CapturingScaNotifier implements ScaNotifier {

    public static final Map<String, String> LAST_CODE = new ConcurrentHashMap<>();

    @Override
    public void send(String customerId, String paymentId, String code, Money amount, String payee) {
        LAST_CODE.put(paymentId, code);
    }
}

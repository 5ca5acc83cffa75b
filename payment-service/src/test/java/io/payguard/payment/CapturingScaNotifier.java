package io.payguard.payment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.payment.adapter.out.notification.ScaChannels;
import io.payguard.payment.application.port.ScaNotifier;

/**
 * Replaces the notifier in tests: keeps the last code sent per payment, as the customer's phone would, and sends it
 * through the configured channels as well (the test profile's mock mailer, an in-test SMS gateway).
 */
@ApplicationScoped
public class CapturingScaNotifier implements ScaNotifier {

    public static final Map<String, String> LAST_CODE = new ConcurrentHashMap<>();

    private final ScaChannels channels;

    public CapturingScaNotifier(ScaChannels channels) {
        this.channels = channels;
    }

    @Override
    public void send(Destination to, String paymentId, String code, Money amount, String payee) {
        LAST_CODE.put(paymentId, code);
        channels.send(to, paymentId, code, amount, payee);
    }

    @Override
    public Route route(Destination to) {
        return channels.route(to);
    }
}

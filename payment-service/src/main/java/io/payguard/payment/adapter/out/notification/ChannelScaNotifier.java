package io.payguard.payment.adapter.out.notification;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.ScaNotifier;
import io.quarkus.arc.DefaultBean;

/** The notifier: one-time codes through the configured {@link ScaChannels}. */
@ApplicationScoped
@DefaultBean
public class ChannelScaNotifier implements ScaNotifier {

    private final ScaChannels channels;

    public ChannelScaNotifier(ScaChannels channels) {
        this.channels = channels;
    }

    @Override
    public void send(Destination to, String paymentId, String code, Money amount, String payee) {
        channels.send(to, paymentId, code, amount, payee);
    }

    @Override
    public Route route(Destination to) {
        return channels.route(to);
    }
}

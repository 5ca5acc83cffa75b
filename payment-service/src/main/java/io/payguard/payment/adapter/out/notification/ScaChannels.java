package io.payguard.payment.adapter.out.notification;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.ScaNotifier;
import io.payguard.payment.application.port.SmsGateway;
import io.payguard.payment.config.RiskConfig;
import io.payguard.payment.config.ScaConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.mutiny.Uni;

/**
 * The channels of one-time codes ({@code payguard.sca.channels}, in order). {@code log} (dev and test; refused at
 * start in the prod profile unless {@code payguard.sca.allow-log-channel}) writes the challenge to the log, the code
 * only with {@code payguard.risk.sca.log-codes}; of {@code email} (Quarkus Mailer, SMTP) and {@code sms} (the
 * {@link SmsGateway}) the first one the customer's token gives a verified destination for sends the code, the next one
 * if that fails. Destinations and codes are never logged.
 */
@ApplicationScoped
@Startup
public class ScaChannels {

    private static final Logger LOG = Logger.getLogger(ScaChannels.class);

    private final List<String> channels;
    private final boolean logCodes;
    private final ReactiveMailer mailer;
    private final SmsGateway sms;
    private final boolean smsConfigured;

    public ScaChannels(ScaConfig config, RiskConfig risk, ReactiveMailer mailer, SmsGateway sms) {
        this.channels = config.channels().stream().map(String::trim).toList();
        for (String c : channels) {
            if (!List.of("log", "email", "sms").contains(c)) {
                throw new IllegalStateException("payguard.sca.channels: unknown channel " + c + " (log, email, sms)");
            }
        }
        requireNoLogInProduction(channels, config.allowLogChannel(), ConfigUtils.getProfiles());
        this.logCodes = risk.sca().logCodes();
        this.mailer = mailer;
        this.sms = sms;
        this.smsConfigured = config.sms().gatewayUrl().isPresent();
    }

    /** {@code log} only in the dev and test profiles, or where {@code allowLog} says so (a local stack). */
    static void requireNoLogInProduction(List<String> channels, boolean allowLog, List<String> profiles) {
        if (channels.contains("log") && !allowLog && !profiles.contains("dev") && !profiles.contains("test")) {
            throw new IllegalStateException("payguard.sca.channels: the log channel is for dev and test only; a code"
                    + " written to a log reaches no customer (set email and/or sms)");
        }
    }

    /** Sends the code: the log (if configured), and the first real channel that reaches the customer. */
    public void send(ScaNotifier.Destination to, String paymentId, String code, Money amount, String payee) {
        if (channels.contains("log")) {
            LOG.infof(
                    "SCA code for payment %s (%d %s to %s): %s",
                    paymentId, amount.minor(), amount.currencyCode(), payee, logCodes ? code : "******");
        }
        var usable = channels.stream().filter(c -> address(c, to) != null).toList();
        if (usable.isEmpty()) {
            if (!channels.contains("log")) {
                LOG.infof(
                        "SCA code for payment %s: no verified e-mail or phone of the customer in this call", paymentId);
            }
            return;
        }
        attempt(usable, 0, to, paymentId, ScaMessages.text(code, amount, payee));
    }

    private void attempt(List<String> usable, int i, ScaNotifier.Destination to, String paymentId, String text) {
        String channel = usable.get(i);
        deliver(channel, address(channel, to), text)
                .subscribe()
                .with(ok -> LOG.debugf("SCA code for payment %s sent by %s", paymentId, channel), failure -> {
                    LOG.warnf(
                            "SCA code for payment %s not sent by %s: %s",
                            paymentId, channel, failure.getClass().getSimpleName());
                    if (i + 1 < usable.size()) {
                        attempt(usable, i + 1, to, paymentId, text);
                    }
                });
    }

    private Uni<Void> deliver(String channel, String address, String text) {
        return switch (channel) {
            case "email" -> mailer.send(Mail.withText(address, ScaMessages.subject(), text));
            case "sms" -> sms.send(address, text);
            default -> Uni.createFrom().voidItem();
        };
    }

    /** The destination of {@code channel} for {@code to}; null when it cannot carry a code to this customer. */
    private String address(String channel, ScaNotifier.Destination to) {
        return switch (channel) {
            case "email" -> to.email();
            case "sms" -> smsConfigured ? to.phone() : null;
            default -> null;
        };
    }

    public ScaNotifier.Route route(ScaNotifier.Destination to) {
        for (String c : channels) {
            String address = address(c, to);
            if (address != null) {
                return new ScaNotifier.Route(c, ScaMessages.masked(c, address));
            }
        }
        return channels.contains("log") ? new ScaNotifier.Route("log", null) : null;
    }
}

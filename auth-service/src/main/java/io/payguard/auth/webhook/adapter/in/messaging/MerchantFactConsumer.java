package io.payguard.auth.webhook.adapter.in.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.payguard.auth.webhook.application.MerchantEventService;
import io.payguard.auth.webhook.config.WebhookConfig;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.messaging.EventHeaders;
import io.smallrye.mutiny.Uni;

/**
 * Turns facts from {@code payment.events} and {@code security.events} into merchant events (consumer groups of their
 * own, {@code auth-service-webhooks*}). Decoding is {@link MerchantFacts}; recording is idempotent
 * ({@link MerchantEventService#record}: the processed-event row, the event and its deliveries commit together).
 * Types that are no merchant event are acknowledged and ignored; failures follow the platform's policy
 * ({@link ConsumerFailures}): a malformed fact is dead-lettered at once, a database outage retried until it passes.
 */
@ApplicationScoped
public class MerchantFactConsumer {

    static final String PAYMENT_CONSUMER = "auth-service.webhook-payment-facts";
    static final String SECURITY_CONSUMER = "auth-service.webhook-security-facts";

    private final ConsumerFailures failures;
    private final MerchantEventService events;
    private final WebhookConfig config;

    public MerchantFactConsumer(ConsumerFailures failures, MerchantEventService events, WebhookConfig config) {
        this.failures = failures;
        this.events = events;
        this.config = config;
    }

    @Incoming("webhook-payment-facts")
    public Uni<Void> payments(Message<String> message) {
        return notForMerchants(message)
                ? Uni.createFrom().completionStage(message.ack())
                : failures.process(PAYMENT_CONSUMER, message, event -> apply(PAYMENT_CONSUMER, event));
    }

    @Incoming("webhook-security-facts")
    public Uni<Void> security(Message<String> message) {
        return notForMerchants(message)
                ? Uni.createFrom().completionStage(message.ack())
                : failures.process(SECURITY_CONSUMER, message, event -> apply(SECURITY_CONSUMER, event));
    }

    /**
     * Most facts on these topics are no merchant event (a wallet payment publishes four, one of which is): their
     * {@code ce_type} header says so, and they are acknowledged without parsing the payload (issue 20). A record
     * without the header is parsed and decided by its type as before.
     */
    private static boolean notForMerchants(Message<String> message) {
        return EventHeaders.type(message)
                .map(type -> !MerchantFacts.handles(type))
                .orElse(false);
    }

    private Uni<Boolean> apply(String consumer, CloudEvent event) {
        return MerchantFacts.decode(event, config.platformAccount())
                .map(fact -> events.record(consumer, fact))
                .orElseGet(() -> Uni.createFrom().item(false));
    }
}

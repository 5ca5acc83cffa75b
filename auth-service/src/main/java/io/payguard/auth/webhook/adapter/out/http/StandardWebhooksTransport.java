package io.payguard.auth.webhook.adapter.out.http;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.webhook.application.port.WebhookTransport;
import io.payguard.auth.webhook.config.WebhookConfig;
import io.payguard.auth.webhook.domain.Attempt;
import io.payguard.auth.webhook.domain.EndpointMode;
import io.payguard.platform.webhooks.DeliveryAttempt;
import io.payguard.platform.webhooks.HostResolver;
import io.payguard.platform.webhooks.OutboundPolicy;
import io.payguard.platform.webhooks.TargetAddresses;
import io.payguard.platform.webhooks.WebhookSender;
import io.payguard.platform.webhooks.WebhookSigning;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * {@link WebhookTransport} with platform/webhooks: Standard Webhooks signatures ({@link WebhookSigning}) and the
 * SSRF-safe {@link WebhookSender}. Live endpoints go out under {@link OutboundPolicy#live()} (https only, public
 * addresses only), test endpoints may also use http; loopback is reachable only with
 * {@code payguard.webhooks.allow-loopback=true} (the dev stack and tests). Every address check is made again at each
 * attempt, on the address the connection is then pinned to.
 */
@ApplicationScoped
public class StandardWebhooksTransport implements WebhookTransport {

    private final OutboundPolicy live;
    private final OutboundPolicy test;
    private final WebhookSender liveSender;
    private final WebhookSender testSender;

    public StandardWebhooksTransport(Vertx vertx, WebhookConfig config) {
        var base = OutboundPolicy.live();
        this.live = new OutboundPolicy(
                true, config.allowLoopback(), base.connectTimeout(), base.requestTimeout(), base.maxResponseBytes());
        this.test = new OutboundPolicy(
                false, config.allowLoopback(), base.connectTimeout(), base.requestTimeout(), base.maxResponseBytes());
        this.liveSender = new WebhookSender(vertx, live, HostResolver.system());
        this.testSender = new WebhookSender(vertx, test, HostResolver.system());
    }

    @Override
    public Uni<Attempt> send(
            int attemptNumber,
            EndpointMode mode,
            String url,
            String messageId,
            Instant timestamp,
            byte[] body,
            List<String> secrets) {
        var headers = WebhookSigning.headers(messageId, timestamp, body, secrets);
        var sender = mode == EndpointMode.LIVE ? liveSender : testSender;
        return sender.send(url, headers, body).map(result -> toAttempt(attemptNumber, timestamp, result));
    }

    @Override
    public String refusal(EndpointMode mode, String url) {
        return TargetAddresses.urlRefusal(url, mode == EndpointMode.LIVE ? live : test)
                .orElse(null);
    }

    @PreDestroy
    void close() {
        liveSender.close();
        testSender.close();
    }

    private static Attempt toAttempt(int number, Instant at, DeliveryAttempt result) {
        return new Attempt(
                number,
                at,
                Attempt.Outcome.valueOf(result.outcome().name()),
                result.statusCode(),
                result.latency(),
                result.failure(),
                result.responseExcerpt());
    }
}

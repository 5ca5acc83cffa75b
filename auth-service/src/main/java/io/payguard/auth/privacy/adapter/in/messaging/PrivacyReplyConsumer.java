package io.payguard.auth.privacy.adapter.in.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.payguard.auth.privacy.application.DsrService;
import io.payguard.auth.privacy.domain.DataSubjectRequest.Outcome;
import io.payguard.auth.privacy.domain.Replies;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.protection.privacy.PrivacyMessages;
import io.payguard.platform.protection.privacy.PrivacyReply;
import io.smallrye.mutiny.Uni;

/**
 * The participants' replies on {@code privacy.replies} (channel {@code privacy-replies}, group
 * {@code auth-service-privacy-replies}), read with platform/protection's {@link PrivacyMessages} into typed replies and
 * handed to the coordinator, which stores each reply once (keyed by request, service, kind and chunk: a redelivered
 * reply changes nothing). Other types are ignored; a malformed reply is dead-lettered ({@code privacy.replies.dlq}).
 */
@ApplicationScoped
public class PrivacyReplyConsumer {

    static final String CONSUMER = "auth-service.privacy-replies";
    private static final List<String> TYPES = List.of(
            PrivacyMessages.EXPORT_PART,
            PrivacyMessages.ERASURE_READY,
            PrivacyMessages.ERASURE_BLOCKED,
            PrivacyMessages.ERASURE_DONE,
            PrivacyMessages.ERASURE_ABORTED);

    private final ConsumerFailures failures;
    private final DsrService requests;

    public PrivacyReplyConsumer(ConsumerFailures failures, DsrService requests) {
        this.failures = failures;
        this.requests = requests;
    }

    @Incoming("privacy-replies")
    public Uni<Void> replies(Message<String> message) {
        return failures.process(CONSUMER, message, this::apply);
    }

    private Uni<Boolean> apply(CloudEvent event) {
        if (!TYPES.contains(event.type())) {
            return Uni.createFrom().item(false);
        }
        PrivacyReply reply = PrivacyMessages.readReply(event);
        return requests.reply(reply.requestId(), decode(reply)).replaceWith(true);
    }

    static Replies.Reply decode(PrivacyReply reply) {
        String service = reply.service();
        return switch (reply) {
            case PrivacyReply.ExportPart p ->
                new Replies.Reply(
                        service, Replies.EXPORT_PART, p.chunk(), p.chunks(), p.sealed(), null, null, List.of());
            case PrivacyReply.ErasureReady r -> simple(service, Replies.READY);
            case PrivacyReply.ErasureBlocked b ->
                new Replies.Reply(service, Replies.BLOCKED, 0, 1, null, b.code(), b.detail(), List.of());
            case PrivacyReply.ErasureDone d ->
                new Replies.Reply(
                        service,
                        Replies.DONE,
                        0,
                        1,
                        null,
                        null,
                        null,
                        d.outcomes().stream()
                                .map(o -> new Outcome(
                                        service,
                                        o.dataType(),
                                        o.action().wire(),
                                        o.count(),
                                        o.holdUntil(),
                                        o.legalBasis()))
                                .toList());
            case PrivacyReply.ErasureAborted a -> simple(service, Replies.ABORTED);
        };
    }

    private static Replies.Reply simple(String service, String kind) {
        return new Replies.Reply(service, kind, 0, 1, null, null, null, List.of());
    }
}

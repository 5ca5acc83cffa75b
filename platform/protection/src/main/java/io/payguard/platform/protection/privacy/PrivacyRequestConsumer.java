package io.payguard.platform.protection.privacy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.ProcessedEvents;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureAborted;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureBlocked;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureDone;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureReady;
import io.payguard.platform.protection.privacy.PrivacyReply.ExportPart;
import io.payguard.platform.protection.privacy.PrivacyRequest.ErasureAbort;
import io.payguard.platform.protection.privacy.PrivacyRequest.ErasureCommit;
import io.payguard.platform.protection.privacy.PrivacyRequest.ErasurePrepare;
import io.payguard.platform.protection.privacy.PrivacyRequest.ExportRequested;
import io.smallrye.mutiny.Uni;

/**
 * Answers auth-service's data-subject requests on {@code privacy.requests} with this service's
 * {@link PrivacyParticipant}: the participant's work, the processed-event row and the reply's outbox row commit in one
 * transaction ({@link ProcessedEvents#once}), so a redelivered request is answered once and a crash answers it on the
 * next delivery. Failures follow the platform's policy ({@link ConsumerFailures}): a request that breaks the contract
 * is dead-lettered, a database outage is retried until it passes. Export parts are sealed to the request's key
 * ({@link ExportSeal}) before they reach the outbox: personal data never lies in the outbox or on Kafka in clear.
 */
@ApplicationScoped
public class PrivacyRequestConsumer {

    public static final String CHANNEL = "privacy-requests";
    private static final Logger LOG = Logger.getLogger(PrivacyRequestConsumer.class);

    private final ConsumerFailures failures;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final PrivacyMessages messages;
    private final Instance<PrivacyParticipant> participants;
    private final ObjectMapper mapper;
    private final Clock clock;

    public PrivacyRequestConsumer(
            ConsumerFailures failures,
            ProcessedEvents processed,
            Outbox outbox,
            ObjectMapper mapper,
            Instance<PrivacyParticipant> participants,
            Clock clock) {
        this.failures = failures;
        this.processed = processed;
        this.outbox = outbox;
        this.messages = new PrivacyMessages(mapper);
        this.mapper = mapper;
        this.participants = participants;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        if (!participants.isResolvable()) {
            LOG.warn("a privacy request arrived but this service has no PrivacyParticipant; acknowledged unanswered");
            return Uni.createFrom().completionStage(message.ack());
        }
        PrivacyParticipant participant = participants.get();
        String consumer = participant.service() + ".privacy-requests";
        return failures.process(consumer, message, event -> handle(consumer, participant, event));
    }

    /** Applies one request event; false when it was no request or had been answered already. */
    public Uni<Boolean> handle(String consumer, PrivacyParticipant participant, CloudEvent event) {
        if (!PrivacyMessages.isRequest(event.type())) {
            return Uni.createFrom().item(Boolean.FALSE);
        }
        PrivacyRequest request = PrivacyMessages.readRequest(event);
        return processed.once(
                consumer,
                event.id(),
                () -> answer(participant, request)
                        .flatMap(replies -> append(participant.service(), replies))
                        .invoke(() -> LOG.infof(
                                "privacy request %s (%s) answered by %s",
                                request.requestId(), event.type(), participant.service())));
    }

    private Uni<List<PrivacyReply>> answer(PrivacyParticipant p, PrivacyRequest request) {
        String service = p.service();
        String id = request.requestId();
        return switch (request) {
            case ExportRequested r -> p.export(r.subject()).map(sections -> exportParts(service, r, sections));
            case ErasurePrepare r ->
                p.prepareErasure(id, r.subject())
                        .map(check -> List.of(
                                switch (check) {
                                    case ErasureCheck.Ready ready -> new ErasureReady(id, service);
                                    case ErasureCheck.Blocked b ->
                                        new ErasureBlocked(id, service, b.code(), b.detail());
                                }));
            case ErasureCommit r ->
                p.commitErasure(id, r.subject(), r.pseudonym())
                        .map(outcomes -> List.<PrivacyReply>of(new ErasureDone(id, service, outcomes)));
            case ErasureAbort r ->
                p.abortErasure(id, r.subject()).replaceWith(List.<PrivacyReply>of(new ErasureAborted(id, service)));
        };
    }

    private List<PrivacyReply> exportParts(String service, ExportRequested r, Object sections) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(
                    mapper.createObjectNode().put("service", service).set("sections", mapper.valueToTree(sections)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export of " + service + " not serialisable", e);
        }
        List<String> chunks = ExportSeal.chunks(ExportSeal.seal(r.recipientKey(), r.requestId(), service, json));
        List<PrivacyReply> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            parts.add(new ExportPart(r.requestId(), service, i, chunks.size(), chunks.get(i)));
        }
        return parts;
    }

    private Uni<Void> append(String service, List<PrivacyReply> replies) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PrivacyReply reply : replies) {
            CloudEvent event = messages.reply(reply, "/payguard/" + service, clock.instant());
            chain = chain.flatMap(
                    x -> outbox.append(PrivacyMessages.REPLIES_TOPIC, "privacy_request", reply.requestId(), event));
        }
        return chain;
    }
}

package io.payguard.auth.privacy.adapter.in.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.auth.privacy.application.DsrService;
import io.payguard.auth.privacy.domain.DataSubjectRequest.Outcome;
import io.payguard.auth.privacy.domain.Replies;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.messaging.MalformedEventException;
import io.smallrye.mutiny.Uni;

/**
 * The participants' replies on {@code privacy.replies} (channel {@code privacy-replies}, group
 * {@code auth-service-privacy-replies}): decoded into typed replies and handed to the coordinator, which stores each
 * reply once (keyed by request, service, kind and chunk: a redelivered reply changes nothing). Other types are
 * ignored; a malformed reply is dead-lettered ({@code privacy.replies.dlq}).
 */
@ApplicationScoped
public class PrivacyReplyConsumer {

    static final String CONSUMER = "auth-service.privacy-replies";
    private static final String PREFIX = "io.payguard.privacy.";
    private static final Pattern REQUEST_ID = Pattern.compile("dsr_[0-9a-f]{24}");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{1,63}");

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
        if (event.type() == null
                || !event.type().startsWith(PREFIX)
                || !event.type().endsWith(".v1")) {
            return Uni.createFrom().item(false);
        }
        String kind = event.type().substring(PREFIX.length(), event.type().length() - 3);
        if (!List.of(Replies.EXPORT_PART, Replies.READY, Replies.BLOCKED, Replies.DONE, Replies.ABORTED)
                .contains(kind)) {
            return Uni.createFrom().item(false);
        }
        String requestId = text(event.data(), "requestId", REQUEST_ID);
        Replies.Reply reply = decode(kind, event.data());
        return requests.reply(requestId, reply).replaceWith(true);
    }

    static Replies.Reply decode(String kind, JsonNode data) {
        String service = text(data, "service", SERVICE);
        return switch (kind) {
            case Replies.EXPORT_PART -> {
                int chunk = data.path("chunk").asInt(-1);
                int chunks = data.path("chunks").asInt(-1);
                if (chunks < 1 || chunks > 10_000 || chunk < 0 || chunk >= chunks) {
                    throw new MalformedEventException("export part without a valid chunk of chunks");
                }
                yield new Replies.Reply(
                        service, kind, chunk, chunks, text(data, "sealed", null), null, null, List.of());
            }
            case Replies.BLOCKED ->
                new Replies.Reply(
                        service,
                        kind,
                        0,
                        1,
                        null,
                        text(data, "code", Pattern.compile("[a-z0-9_]{1,64}")),
                        cut(data.path("detail").asText(""), 500),
                        List.of());
            case Replies.DONE -> new Replies.Reply(service, kind, 0, 1, null, null, null, outcomes(service, data));
            default -> new Replies.Reply(service, kind, 0, 1, null, null, null, List.of());
        };
    }

    private static List<Outcome> outcomes(String service, JsonNode data) {
        JsonNode list = data.path("outcomes");
        if (!list.isArray() || list.size() > 100) {
            throw new MalformedEventException("erasure-done without outcomes");
        }
        var outcomes = new ArrayList<Outcome>();
        for (JsonNode o : list) {
            String action = text(o, "action", Pattern.compile("erased|pseudonymised_held|kept"));
            Instant holdUntil;
            try {
                holdUntil = o.hasNonNull("holdUntil")
                        ? Instant.parse(o.get("holdUntil").asText())
                        : null;
            } catch (java.time.DateTimeException e) {
                throw new MalformedEventException("holdUntil is no instant", e);
            }
            outcomes.add(new Outcome(
                    service,
                    text(o, "dataType", Pattern.compile("[A-Za-z0-9_]{1,64}")),
                    action,
                    Math.max(0, o.path("count").asLong(0)),
                    holdUntil,
                    o.hasNonNull("legalBasis") ? cut(o.get("legalBasis").asText(), 300) : null));
        }
        return outcomes;
    }

    private static String text(JsonNode data, String field, Pattern pattern) {
        JsonNode value = data == null ? null : data.get(field);
        if (value == null
                || !value.isTextual()
                || (pattern != null && !pattern.matcher(value.asText()).matches())) {
            throw new MalformedEventException("privacy reply without a valid " + field);
        }
        return value.asText();
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}

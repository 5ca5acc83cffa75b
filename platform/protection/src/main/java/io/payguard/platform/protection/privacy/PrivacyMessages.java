package io.payguard.platform.protection.privacy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureAborted;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureBlocked;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureDone;
import io.payguard.platform.protection.privacy.PrivacyReply.ErasureReady;
import io.payguard.platform.protection.privacy.PrivacyReply.ExportPart;
import io.payguard.platform.protection.privacy.PrivacyRequest.ErasureAbort;
import io.payguard.platform.protection.privacy.PrivacyRequest.ErasureCommit;
import io.payguard.platform.protection.privacy.PrivacyRequest.ErasurePrepare;
import io.payguard.platform.protection.privacy.PrivacyRequest.ExportRequested;

/**
 * The privacy protocol's wire form (contracts/events: the {@code io.payguard.privacy.*} types): CloudEvents on
 * {@code privacy.requests}, {@code privacy.replies} and {@code privacy.consents}, built and read in one place so the
 * coordinator and every participant agree. Decoding refuses anything outside the contract with
 * {@link MalformedEventException} (poison: dead-lettered, never retried).
 */
public final class PrivacyMessages {

    public static final String REQUESTS_TOPIC = "privacy.requests";
    public static final String REPLIES_TOPIC = "privacy.replies";
    public static final String CONSENTS_TOPIC = "privacy.consents";

    private static final String PREFIX = "io.payguard.privacy.";
    public static final String EXPORT_REQUESTED = PREFIX + "export-requested.v1";
    public static final String ERASURE_PREPARE = PREFIX + "erasure-prepare.v1";
    public static final String ERASURE_COMMIT = PREFIX + "erasure-commit.v1";
    public static final String ERASURE_ABORT = PREFIX + "erasure-abort.v1";
    public static final String EXPORT_PART = PREFIX + "export-part.v1";
    public static final String ERASURE_READY = PREFIX + "erasure-ready.v1";
    public static final String ERASURE_BLOCKED = PREFIX + "erasure-blocked.v1";
    public static final String ERASURE_DONE = PREFIX + "erasure-done.v1";
    public static final String ERASURE_ABORTED = PREFIX + "erasure-aborted.v1";
    public static final String CONSENT = PREFIX + "consent.v1";

    private static final Pattern REQUEST_ID = Pattern.compile("dsr_[A-Za-z0-9]{8,64}");
    private static final Pattern PSEUDONYM = Pattern.compile("psn_[A-Za-z0-9]{8,64}");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_SUBJECT = 128;
    private static final int MAX_TEXT = 512;
    private static final int MAX_KEY = 4096;

    /** The state of one customer's consent to one purpose, as {@code privacy.consents} carries it. */
    public record ConsentState(String subject, String purpose, int version, boolean granted, Instant changedAt) {
        public String key() {
            return key(subject, purpose);
        }

        public static String key(String subject, String purpose) {
            return subject + ":" + purpose;
        }
    }

    private final ObjectMapper mapper;

    public PrivacyMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // ---- writing

    public CloudEvent request(PrivacyRequest request, String source, Instant at) {
        ObjectNode data = mapper.createObjectNode();
        data.put("requestId", request.requestId());
        data.put("subject", request.subject());
        String type = switch (request) {
            case ExportRequested r -> {
                data.put("recipientKey", r.recipientKey());
                yield EXPORT_REQUESTED;
            }
            case ErasurePrepare r -> ERASURE_PREPARE;
            case ErasureCommit r -> {
                data.put("pseudonym", r.pseudonym());
                yield ERASURE_COMMIT;
            }
            case ErasureAbort r -> ERASURE_ABORT;
        };
        return event(source, type, request.requestId(), at, data);
    }

    public CloudEvent reply(PrivacyReply reply, String source, Instant at) {
        ObjectNode data = mapper.createObjectNode();
        data.put("requestId", reply.requestId());
        data.put("service", reply.service());
        String type = switch (reply) {
            case ExportPart p -> {
                data.put("chunk", p.chunk()).put("chunks", p.chunks()).put("sealed", p.sealed());
                yield EXPORT_PART;
            }
            case ErasureReady r -> ERASURE_READY;
            case ErasureBlocked b -> {
                data.put("code", b.code()).put("detail", b.detail());
                yield ERASURE_BLOCKED;
            }
            case ErasureDone d -> {
                var outcomes = data.putArray("outcomes");
                d.outcomes().forEach(o -> outcomes.add(outcome(o)));
                yield ERASURE_DONE;
            }
            case ErasureAborted a -> ERASURE_ABORTED;
        };
        return event(source, type, reply.requestId(), at, data);
    }

    public CloudEvent consent(ConsentState state, String source) {
        ObjectNode data = mapper.createObjectNode()
                .put("subject", state.subject())
                .put("purpose", state.purpose())
                .put("version", state.version())
                .put("status", state.granted() ? "granted" : "withdrawn")
                .put("changedAt", state.changedAt().toString());
        return event(source, CONSENT, state.key(), state.changedAt(), data);
    }

    private ObjectNode outcome(ErasureOutcome o) {
        ObjectNode node = mapper.createObjectNode()
                .put("dataType", o.dataType())
                .put("action", o.action().wire())
                .put("count", o.count());
        if (o.holdUntil() != null) {
            node.put("holdUntil", o.holdUntil().toString());
        }
        if (o.legalBasis() != null) {
            node.put("legalBasis", o.legalBasis());
        }
        return node;
    }

    private static CloudEvent event(String source, String type, String subject, Instant at, JsonNode data) {
        return CloudEvent.of(UUID.randomUUID().toString(), source, type, subject, at, data);
    }

    // ---- reading

    public static boolean isRequest(String type) {
        return EXPORT_REQUESTED.equals(type)
                || ERASURE_PREPARE.equals(type)
                || ERASURE_COMMIT.equals(type)
                || ERASURE_ABORT.equals(type);
    }

    public static PrivacyRequest readRequest(CloudEvent event) {
        JsonNode d = data(event);
        String requestId = text(d, "requestId", REQUEST_ID, 70);
        String subject = subject(d);
        return switch (event.type()) {
            case EXPORT_REQUESTED ->
                new ExportRequested(requestId, subject, text(d, "recipientKey", BASE64URL, MAX_KEY));
            case ERASURE_PREPARE -> new ErasurePrepare(requestId, subject);
            case ERASURE_COMMIT -> new ErasureCommit(requestId, subject, text(d, "pseudonym", PSEUDONYM, 70));
            case ERASURE_ABORT -> new ErasureAbort(requestId, subject);
            default -> throw new MalformedEventException("not a privacy request: " + event.type());
        };
    }

    public static PrivacyReply readReply(CloudEvent event) {
        JsonNode d = data(event);
        String requestId = text(d, "requestId", REQUEST_ID, 70);
        String service = text(d, "service", SERVICE, 64);
        return switch (event.type()) {
            case EXPORT_PART -> exportPart(d, requestId, service);
            case ERASURE_READY -> new ErasureReady(requestId, service);
            case ERASURE_BLOCKED ->
                new ErasureBlocked(requestId, service, text(d, "code", CODE, 64), freeText(d, "detail"));
            case ERASURE_DONE -> new ErasureDone(requestId, service, outcomes(d));
            case ERASURE_ABORTED -> new ErasureAborted(requestId, service);
            default -> throw new MalformedEventException("not a privacy reply: " + event.type());
        };
    }

    public static ConsentState readConsent(CloudEvent event) {
        if (!CONSENT.equals(event.type())) {
            throw new MalformedEventException("not a consent state: " + event.type());
        }
        JsonNode d = data(event);
        String status = text(d, "status", CODE, 16);
        if (!status.equals("granted") && !status.equals("withdrawn")) {
            throw new MalformedEventException("consent status must be granted or withdrawn");
        }
        JsonNode version = d.get("version");
        if (version == null || !version.isInt() || version.intValue() < 1) {
            throw new MalformedEventException("consent version must be a positive integer");
        }
        return new ConsentState(
                subject(d),
                text(d, "purpose", PURPOSE, 64),
                version.intValue(),
                status.equals("granted"),
                instant(d, "changedAt"));
    }

    private static ExportPart exportPart(JsonNode d, String requestId, String service) {
        JsonNode chunk = d.get("chunk");
        JsonNode chunks = d.get("chunks");
        if (chunk == null || chunks == null || !chunk.isInt() || !chunks.isInt()) {
            throw new MalformedEventException("export part needs integer chunk and chunks");
        }
        if (chunks.intValue() < 1
                || chunks.intValue() > ExportSeal.MAX_CHUNKS
                || chunk.intValue() < 0
                || chunk.intValue() >= chunks.intValue()) {
            throw new MalformedEventException("export part chunk out of range");
        }
        return new ExportPart(
                requestId,
                service,
                chunk.intValue(),
                chunks.intValue(),
                text(d, "sealed", BASE64URL, ExportSeal.CHUNK_CHARS));
    }

    private static List<ErasureOutcome> outcomes(JsonNode d) {
        JsonNode list = d.get("outcomes");
        if (list == null || !list.isArray() || list.size() > 64) {
            throw new MalformedEventException("erasure outcomes must be an array of at most 64");
        }
        List<ErasureOutcome> out = new ArrayList<>();
        for (JsonNode o : list) {
            JsonNode count = o.get("count");
            if (count == null || !count.canConvertToLong() || !count.isIntegralNumber()) {
                throw new MalformedEventException("outcome count must be an integer");
            }
            try {
                out.add(new ErasureOutcome(
                        text(o, "dataType", CODE, 64),
                        ErasureOutcome.Action.fromWire(text(o, "action", CODE, 32)),
                        count.longValue(),
                        o.hasNonNull("holdUntil") ? instant(o, "holdUntil") : null,
                        o.hasNonNull("legalBasis") ? freeText(o, "legalBasis") : null));
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("invalid erasure outcome: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static JsonNode data(CloudEvent event) {
        if (event.data() == null || !event.data().isObject()) {
            throw new MalformedEventException(event.type() + " without an object as data");
        }
        return event.data();
    }

    private static String subject(JsonNode d) {
        String subject = freeText(d, "subject");
        if (subject.length() > MAX_SUBJECT || subject.isBlank()) {
            throw new MalformedEventException("subject must be 1-" + MAX_SUBJECT + " characters");
        }
        return subject;
    }

    private static String text(JsonNode d, String field, Pattern pattern, int max) {
        String value = freeText(d, field);
        if (value.length() > max || !pattern.matcher(value).matches()) {
            throw new MalformedEventException("field '" + field + "' is malformed");
        }
        return value;
    }

    private static String freeText(JsonNode d, String field) {
        JsonNode node = d.get(field);
        if (node == null || !node.isTextual()) {
            throw new MalformedEventException("field '" + field + "' must be a string");
        }
        String value = node.textValue();
        if (value.length() > MAX_TEXT && !field.equals("sealed") && !field.equals("recipientKey")) {
            throw new MalformedEventException("field '" + field + "' is too long");
        }
        return value;
    }

    private static Instant instant(JsonNode d, String field) {
        try {
            return Instant.parse(freeText(d, field));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("field '" + field + "' is not an instant", e);
        }
    }
}

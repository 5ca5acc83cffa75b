package io.payguard.platform.messaging;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the envelope every PayGuard event travels in.
 * {@code type} is versioned ({@code io.payguard.audit.record.v1}); {@code data} carries only masked
 * or classified-safe values, never a secret, PAN or CVV.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Extension attributes of other producers are tolerated and dropped.
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(
        @JsonProperty("specversion") String specVersion,
        @JsonProperty("id") String id,
        @JsonProperty("source") String source,
        @JsonProperty("type") String type,
        @JsonProperty("subject") String subject,
        @JsonProperty("time") Instant time,
        @JsonProperty("datacontenttype") String dataContentType,
        @JsonProperty("data") JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        requireText(specVersion, "specversion");
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
        Objects.requireNonNull(time, "time");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("unsupported specversion " + specVersion);
        }
    }

    public static CloudEvent of(String id, String source, String type, String subject, Instant time, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, id, source, type, subject, time, "application/json", data);
    }

    private static void requireText(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing CloudEvents attribute '" + attribute + "'");
        }
    }
}

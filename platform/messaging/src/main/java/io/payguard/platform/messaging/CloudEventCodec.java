package io.payguard.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and writes the structured-mode JSON form of {@link CloudEvent}. */
@ApplicationScoped
public class CloudEventCodec {

    private final ObjectMapper mapper;

    public CloudEventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id(), e);
        }
    }

    /** @throws MalformedEventException when the payload is not a valid CloudEvent (a poison message) */
    public CloudEvent read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty message");
        }
        try {
            return mapper.readValue(json, CloudEvent.class);
        } catch (MalformedEventException e) {
            throw e;
        } catch (Exception e) {
            // Jackson wraps what the record's constructor rejected: report that reason, it names no data.
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof MalformedEventException m) {
                    throw m;
                }
            }
            // The message is not echoed back: it may hold data we must not log.
            throw new MalformedEventException(
                    "not a CloudEvents 1.0 JSON document: " + e.getClass().getSimpleName());
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}

package io.payguard.audit.adapter.out.archive;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.payguard.audit.application.port.ArchiveCodec;
import io.payguard.audit.domain.chain.ChainedRecord;

/**
 * Archive lines as JSON (Jackson): record components by name in declaration order, instants as ISO-8601 text,
 * byte arrays as base64, absent values left out, unknown fields ignored when reading; a canonical-form-2 record carries
 * its {@code sealed} personal fields (ciphertext and blind indexes, never plaintext). This is the format of the
 * archives already written: change nothing here that changes a byte.
 */
public final class JsonArchiveCodec implements ArchiveCodec {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface NonNull {}

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(Header.class, NonNull.class)
            .addMixIn(Line.class, NonNull.class)
            // a form-1 record line stays byte for byte what it was (no "sealed":null)
            .addMixIn(ChainedRecord.class, NonNull.class);

    @Override
    public String encode(Line line) throws IOException {
        return json.writeValueAsString(line);
    }

    @Override
    public Line decode(String text) throws IOException {
        return json.readValue(text, Line.class);
    }
}

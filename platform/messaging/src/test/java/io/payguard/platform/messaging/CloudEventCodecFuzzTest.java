package io.payguard.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CloudEvent envelopes as they come off Kafka, before any consumer sees them: {@link CloudEventCodec#read} returns an
 * event or throws {@link MalformedEventException} (the consumer dead-letters it as {@code unparseable}); nothing else.
 * An event that was read writes and reads back to itself.
 */
class CloudEventCodecFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({
        "\"specversion\"",
        "\"1.0\"",
        "\"id\"",
        "\"source\"",
        "\"type\"",
        "\"subject\"",
        "\"time\"",
        "\"datacontenttype\"",
        "\"data\"",
        "\"2026-01-01T00:00:00Z\"",
        "\"application/json\"",
        "null",
        "[]",
        "{}"
    })
    void anEnvelopeIsReadOrRefusedAsPoison(String json) {
        var codec = new CloudEventCodec(new ObjectMapper().findAndRegisterModules());
        CloudEvent event;
        try {
            event = codec.read(json);
        } catch (MalformedEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(codec.read(codec.write(event))).isEqualTo(event);
    }
}

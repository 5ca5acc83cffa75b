package io.payguard.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class CloudEventCodecTest {

    private final CloudEventCodec codec = new CloudEventCodec(new ObjectMapper().findAndRegisterModules());

    @Test
    void roundTripsTheStructuredJsonForm() {
        var data = codec.mapper().createObjectNode().put("amount", 1250).put("currency", "CNY");
        var event = CloudEvent.of(
                "3f1c1a52-5b8e-4a8e-9d0c-0c8f3f1e2a11",
                "/payguard/wallet-service",
                "io.payguard.test.v1",
                "wallet/42",
                Instant.parse("2026-11-26T10:00:00Z"),
                data);

        String json = codec.write(event);

        assertThat(json).contains("\"specversion\":\"1.0\"").contains("\"datacontenttype\":\"application/json\"");
        assertThat(codec.read(json)).isEqualTo(event);
    }

    @Test
    void poisonMessagesAreReportedAsMalformedWithoutEchoingTheirContent() {
        assertThatThrownBy(() -> codec.read("{not json 6222020000001234"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageNotContaining("6222020000001234");
        assertThatThrownBy(() -> codec.read("")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.read(
                        "{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"t\",\"time\":\"2026-11-26T10:00:00Z\"}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("'id'");
        assertThatThrownBy(
                        () -> codec.read(
                                "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\",\"time\":\"2026-11-26T10:00:00Z\"}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("specversion");
    }
}

package io.payguard.audit.adapter.out.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.audit.application.port.ChainStore;
import io.payguard.audit.domain.alert.SecurityAlert;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.testing.contracts.EventContracts;

/**
 * The producer side of {@code security.alerts}: every alert audit-service raises is written to the outbox as the
 * event contracts/events describes ({@code io.payguard.security.alert.raised.v1}), field for field.
 */
class SecurityAlertContractTest {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    final CloudEventCodec codec = new CloudEventCodec(mapper);
    final SecurityAlertOutbox outbox = new SecurityAlertOutbox(codec, mapper, Clock.fixed(AT, ZoneOffset.UTC));

    static List<SecurityAlert> alerts() {
        return List.of(
                new SecurityAlert(
                        "failed-authentications-burst", "clientId", "payguard-web", 25, Duration.ofMinutes(1), AT),
                new SecurityAlert("failed-authentications-burst", "ip", "198.51.100.23", 21, Duration.ofMinutes(1), AT),
                new SecurityAlert("chain-verification-failed", "chain", "seq-42", 3, Duration.ZERO, AT));
    }

    @ParameterizedTest
    @MethodSource("alerts")
    void everyAlertIsWrittenAsTheContractsEvent(SecurityAlert alert) throws Exception {
        var written = new ArrayList<ChainStore.OutboxEvent>();
        outbox.raised(session(written), alert);

        assertThat(written).singleElement().satisfies(row -> {
            assertThat(row.topic()).isEqualTo(EventContracts.topicOf(SecurityAlertOutbox.TYPE));
            assertThat(row.type()).isEqualTo(SecurityAlertOutbox.TYPE);
            var event = codec.read(row.payload());
            assertThat(event.type()).isEqualTo(SecurityAlertOutbox.TYPE);
            assertThat(event.id()).isEqualTo(row.id().toString());
            EventContracts.assertConforms(event);
            assertThat(event.data().get("rule").asText()).isEqualTo(alert.rule());
            assertThat(event.data().get("key").asText()).isEqualTo(alert.key());
        });
    }

    /** A session that keeps what is appended to the outbox and supports nothing else. */
    private static ChainStore.Session session(List<ChainStore.OutboxEvent> written) {
        return (ChainStore.Session) Proxy.newProxyInstance(
                ChainStore.Session.class.getClassLoader(), new Class<?>[] {ChainStore.Session.class}, (p, m, args) -> {
                    if (m.getName().equals("appendToOutbox")) {
                        written.add((ChainStore.OutboxEvent) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}

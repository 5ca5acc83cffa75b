package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.platform.messaging.TopicSetup;

/**
 * Events carry the minimum (issue 18 item 4): every record of every event topic of the running suite
 * ({@link TopicSetup}, the privacy topics included; dead-letter topics left out), read from the beginning, is checked by
 * {@link EventPrivacyScanner} against its type's schema (looked up by the CloudEvent {@code type}): a {@code C2}-marked
 * value not masked as its kind, or an e-mail address, mobile number, PAN, ID number, IP address or credential in clear
 * anywhere outside a field the schema declares in clear, fails the run, naming topic, type and JSON pointer. Runs after
 * the other end-to-end tests (like {@link EventContractsIT}), so it reads what they made the services publish,
 * {@link PrivacyIT}'s consents, exports and erasure included.
 */
@Order(Order.DEFAULT + 2)
class EventPrivacyIT {

    /** E-mail domains whose addresses are not personal data: none (a demo user's address counts like a real one). */
    private static final List<String> BUSINESS_DOMAINS = List.of();

    @Test
    void noEventCarriesPersonalDataInClear() throws Exception {
        Set<String> topics = TopicSetup.topics().stream()
                .map(TopicSetup.TopicSpec::name)
                .filter(t -> !t.endsWith(".dlq"))
                .collect(Collectors.toSet());
        var scanner = new EventPrivacyScanner(BUSINESS_DOMAINS);
        Map<String, Long> checked = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        var read = TopicReader.read("privacy", topics::contains, r -> {
            if (r.value() == null) {
                return; // a tombstone on a compacted topic
            }
            JsonNode event;
            try {
                event = Http.JSON.readTree(r.value());
            } catch (java.io.IOException e) {
                findings.add(r.topic() + "-" + r.partition() + "@" + r.offset() + ": not JSON");
                return;
            }
            checked.merge(r.topic() + " " + event.path("type").asText(), 1L, Long::sum);
            scanner.scan(r.topic(), event)
                    .forEach(f -> findings.add(f + " (" + r.topic() + "-" + r.partition() + "@" + r.offset() + ")"));
        });
        System.out.printf("[e2e] event privacy: topics %s; checked %s%n", read, checked);
        findings.stream().limit(40).forEach(f -> System.out.println("[e2e] event privacy: " + f));
        assertThat(read).as("the suite's event topics exist").contains("payment.events", "audit.records");
        assertThat(checked).as("records were read").isNotEmpty();
        assertThat(findings)
                .as("personal data in clear in events (schema marks: contracts/events/README.md, \"Personal data\")")
                .isEmpty();
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.testing.contracts.EventContracts;

/**
 * Every message the running suite wrote to a topic whose language is written down in {@code contracts/events/} conforms
 * to its type's schema, and carries a type the contract knows. Runs after the other end-to-end tests (like
 * {@link LeakScanIT}), so it reads what they made the services publish: wallet and card payments, refunds, top-ups,
 * payouts, reviews, merchant onboarding and API keys; when run alone it still checks what the stack published at start.
 */
@Order(Order.DEFAULT + 2)
class EventContractsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPublishedMessageConformsToItsContract() throws Exception {
        Set<String> contracted = EventContracts.topics();
        Map<String, Long> checked = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        long start = System.nanoTime();
        var topics = TopicReader.read("contracts", contracted::contains, r -> {
            if (r.value() == null) {
                return; // a tombstone on a compacted topic
            }
            JsonNode event;
            try {
                event = JSON.readTree(r.value());
            } catch (java.io.IOException e) {
                violations.add(r.topic() + "-" + r.partition() + "@" + r.offset() + ": not JSON");
                return;
            }
            String type = event.path("type").asText();
            String where = r.topic() + "-" + r.partition() + "@" + r.offset() + " " + type;
            if (!EventContracts.typesOn(r.topic()).contains(type)) {
                violations.add(where + ": a type the contract of " + r.topic() + " does not list");
                return;
            }
            checked.merge(type, 1L, Long::sum);
            EventContracts.violations(type, event.path("data")).forEach(v -> violations.add(where + ": " + v));
        });
        var unseen = new TreeSet<>(EventContracts.types());
        unseen.removeAll(checked.keySet());
        System.out.printf(
                "[e2e] event contracts: topics %s read in %.1f s; checked %s; no message of %s%n",
                topics, (System.nanoTime() - start) / 1e9, checked, unseen);
        violations.stream().limit(40).forEach(v -> System.out.println("[e2e] event contracts: " + v));
        assertThat(checked)
                .as("the suite published merchant states at start (auth.merchants)")
                .containsKey("io.payguard.auth.merchant.state.v1");
        assertThat(violations).as("messages that break their contract").isEmpty();
    }
}

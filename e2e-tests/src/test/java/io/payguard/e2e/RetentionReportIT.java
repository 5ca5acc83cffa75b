package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 18, item 5, against the running suite: every service publishes its retention schedule (per record type: data
 * class, how long, the legal reason, what enforces it) and its purge jobs at {@code GET /v1/retention}, to compliance
 * officers only; the schedule names the record types the erasure outcome speaks of.
 */
class RetentionReportIT {

    private final Http http = new Http();

    private static final Map<String, List<String>> EXPECTED = Map.of(
            "auth",
                    List.of(
                            "customer_profiles",
                            "consent_evidence",
                            "data_exports",
                            "webhook_events",
                            "processed_events"),
            "payment", List.of("payment_records", "card_tokens", "authenticators", "sca_codes", "idempotency_keys"),
            "wallet", List.of("ledger_postings", "wallets", "idempotency_keys", "command_answers"),
            "audit", List.of("audit_records", "processed_events"));

    @Test
    void everyServiceShowsItsScheduleAndJobsToComplianceOnly() {
        var cora = Keycloak.customerSession("cora");
        var alice = Keycloak.customerSession("alice");
        for (var service : EXPECTED.entrySet()) {
            String url = Stack.serviceUrl(service.getKey()) + "/v1/retention";
            var report = http.send("GET", url, cora.headers("GET", url), null);
            assertThat(report.status()).as("%s: %s", url, report.body()).isEqualTo(200);
            List<String> types = new ArrayList<>();
            for (JsonNode entry : report.json().path("schedule")) {
                types.add(entry.path("recordType").asText());
                assertThat(entry.path("dataClass").asText())
                        .as(entry.toString())
                        .isIn("C1", "C2", "C3");
                assertThat(entry.path("keep").asText()).as(entry.toString()).matches("until-erasure|P.+");
                assertThat(entry.path("legalReason").asText())
                        .as(entry.toString())
                        .isNotBlank();
                assertThat(entry.path("enforcedBy").asText())
                        .as(entry.toString())
                        .isNotBlank();
            }
            assertThat(types).as(url).containsAll(service.getValue());
            assertThat(report.json().path("jobs").size()).as("%s jobs", url).isPositive();

            var refused = http.send("GET", url, alice.headers("GET", url), null);
            assertThat(refused.status()).as("a customer: %s", refused.body()).isEqualTo(403);
        }
    }
}

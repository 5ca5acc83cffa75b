package io.payguard.platform.protection.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** The shared pieces of the services' participants that need no database: export JSON and the retention hold. */
class SectionedParticipantTest {

    private static final class Rows implements SectionedParticipant {

        @Override
        public String service() {
            return "test-service";
        }

        @Override
        public Uni<Map<String, List<Map<String, Object>>>> exportSections(String subject) {
            var row = new LinkedHashMap<String, Object>();
            row.put("id", "pi_1");
            row.put("amount", 1250L);
            row.put("closing", false);
            row.put("lastUsedAt", null);
            var sections = new LinkedHashMap<String, List<Map<String, Object>>>();
            sections.put("payments", List.of(row));
            sections.put("cards", List.of());
            return Uni.createFrom().item(sections);
        }

        @Override
        public Uni<ErasureCheck> prepareErasure(String requestId, String subject) {
            return Uni.createFrom().item(ErasureCheck.ready());
        }

        @Override
        public Uni<List<ErasureOutcome>> commitErasure(String requestId, String subject, String pseudonym) {
            return Uni.createFrom().item(List.of());
        }

        @Override
        public Uni<Void> abortErasure(String requestId, String subject) {
            return Uni.createFrom().voidItem();
        }
    }

    @Test
    void exportIsTheSectionsAsJsonInTheirOrderWithNulls() {
        var json = new Rows().export("subject").await().indefinitely();

        assertThat(json.toString())
                .isEqualTo("{\"payments\":[{\"id\":\"pi_1\",\"amount\":1250,\"closing\":false,\"lastUsedAt\":null}],"
                        + "\"cards\":[]}");
    }

    @Test
    void heldRecordsAreKeptForTheCalendarPeriodFromTheCommitInUtc() {
        var hold = new TransactionRecordsHold(Period.ofYears(5), "AML art. 35");

        var outcome = hold.held("payment_intents", 3, Instant.parse("2024-02-29T23:30:00.123456Z"));

        assertThat(outcome)
                .isEqualTo(ErasureOutcome.held(
                        "payment_intents", 3, Instant.parse("2029-02-28T23:30:00.123456Z"), "AML art. 35"));
        assertThat(outcome.action().wire()).isEqualTo("pseudonymised_held");
    }
}

package io.payguard.platform.testing.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The contracts are consistent: every type has an example that conforms, is documented, and the validator bites. */
class EventContractsTest {

    @Test
    void everyTopicBetweenServicesIsCovered() {
        assertThat(EventContracts.typesOn("wallet.commands")).hasSize(9).contains("io.payguard.wallet.hold.place.v1");
        assertThat(EventContracts.typesOn("wallet.events"))
                .hasSize(12)
                .contains("io.payguard.wallet.command.rejected.v1");
        assertThat(EventContracts.typesOn("payment.events"))
                .hasSize(26)
                .contains(
                        "io.payguard.payment.risk_decision.v1",
                        "io.payguard.payment.payment_code.charged.v1",
                        "io.payguard.payment.qr_code.paid.v1");
        assertThat(EventContracts.typesOn("audit.records")).hasSize(2).contains("io.payguard.audit.pii-access.v1");
        assertThat(EventContracts.typesOn("security.events"))
                .hasSize(16)
                .contains("io.payguard.security.authentication.failed.v1");
        assertThat(EventContracts.typesOn("security.alerts")).hasSize(1);
        assertThat(EventContracts.typesOn("privacy.requests")).hasSize(4);
        assertThat(EventContracts.typesOn("privacy.replies")).hasSize(5);
        assertThat(EventContracts.typesOn("privacy.consents")).containsExactly("io.payguard.privacy.consent.v1");
        assertThat(EventContracts.types())
                .hasSize(79)
                .contains(
                        "io.payguard.ledger.entry.posted.v1",
                        "io.payguard.auth.merchant.state.v1",
                        "io.payguard.auth.apikey.state.v1");
    }

    @Test
    void everyExampleConformsToItsSchema() {
        for (String type : EventContracts.types()) {
            assertThat(EventContracts.violations(type, EventContracts.example(type)))
                    .as(type)
                    .isEmpty();
        }
    }

    @Test
    void everyTypeIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("../../contracts/events/README.md"));
        for (String type : EventContracts.types()) {
            assertThat(readme).as("contracts/events/README.md names " + type).contains("`" + type + "`");
        }
    }

    @Test
    void theValidatorRefusesWhatTheContractForbids() {
        String type = "io.payguard.wallet.hold.place.v1";
        var fractional = (ObjectNode) EventContracts.example(type).deepCopy();
        ((ObjectNode) fractional.get("amount")).put("minor", 10.5);
        assertThat(EventContracts.violations(type, fractional)).anyMatch(v -> v.contains("minor"));

        var missing = (ObjectNode) EventContracts.example(type).deepCopy();
        missing.remove("customerId");
        assertThat(EventContracts.violations(type, missing)).anyMatch(v -> v.contains("customerId"));

        var extra = (ObjectNode) EventContracts.example(type).deepCopy();
        extra.put("pan", "4111111111111111");
        assertThat(EventContracts.violations(type, extra)).anyMatch(v -> v.contains("pan"));

        var badTime = (ObjectNode) EventContracts.example(type).deepCopy();
        badTime.put("expiresAt", "tomorrow");
        assertThat(EventContracts.violations(type, badTime)).anyMatch(v -> v.contains("expiresAt"));

        assertThat(EventContracts.violations("io.payguard.no.such.v1", missing))
                .singleElement()
                .asString()
                .contains("no schema");
        assertThatThrownBy(() -> EventContracts.assertConforms(type, missing))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("customerId");
    }
}

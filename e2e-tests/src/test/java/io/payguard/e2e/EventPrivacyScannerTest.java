package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.payguard.platform.protection.classification.DataClass;
import io.payguard.platform.protection.classification.DataKind;
import io.payguard.platform.testing.contracts.PrivacyMarks.MarkedValue;

/** The event privacy scan finds planted personal data (so EventPrivacyIT can fail) and passes what is allowed. */
class EventPrivacyScannerTest {

    private final EventPrivacyScanner scanner = new EventPrivacyScanner(List.of("merchant.example"));

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = EventPrivacyScannerTest.class.getResourceAsStream("/privacy/" + name)) {
            return Http.JSON.readTree(in);
        }
    }

    @Test
    void aPlantedUnmaskedEmailAddressFailsNamingTopicTypeAndPointer() throws IOException {
        var findings = scanner.scan("payment.events", fixture("planted-email.json"));
        assertThat(findings)
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "payment.events io.payguard.payment.review_closed.v1 /data/reason: email l…@example.com",
                        "payment.events io.payguard.payment.review_closed.v1 /data/reason: phone 138…5678");
        assertThat(findings.toString()).doesNotContain("li.wei").doesNotContain("13812345678");
    }

    @Test
    void theAuditTrailsDeclaredClearFieldsPassAndNothingElseIsFound() throws IOException {
        assertThat(scanner.scan("audit.records", fixture("clean-audit-record.json")))
                .isEmpty();
    }

    @Test
    void aPanOrAnAddressOutsideTheDeclaredFieldsFails() throws IOException {
        assertThat(scanner.scan("audit.records", fixture("planted-ip-and-pan.json")))
                .extracting(EventPrivacyScanner.Finding::pointer, EventPrivacyScanner.Finding::what)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/data/objectId", "pan 411111…1111"),
                        org.assertj.core.groups.Tuple.tuple("/data/path", "ip 198.51.100.*"),
                        org.assertj.core.groups.Tuple.tuple("/data/path", "ip 2001:d…"));
    }

    @Test
    void aC2ValueMustBeMaskedAsItsKindOrATokenOrPseudonym() {
        assertThat(scanner.masked(c2(DataKind.EMAIL, null, "l*****@example.com")))
                .isTrue();
        assertThat(scanner.masked(c2(DataKind.EMAIL, null, "li.wei@example.com")))
                .isFalse();
        assertThat(scanner.masked(c2(DataKind.PHONE, null, "138****5678"))).isTrue();
        assertThat(scanner.masked(c2(DataKind.PHONE, null, "13812345678"))).isFalse();
        assertThat(scanner.masked(c2(DataKind.PAN, null, "411111******1111"))).isTrue();
        assertThat(scanner.masked(c2(DataKind.PAN, null, "4111111111111111"))).isFalse();
        assertThat(scanner.masked(c2(DataKind.NAME, null, "L* W**"))).isTrue();
        assertThat(scanner.masked(c2(DataKind.NAME, null, "Li Wei"))).isFalse();
        assertThat(scanner.masked(c2(DataKind.IP_ADDRESS, null, "203.0.113.7"))).isFalse();
        assertThat(scanner.masked(c2(DataKind.PAN, "token", "tok_9f8e7d6c5b4a")))
                .isTrue();
        assertThat(scanner.masked(c2(DataKind.PAN, "token", "4111111111111111")))
                .isFalse();
        assertThat(scanner.masked(c2(DataKind.NAME, "pseudonym", "psn_0a1b2c3d4e5f")))
                .isTrue();
    }

    @Test
    void idsHashesAndTimesAreNotPersonalData() {
        assertThat(scanner.inClear("w-11111111-2222-3333-4444-555555555555 2026-12-07T10:00:00Z pi_7Hq2Xk 1.2.3"))
                .isEmpty();
        assertThat(scanner.inClear("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 12:41:50"))
                .isEmpty();
        assertThat(scanner.inClear("billing@merchant.example")).isEmpty();
    }

    @Test
    void everyContractExampleCarriesNoPersonalDataInClear() {
        for (String type : io.payguard.platform.testing.contracts.EventContracts.types()) {
            var event = Http.JSON
                    .createObjectNode()
                    .put("specversion", "1.0")
                    .put("id", "0b6f2c1e-8a55-4c1f-9d0e-7f7f3c1a2b0f")
                    .put("source", "/payguard/e2e")
                    .put("type", type)
                    .put("time", "2026-12-07T10:00:00Z");
            event.set("data", io.payguard.platform.testing.contracts.EventContracts.example(type));
            String topic = io.payguard.platform.testing.contracts.EventContracts.topicOf(type);
            assertThat(scanner.scan(topic, event)).as(type).isEmpty();
        }
    }

    private static MarkedValue c2(DataKind kind, String format, String value) {
        return new MarkedValue("/x", DataClass.C2, kind, format, null, TextNode.valueOf(value));
    }
}

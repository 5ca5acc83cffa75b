package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.privacy.RecordsOfProcessing;

/**
 * docs/records-of-processing.md is what the code says (issue 18 item 6): generated from the four services' compiled
 * classes (built before this module) and their privacy/processing.properties. Runs without the stack (surefire).
 * {@code -Dpayguard.records.write=true} rewrites the document.
 */
class RecordsOfProcessingTest {

    private static final Path REPO = Path.of("..");
    private static final List<String> SERVICES =
            List.of("auth-service", "payment-service", "wallet-service", "audit-service");

    @Test
    void theRecordsOfProcessingMatchTheCode() throws IOException {
        String generated = RecordsOfProcessing.document(REPO, SERVICES);
        Path doc = REPO.resolve("docs/records-of-processing.md");
        if (Boolean.getBoolean("payguard.records.write")) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, generated);
        }
        assertThat(generated)
                .as("the auth-service profile's name, phone and e-mail are classified")
                .contains("`CustomerProfileEntity.emailEnc` | C2 | EMAIL");
        assertThat(Files.exists(doc) ? Files.readString(doc) : "")
                .as(
                        "docs/records-of-processing.md differs from the code; regenerate it: ./mvnw -o -B test -pl e2e-tests"
                                + " -am -Dtest=RecordsOfProcessingTest -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.skip"
                                + " -Dpayguard.records.write=true")
                .isEqualTo(generated);
    }
}

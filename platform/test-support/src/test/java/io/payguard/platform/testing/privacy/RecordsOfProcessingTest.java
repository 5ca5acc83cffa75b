package io.payguard.platform.testing.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.privacy.fixture.PayerView;

/** The generator finds classified record components in class files and refuses a kind without its processing entry. */
class RecordsOfProcessingTest {

    private static Path fixtures() throws URISyntaxException {
        return Path.of(PayerView.class.getResource("PayerView.class").toURI()).getParent();
    }

    @Test
    void oneRowPerClassifiedFieldWithItsProcessing() throws URISyntaxException {
        assertThat(RecordsOfProcessing.rows(fixtures()))
                .containsExactly(
                        new RecordsOfProcessing.Row("PayerView.email", "C2", "EMAIL"),
                        new RecordsOfProcessing.Row("PayerView.phone", "C2", "PHONE"));
        var processing = new Properties();
        for (String kind : new String[] {"EMAIL", "PHONE"}) {
            processing.setProperty(kind + ".purpose", "contact");
            processing.setProperty(kind + ".legal-basis", "contract");
            processing.setProperty(kind + ".retention", "P1Y");
            processing.setProperty(kind + ".readers", "the customer");
        }
        assertThat(RecordsOfProcessing.section("demo-service", fixtures(), processing))
                .contains("## demo-service")
                .contains("| `PayerView.email` | C2 | EMAIL | contact | contract | P1Y | the customer |")
                .doesNotContain("PayerView.id");
    }

    @Test
    void aKindWithoutItsProcessingEntryFailsNamingIt() {
        var processing = new Properties();
        processing.setProperty("EMAIL.purpose", "contact");
        assertThatThrownBy(() -> RecordsOfProcessing.section("demo-service", fixtures(), processing))
                .hasMessageContaining("EMAIL.legal-basis")
                .hasMessageContaining("PHONE.purpose");
    }
}

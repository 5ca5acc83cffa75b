package io.payguard.platform.protection.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassificationCheckTest {

    @Test
    void aFullyClassifiedPackagePasses() {
        ClassificationCheck.assertAllPersonalFieldsClassified(
                "io.payguard.platform.protection.classification.fixtures.good");
    }

    @Test
    void unclassifiedPersonalFieldsAreReportedByNameAndByType() {
        var findings =
                ClassificationCheck.findUnclassified("io.payguard.platform.protection.classification.fixtures.bad");

        assertThat(findings)
                .extracting(ClassificationCheck.Finding::field)
                .containsExactlyInAnyOrder("holderName", "cvv", "contact");
        assertThat(findings)
                .filteredOn(f -> f.field().equals("contact"))
                .singleElement()
                .extracting(ClassificationCheck.Finding::reason)
                .asString()
                .contains("PhoneNumber");
        assertThatThrownBy(() -> ClassificationCheck.assertAllPersonalFieldsClassified(
                        "io.payguard.platform.protection.classification.fixtures.bad"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CardEntity.holderName");
    }

    @Test
    void technicalNamesAreNotPersonalButPersonalCompoundsAre() {
        assertThat(ClassificationCheck.looksPersonal("fileName")).isFalse();
        assertThat(ClassificationCheck.looksPersonal("topic_name")).isFalse();
        assertThat(ClassificationCheck.looksPersonal("shippingMethod")).isFalse();
        assertThat(ClassificationCheck.looksPersonal("company")).isFalse();
        assertThat(ClassificationCheck.looksPersonal("customerName")).isTrue();
        assertThat(ClassificationCheck.looksPersonal("idNo")).isTrue();
        assertThat(ClassificationCheck.looksPersonal("ID_NUMBER")).isTrue();
        assertThat(ClassificationCheck.looksPersonal("cardNumber")).isTrue();
        assertThat(ClassificationCheck.looksPersonal("phoneBlindIndex")).isTrue();
    }
}

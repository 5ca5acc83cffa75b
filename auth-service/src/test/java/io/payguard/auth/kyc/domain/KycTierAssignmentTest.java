package io.payguard.auth.kyc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.payguard.auth.kyc.domain.KycTierAssignment.InvalidField;
import io.payguard.auth.kyc.domain.KycTierAssignment.Outcome;

class KycTierAssignmentTest {

    @Test
    void tiersMapToTheWalletClassesAndAnAbsentAttributeIsTier1() {
        assertThat(KycTier.fromAttribute(null)).isEqualTo(KycTier.TIER_1);
        assertThat(KycTier.fromAttribute(" 3 ")).isEqualTo(KycTier.TIER_3);
        assertThat(KycTier.TIER_2.walletClass()).isEqualTo("class_ii");
        assertThat(KycTier.TIER_3.attributeValue()).isEqualTo("3");
        assertThatThrownBy(() -> KycTier.fromAttribute("4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KycTier.fromAttribute("gold")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidInputNamesTheField() {
        assertThat(field(() -> KycTierAssignment.of(null, "e", null))).isEqualTo("tier");
        assertThat(field(() -> KycTierAssignment.of(0, "e", null))).isEqualTo("tier");
        assertThat(field(() -> KycTierAssignment.of(4, "e", null))).isEqualTo("tier");
        assertThat(field(() -> KycTierAssignment.of(2, null, null))).isEqualTo("evidenceRef");
        assertThat(field(() -> KycTierAssignment.of(2, " ", null))).isEqualTo("evidenceRef");
        assertThat(field(() -> KycTierAssignment.of(2, "e".repeat(129), null))).isEqualTo("evidenceRef");
        assertThat(field(() -> KycTierAssignment.of(2, "e", "r".repeat(501)))).isEqualTo("reason");
        var longest = KycTierAssignment.of(2, "e".repeat(128), "r".repeat(500));
        assertThat(longest.evidenceRef()).hasSize(128);
        assertThat(KycTierAssignment.of(2, " kyc-1 ", "  ").reason()).isNull();
        assertThat(KycTierAssignment.of(2, " kyc-1 ", null).evidenceRef()).isEqualTo("kyc-1");
    }

    @Test
    void theSameTierIsUnchangedAndAnyOtherAChange() {
        var toThree = KycTierAssignment.of(3, "kyc-1", null);
        assertThat(toThree.applyTo(KycTier.TIER_3)).isEqualTo(new Outcome.Unchanged(KycTier.TIER_3));
        var upgrade = toThree.applyTo(KycTier.TIER_1);
        assertThat(upgrade).isEqualTo(new Outcome.Changed(KycTier.TIER_1, KycTier.TIER_3));
        assertThat(((Outcome.Changed) upgrade).upgrade()).isTrue();
        var downgrade = KycTierAssignment.of(1, "kyc-2", "document expired").applyTo(KycTier.TIER_2);
        assertThat(((Outcome.Changed) downgrade).upgrade()).isFalse();
        assertThat(downgrade.previous()).isEqualTo(KycTier.TIER_2);
    }

    private static String field(Runnable r) {
        try {
            r.run();
        } catch (InvalidField e) {
            return e.field();
        }
        throw new AssertionError("accepted");
    }
}

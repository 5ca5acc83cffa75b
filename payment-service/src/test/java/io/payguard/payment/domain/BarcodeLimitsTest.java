package io.payguard.payment.domain;

import static io.payguard.payment.domain.risk.AuthenticationLevel.A;
import static io.payguard.payment.domain.risk.AuthenticationLevel.B;
import static io.payguard.payment.domain.risk.AuthenticationLevel.C;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.risk.AuthenticationLevel;
import io.payguard.payment.domain.risk.RiskContext;
import io.payguard.payment.domain.risk.RiskDecision;
import io.payguard.payment.domain.risk.RiskDecision.Outcome;
import io.payguard.payment.domain.risk.RiskPolicy;

/**
 * The PBoC barcode-payment limits as configured by default (minor units of CNY, per customer and UTC day): static
 * 50,000; dynamic level C 100,000, level B 500,000, level A 2,000,000. At each limit the payment passes, one minor unit
 * above it the rule fires.
 */
class BarcodeLimitsTest {

    static final List<RiskPolicy> LIMITS = List.of(
            new RiskPolicy.BarcodeStaticDailyLimit("barcode_static_daily_limit", "CNY", 50_000),
            new RiskPolicy.BarcodeDynamicLevelC("barcode_dynamic_level_c", "CNY", 100_000, 500_000, 2_000_000),
            new RiskPolicy.BarcodeDynamicLevelB("barcode_dynamic_level_b", "CNY", 500_000, 2_000_000),
            new RiskPolicy.BarcodeDynamicLevelA("barcode_dynamic_level_a", "CNY", 2_000_000));

    static RiskDecision decide(
            PaymentChannel channel, long staticToday, long dynamicToday, long amount, AuthenticationLevel level) {
        return decide(channel, staticToday, dynamicToday, Money.of(amount, "CNY"), level);
    }

    static RiskDecision decide(
            PaymentChannel channel, long staticToday, long dynamicToday, Money amount, AuthenticationLevel level) {
        var ctx = new RiskContext(
                "m",
                "c",
                amount,
                null,
                null,
                null,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                0,
                channel,
                staticToday,
                dynamicToday,
                level);
        return RiskPolicy.evaluateAll(LIMITS, ctx);
    }

    static void allowed(RiskDecision d) {
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(d.findings()).isEmpty();
    }

    static void decided(RiskDecision d, Outcome outcome, String... rules) {
        assertThat(d.outcome()).isEqualTo(outcome);
        assertThat(d.ruleIds()).containsExactly(rules);
    }

    @Test
    void staticCodesPassAtFiveHundredYuanADayAndAreDeclinedAboveWhateverTheLevel() {
        allowed(decide(PaymentChannel.QR_STATIC, 0, 0, 50_000, C));
        allowed(decide(PaymentChannel.QR_STATIC, 49_000, 0, 1_000, C));
        decided(decide(PaymentChannel.QR_STATIC, 49_000, 0, 1_001, C), Outcome.DECLINE, "barcode_static_daily_limit");
        decided(decide(PaymentChannel.QR_STATIC, 0, 0, 50_001, A), Outcome.DECLINE, "barcode_static_daily_limit");
        // dynamic payments of the day do not count against the static limit, nor the other way round
        allowed(decide(PaymentChannel.QR_STATIC, 0, 1_900_000, 50_000, C));
        allowed(decide(PaymentChannel.QR_DYNAMIC, 50_000, 0, 100_000, C));
    }

    @Test
    void aPaymentCodeAtLevelCIsDeclinedAboveTheLevelCLimit() {
        allowed(decide(PaymentChannel.PAYMENT_CODE, 0, 0, 100_000, C));
        decided(decide(PaymentChannel.PAYMENT_CODE, 0, 0, 100_001, C), Outcome.DECLINE, "barcode_dynamic_level_c");
        allowed(decide(PaymentChannel.PAYMENT_CODE, 0, 99_000, 1_000, C));
        decided(decide(PaymentChannel.PAYMENT_CODE, 0, 99_000, 1_001, C), Outcome.DECLINE, "barcode_dynamic_level_c");
        decided(decide(PaymentChannel.PAYMENT_CODE, 0, 0, 500_001, C), Outcome.DECLINE, "barcode_dynamic_level_c");
        // above level A only the level-A rule speaks
        decided(decide(PaymentChannel.PAYMENT_CODE, 0, 0, 2_000_001, C), Outcome.DECLINE, "barcode_dynamic_level_a");
    }

    @Test
    void aPaymentCodeAtLevelBIsDeclinedAboveTheLevelBLimitAndAtLevelAAboveTheAgreedOne() {
        allowed(decide(PaymentChannel.PAYMENT_CODE, 0, 0, 500_000, B));
        decided(decide(PaymentChannel.PAYMENT_CODE, 0, 0, 500_001, B), Outcome.DECLINE, "barcode_dynamic_level_b");
        allowed(decide(PaymentChannel.PAYMENT_CODE, 0, 0, 2_000_000, A));
        decided(decide(PaymentChannel.PAYMENT_CODE, 0, 0, 2_000_001, A), Outcome.DECLINE, "barcode_dynamic_level_a");
    }

    @Test
    void aPresentCustomerAtLevelCAuthenticatesAboveLevelCAndConfirmsWithTheDeviceAboveLevelB() {
        allowed(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 100_000, C));
        decided(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 100_001, C), Outcome.REQUIRE_SCA, "barcode_dynamic_level_c");
        decided(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 500_000, C), Outcome.REQUIRE_SCA, "barcode_dynamic_level_c");
        decided(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 500_001, C), Outcome.REQUIRE_SCA, "barcode_dynamic_level_b");
        decided(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 2_000_000, C), Outcome.REQUIRE_SCA, "barcode_dynamic_level_b");
        decided(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 2_000_001, C), Outcome.DECLINE, "barcode_dynamic_level_a");
        decided(
                decide(PaymentChannel.QR_DYNAMIC, 0, 400_000, 100_001, C),
                Outcome.REQUIRE_SCA,
                "barcode_dynamic_level_b");
    }

    @Test
    void aPresentCustomerAlreadyAtLevelBOrANeedsNoMoreThanTheirLevelAllows() {
        allowed(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 500_000, B));
        decided(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 500_001, B), Outcome.REQUIRE_SCA, "barcode_dynamic_level_b");
        allowed(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 2_000_000, A));
        decided(decide(PaymentChannel.QR_DYNAMIC, 0, 0, 2_000_001, A), Outcome.DECLINE, "barcode_dynamic_level_a");
    }

    @Test
    void theLimitsApplyToBarcodePaymentsInTheirCurrencyOnly() {
        allowed(decide(PaymentChannel.API, 0, 0, 3_000_000, C));
        allowed(decide(PaymentChannel.PAYMENT_CODE, 0, 0, Money.of(3_000_000, "USD"), C));
        allowed(decide(PaymentChannel.QR_STATIC, 0, 0, Money.of(3_000_000, "HKD"), C));
    }

    @Test
    void aPaymentCodeNumberHasEighteenDigitsThePrefixAndALuhnCheckDigit() {
        String code = PaymentCodeNumber.of("28", "123456789012345");
        assertThat(code).hasSize(18).startsWith("28123456789012345");
        assertThat(PaymentCodeNumber.valid(code)).isTrue();
        int last = code.charAt(17) - '0';
        String wrong = code.substring(0, 17) + (char) ('0' + (last + 1) % 10);
        assertThat(PaymentCodeNumber.valid(wrong)).isFalse();
        assertThat(PaymentCodeNumber.valid(code.substring(1))).isFalse();
        assertThat(PaymentCodeNumber.valid(code + "0")).isFalse();
        assertThat(PaymentCodeNumber.valid("28a" + code.substring(3))).isFalse();
        assertThat(PaymentCodeNumber.valid(null)).isFalse();
        assertThat(PaymentCodeNumber.randomDigits("28")).isEqualTo(15);
        assertThat(PaymentCodeNumber.tail(code)).isEqualTo(code.substring(14));
    }
}

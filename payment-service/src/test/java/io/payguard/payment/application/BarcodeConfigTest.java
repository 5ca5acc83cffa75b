package io.payguard.payment.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.payguard.payment.config.RiskConfig;

/** The barcode limits as configured become the four rules; limits out of order stop the service at start. */
class BarcodeConfigTest {

    record Limits(long staticMax, long c, long b, long a) implements RiskConfig.Barcode {
        public String currency() {
            return "CNY";
        }

        public long staticDailyMax() {
            return staticMax;
        }

        public long levelCDailyMax() {
            return c;
        }

        public long levelBDailyMax() {
            return b;
        }

        public long levelADailyMax() {
            return a;
        }
    }

    @Test
    void theDefaultsBecomeTheFourRules() {
        assertThat(RiskService.barcodePolicies(new Limits(50_000, 100_000, 500_000, 2_000_000)))
                .extracting(p -> p.id())
                .containsExactly(
                        "barcode_static_daily_limit",
                        "barcode_dynamic_level_c",
                        "barcode_dynamic_level_b",
                        "barcode_dynamic_level_a");
    }

    @Test
    void limitsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> RiskService.barcodePolicies(new Limits(50_000, 600_000, 500_000, 2_000_000)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("level C <= level B");
        assertThatThrownBy(() -> RiskService.barcodePolicies(new Limits(50_000, 100_000, 500_000, 400_000)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RiskService.barcodePolicies(new Limits(-1, 100_000, 500_000, 2_000_000)))
                .isInstanceOf(IllegalStateException.class);
    }
}

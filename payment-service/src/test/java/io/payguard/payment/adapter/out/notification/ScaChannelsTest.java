package io.payguard.payment.adapter.out.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.Money;

/** The log channel's place, the text of a code and how destinations are shown. */
class ScaChannelsTest {

    @Test
    void theLogChannelIsRefusedInProductionUnlessALocalStackAllowsIt() {
        assertThatThrownBy(() -> ScaChannels.requireNoLogInProduction(List.of("log", "email"), false, List.of("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("log channel");
        assertThatCode(() -> ScaChannels.requireNoLogInProduction(List.of("email", "sms"), false, List.of("prod")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ScaChannels.requireNoLogInProduction(List.of("log", "email"), true, List.of("prod")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ScaChannels.requireNoLogInProduction(List.of("log"), false, List.of("dev")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ScaChannels.requireNoLogInProduction(List.of("log"), false, List.of("test")))
                .doesNotThrowAnyException();
    }

    @Test
    void theTextNamesCodeAmountInMajorUnitsAndPayeeInChineseAndEnglish() {
        String text = ScaMessages.text("123456", new Money(60_000, Currency.getInstance("CNY")), "demo-merchant-a");
        assertThat(text)
                .contains("验证码 123456")
                .contains("CNY 600.00")
                .contains("demo-merchant-a")
                .contains("code 123456");
        assertThat(ScaMessages.major(new Money(1_500, Currency.getInstance("JPY"))))
                .isEqualTo("1500");
        assertThat(ScaMessages.subject()).contains("PayGuard");
    }

    @Test
    void destinationsAreShownMasked() {
        assertThat(ScaMessages.masked("email", "alice@example.com")).isEqualTo("a***@e***");
        assertThat(ScaMessages.masked("sms", "+8613800000000")).isEqualTo("+86*******0000");
        assertThat(ScaMessages.masked("email", "@x")).isEqualTo("***");
    }
}

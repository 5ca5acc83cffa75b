package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How {@link Mailbox#code} finds the one-time code in a mail or SMS text, next to amounts and other numbers. */
class MailboxTest {

    @Test
    void theCodeAfterTheWordCodeWinsOverAmounts() {
        assertThat(Mailbox.code("Pay 100001.00 CNY to shop 123456? Your PayGuard code: 654321"))
                .isEqualTo("654321");
        assertThat(Mailbox.code("Your verification code is\n<b>042917</b>")).isEqualTo("042917");
    }

    @Test
    void theBilingualTextPaymentServiceSends() {
        String text = "【PayGuard】验证码 270431，用于向 demo-merchant-a 支付 CNY 520.00，5 分钟内有效。请勿将验证码告诉任何人。\n"
                + "PayGuard code 270431 to pay CNY 520.00 to demo-merchant-a. Valid for 5 minutes. Never share this code.";
        assertThat(Mailbox.code(text)).isEqualTo("270431");
    }

    @Test
    void withoutTheWordTheOnlySixDigitNumberCounts() {
        assertThat(Mailbox.code("PayGuard: 318204 confirms 520.00 CNY")).isEqualTo("318204");
        assertThatThrownBy(() -> Mailbox.code("PayGuard: 318204 or 123456")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Mailbox.code("PayGuard: 1234567 and 600,000.00"))
                .isInstanceOf(AssertionError.class);
    }
}

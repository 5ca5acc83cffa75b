package io.payguard.payment.adapter.out.notification;

import java.math.BigDecimal;
import java.util.Currency;

import io.payguard.kernel.Money;

/** The one-time code's text, in Chinese and English: code, amount, currency and payee (what the customer approves). */
final class ScaMessages {

    private ScaMessages() {}

    static String subject() {
        return "PayGuard 支付验证码 / verification code";
    }

    static String text(String code, Money amount, String payee) {
        String sum = amount.currencyCode() + " " + major(amount);
        return "【PayGuard】验证码 " + code + "，用于向 " + payee + " 支付 " + sum + "，5 分钟内有效。请勿将验证码告诉任何人。\n"
                + "PayGuard code " + code + " to pay " + sum + " to " + payee
                + ". Valid for 5 minutes. Never share this code.";
    }

    /** Minor units shown in major units with the currency's ISO 4217 digits (60000 CNY: 600.00). */
    static String major(Money amount) {
        int digits = Currency.getInstance(amount.currencyCode()).getDefaultFractionDigits();
        return BigDecimal.valueOf(amount.minor(), Math.max(digits, 0)).toPlainString();
    }

    /** {@code alice@example.com} as {@code a***@e***}, {@code +8613800000000} as {@code +86*******0000}. */
    static String masked(String channel, String to) {
        if ("email".equals(channel)) {
            int at = to.indexOf('@');
            if (at <= 0 || at == to.length() - 1) {
                return "***";
            }
            return to.charAt(0) + "***@" + to.charAt(at + 1) + "***";
        }
        if (to.length() <= 7) {
            return "***";
        }
        return to.substring(0, 3) + "*".repeat(to.length() - 7) + to.substring(to.length() - 4);
    }
}

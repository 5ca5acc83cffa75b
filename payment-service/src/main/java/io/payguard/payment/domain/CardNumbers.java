package io.payguard.payment.domain;

import java.util.regex.Pattern;

/** Finds primary account numbers: 13 to 19 digits (spaces or dashes allowed between) passing the Luhn check. */
public final class CardNumbers {

    /** A maximal run of 13-19 digits, single spaces or dashes allowed between them. */
    private static final Pattern CANDIDATE = Pattern.compile("(?<!\\d)(?<!\\d[ -])\\d(?:[ -]?\\d){12,18}(?![ -]?\\d)");

    private CardNumbers() {
    }

    public static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return digits.length() >= 13 && sum % 10 == 0;
    }

    /**
     * True when {@code text} holds something that looks like a card number: a maximal run of 13-19 digits (spaces or
     * dashes between allowed) that starts with a card industry digit (1-9), is not one repeated digit, and passes Luhn.
     */
    public static boolean containsPan(String text) {
        if (text == null) {
            return false;
        }
        var m = CANDIDATE.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.charAt(0) != '0' && !digits.chars().allMatch(c -> c == digits.charAt(0)) && luhn(digits)) {
                return true;
            }
        }
        return false;
    }
}

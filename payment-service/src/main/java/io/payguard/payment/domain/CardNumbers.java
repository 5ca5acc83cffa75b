package io.payguard.payment.domain;

import java.util.regex.Pattern;

/** Finds primary account numbers: 13 to 19 digits (spaces or dashes allowed between) passing the Luhn check. */
public final class CardNumbers {

    private static final Pattern CANDIDATE = Pattern.compile("\\d(?:[ -]?\\d){12,18}");

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

    /** True when {@code text} holds something that looks like a real card number (any 13-19 digit window passing Luhn). */
    public static boolean containsPan(String text) {
        if (text == null) {
            return false;
        }
        var m = CANDIDATE.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            for (int len = 13; len <= digits.length(); len++) {
                for (int start = 0; start + len <= digits.length(); start++) {
                    if (luhn(digits.substring(start, start + len))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

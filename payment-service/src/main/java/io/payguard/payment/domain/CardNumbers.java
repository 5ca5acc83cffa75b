package io.payguard.payment.domain;

import java.util.regex.Pattern;

import io.payguard.kernel.Luhn;

/** Finds primary account numbers: 13 to 19 digits (spaces or dashes allowed between) passing the Luhn check. */
public final class CardNumbers {

    /**
     * 13-19 digits in a row, or written the way cards are: 4-4-4-4(-3) or 4-6-4/5 with single spaces or dashes, and not
     * part of a longer number, nor glued to letters or '_' (a digit run inside an identifier such as {@code pi_4019...ba}
     * is not a card number; about one random hex id in five hundred holds a Luhn-valid run). (Any dash-joined digit runs
     * would flag ids such as UUIDs whose groups happen to be digits.)
     */
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z_])(?<!\\d[ -])(?:\\d{13,19}|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{3})?|\\d{4}([ -])\\d{6}\\2\\d{4,5})"
                    + "(?![ -]?\\d)(?![A-Za-z_])");

    private CardNumbers() {}

    public static boolean luhn(String digits) {
        return digits.length() >= 13 && Luhn.valid(digits);
    }

    /**
     * True when {@code text} holds something that looks like a card number: a candidate (see above) that starts with a card industry digit (1-9), is not one repeated digit, and passes Luhn.
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
